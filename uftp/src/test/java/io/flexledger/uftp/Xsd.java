package io.flexledger.uftp;

import java.io.ByteArrayInputStream;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/** The specification's official schemas (test resources xsd/, UFTP 3.1.0): validates an XML message. */
final class Xsd {
    private static final Schema SCHEMA = load();

    private Xsd() {}

    private static Schema load() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            URL agrDso = Xsd.class.getResource("/xsd/UFTP-agr-dso.xsd");
            if (agrDso == null) {
                throw new IllegalStateException("xsd/UFTP-agr-dso.xsd is not on the test class path");
            }
            return factory.newSchema(agrDso);
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Throws with the validator's message if {@code xml} is not valid against UFTP-agr-dso.xsd (with UFTP-common.xsd). */
    static void validate(byte[] xml) throws SAXException, java.io.IOException {
        SCHEMA.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    }
}
