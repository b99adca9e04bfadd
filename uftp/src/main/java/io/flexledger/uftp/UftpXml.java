package io.flexledger.uftp;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads and writes UFTP messages. Reading is hardened for bytes from anyone: a size limit, no
 * DTD (so no external entities and no entity expansion), only the known root elements, values of
 * the schema's forms, and every required attribute and element present. Whatever is refused comes
 * as a {@link UftpXmlException} that names the element or attribute at fault.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class UftpXml {
    /** The default largest message read: 1 MiB (a day of 15-minute ISPs is a few kilobytes). */
    public static final int DEFAULT_MAX_BYTES = 1 << 20;

    private static final int MAX_PROBLEMS_SHOWN = 10;

    private static final List<Class<? extends UftpMessage>> TYPES = List.of(
            SignedMessage.class,
            FlexRequest.class,
            FlexRequestResponse.class,
            FlexOffer.class,
            FlexOfferResponse.class,
            FlexOfferRevocation.class,
            FlexOfferRevocationResponse.class,
            FlexOrder.class,
            FlexOrderResponse.class,
            DPrognosis.class,
            DPrognosisResponse.class,
            FlexSettlement.class,
            FlexSettlementResponse.class);

    private static final Map<String, Class<? extends UftpMessage>> BY_ELEMENT;
    private static final JAXBContext CONTEXT;

    static {
        Map<String, Class<? extends UftpMessage>> byElement = new LinkedHashMap<>();
        for (Class<? extends UftpMessage> type : TYPES) {
            byElement.put(elementName(type), type);
        }
        BY_ELEMENT = Collections.unmodifiableMap(byElement);
        try {
            CONTEXT = JAXBContext.newInstance(TYPES.toArray(new Class<?>[0]));
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final UftpXml DEFAULT = new UftpXml(DEFAULT_MAX_BYTES);

    private final int maxBytes;

    private UftpXml(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A reader and writer with the default size limit. */
    public static UftpXml standard() {
        return DEFAULT;
    }

    /** A reader and writer that refuses messages larger than {@code maxBytes}. */
    public static UftpXml withMaxBytes(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        return new UftpXml(maxBytes);
    }

    /** The root element names this class reads, e.g. FlexOffer, D-Prognosis, SignedMessage. */
    public static List<String> elementNames() {
        return List.copyOf(BY_ELEMENT.keySet());
    }

    static String elementName(Class<?> type) {
        XmlRootElement root = type.getAnnotation(XmlRootElement.class);
        if (root == null) {
            throw new IllegalArgumentException(type.getSimpleName() + " is not a UFTP message");
        }
        return root.name();
    }

    /** The message as UTF-8 XML. Required attributes and elements must be set. */
    public byte[] write(UftpMessage message) {
        List<String> missing = new ArrayList<>();
        checkRequired(message, elementName(message.getClass()), missing);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "cannot write " + elementName(message.getClass()) + ": " + summary(missing));
        }
        try {
            Marshaller marshaller = CONTEXT.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            marshaller.marshal(message, out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write " + elementName(message.getClass()), e);
        }
    }

    /** Reads any of the messages of {@link #elementNames()}. */
    public UftpMessage read(byte[] xml) throws UftpXmlException {
        if (xml == null || xml.length == 0) {
            throw new UftpXmlException("empty message");
        }
        if (xml.length > maxBytes) {
            throw new UftpXmlException(
                    "message of " + xml.length + " bytes is larger than the limit of " + maxBytes + " bytes");
        }
        XMLStreamReader reader = null;
        try {
            reader = inputFactory().createXMLStreamReader(new ByteArrayInputStream(xml));
            String root = toRootElement(reader);
            Class<? extends UftpMessage> type = BY_ELEMENT.get(root);
            if (type == null) {
                throw new UftpXmlException(
                        "unknown root element <" + root + ">; expected one of " + BY_ELEMENT.keySet());
            }
            XMLStreamReader at = reader;
            String[] firstError = new String[1];
            UftpMessage message;
            try {
                Unmarshaller unmarshaller = CONTEXT.createUnmarshaller();
                unmarshaller.setEventHandler(event -> {
                    if (firstError[0] == null) {
                        firstError[0] = describe(event, at);
                    }
                    return false;
                });
                message = unmarshaller.unmarshal(reader, type).getValue();
            } catch (JAXBException | RuntimeException e) {
                if (firstError[0] != null) {
                    throw new UftpXmlException(firstError[0], e);
                }
                throw new UftpXmlException(failure(e, reader, root), e);
            }
            if (firstError[0] != null) {
                throw new UftpXmlException(firstError[0]);
            }
            List<String> missing = new ArrayList<>();
            checkRequired(message, root, missing);
            if (!missing.isEmpty()) {
                throw new UftpXmlException(summary(missing));
            }
            return message;
        } catch (XMLStreamException e) {
            throw new UftpXmlException("not well-formed XML: " + rootMessage(e), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release: the input is in memory
                }
            }
        }
    }

    /** Reads a message that must be of the given type, e.g. the FlexOrder an endpoint expects. */
    public <T extends UftpMessage> T read(byte[] xml, Class<T> type) throws UftpXmlException {
        UftpMessage message = read(xml);
        if (!type.isInstance(message)) {
            throw new UftpXmlException(
                    "expected <" + elementName(type) + ">, got <" + elementName(message.getClass()) + ">");
        }
        return type.cast(message);
    }

    private static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory;
    }

    /** Advances to the root element, refusing a DTD on the way. */
    private static String toRootElement(XMLStreamReader reader) throws XMLStreamException, UftpXmlException {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.DTD) {
                throw new UftpXmlException("a DOCTYPE (DTD) is not allowed in a UFTP message; entities are refused");
            }
            if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new UftpXmlException("entity reference &" + reader.getLocalName() + "; is not allowed");
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                String ns = reader.getNamespaceURI();
                if (ns != null && !ns.isEmpty()) {
                    throw new UftpXmlException("root element <" + reader.getLocalName() + "> is in namespace " + ns
                            + "; UFTP messages have no namespace");
                }
                return reader.getLocalName();
            }
        }
        throw new UftpXmlException("no root element");
    }

    private static String describe(ValidationEvent event, XMLStreamReader reader) {
        String where = "";
        try {
            if (reader.isStartElement() || reader.isEndElement()) {
                where = "<" + reader.getLocalName() + ">";
            }
        } catch (IllegalStateException ignored) {
            // the reader has no current element
        }
        var locator = event.getLocator();
        String line = locator != null && locator.getLineNumber() > 0
                ? " (line " + locator.getLineNumber() + ", column " + locator.getColumnNumber() + ")"
                : "";
        String message =
                event.getLinkedException() != null ? rootMessage(event.getLinkedException()) : event.getMessage();
        if (message != null && message.contains("ENTITY")) {
            message = "entities are not allowed: " + message;
        }
        return (where.isEmpty() ? "" : where + ": ") + message + line;
    }

    /** Describes a failure the binding did not report as an event: malformed XML, or a value it could not convert. */
    private static String failure(Exception e, XMLStreamReader reader, String root) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof XMLStreamException) {
                return "not well-formed XML: " + rootMessage(t);
            }
        }
        String where = "<" + root + ">";
        String line = "";
        try {
            if (reader.isStartElement()) {
                where = "<" + reader.getLocalName() + ">";
            }
            if (reader.getLocation() != null && reader.getLocation().getLineNumber() > 0) {
                line = " (line " + reader.getLocation().getLineNumber() + ", column "
                        + reader.getLocation().getColumnNumber() + ")";
            }
        } catch (RuntimeException ignored) {
            // the reader's position is unknown; name the root element
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause instanceof NumberFormatException
                ? "not a number: " + cause.getMessage().replace("For input string: ", "")
                : rootMessage(e);
        return where + ": " + message + line;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() != null ? t.getMessage() : e.getMessage();
        return message != null
                ? message.replaceAll("\\s*\\n\\s*", " ")
                : t.getClass().getSimpleName();
    }

    /** The first few problems, and how many more there are. */
    private static String summary(List<String> problems) {
        int shown = Math.min(problems.size(), MAX_PROBLEMS_SHOWN);
        String text = String.join("; ", problems.subList(0, shown));
        return shown < problems.size() ? text + "; and " + (problems.size() - shown) + " more" : text;
    }

    /** Adds to {@code missing} each required attribute that is absent and each required element list that is empty. */
    private static void checkRequired(Object element, String path, List<String> missing) {
        for (Class<?> c = element.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                XmlAttribute attribute = field.getAnnotation(XmlAttribute.class);
                XmlElement child = field.getAnnotation(XmlElement.class);
                if (attribute == null && child == null) {
                    continue;
                }
                field.setAccessible(true);
                Object value;
                try {
                    value = field.get(element);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (attribute != null && attribute.required() && value == null) {
                    missing.add("<" + path + ">: missing or invalid required attribute " + attribute.name());
                }
                Form form = field.getAnnotation(Form.class);
                if (attribute != null
                        && form != null
                        && value != null
                        && !value.toString().matches(form.value())) {
                    missing.add(
                            "<" + path + ">: attribute " + attribute.name() + " '" + value + "' is not " + form.what());
                }
                if (child != null) {
                    List<?> list = value == null ? List.of() : (List<?>) value;
                    if (child.required() && list.isEmpty()) {
                        missing.add("<" + path + ">: missing required element <" + child.name() + ">");
                    }
                    for (int i = 0; i < list.size(); i++) {
                        Object item = list.get(i);
                        if (item == null) {
                            missing.add("<" + path + "/" + child.name() + "[" + (i + 1) + "]>: empty");
                        } else {
                            checkRequired(item, path + "/" + child.name() + "[" + (i + 1) + "]", missing);
                        }
                    }
                }
            }
        }
    }
}
