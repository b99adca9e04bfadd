package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlTransient;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The metadata every UFTP payload message carries (the schema's PayloadMessageType). */
@XmlTransient
public abstract non-sealed class PayloadMessage extends UftpElement implements UftpMessage {
    /** The version of the specification these messages are written to. */
    public static final String VERSION = "3.1.0";

    /** Version of the specification the sender uses (major.minor.patch). */
    @Form(value = Form.VERSION, what = "a version major.minor.patch")
    @XmlAttribute(name = "Version", required = true)
    private String version;

    /** Internet domain of the sender. */
    @Form(value = Form.DOMAIN, what = "an Internet domain name")
    @XmlAttribute(name = "SenderDomain", required = true)
    private String senderDomain;

    /** Internet domain of the recipient. */
    @Form(value = Form.DOMAIN, what = "an Internet domain name")
    @XmlAttribute(name = "RecipientDomain", required = true)
    private String recipientDomain;

    /** When the message was created, with its offset. */
    @XmlAttribute(name = "TimeStamp", required = true)
    private OffsetDateTime timeStamp;

    /** Unique identifier of this message. */
    @XmlAttribute(name = "MessageID", required = true)
    private UUID messageId;

    /** Identifier shared by a message and the replies to it. */
    @XmlAttribute(name = "ConversationID", required = true)
    private UUID conversationId;

    /** The root element's name, as in the XML (e.g. D-Prognosis). */
    public final String elementName() {
        return UftpXml.elementName(getClass());
    }

    public String getVersion() {
        return version;
    }

    public PayloadMessage setVersion(String version) {
        this.version = version;
        return this;
    }

    public String getSenderDomain() {
        return senderDomain;
    }

    public PayloadMessage setSenderDomain(String senderDomain) {
        this.senderDomain = senderDomain;
        return this;
    }

    public String getRecipientDomain() {
        return recipientDomain;
    }

    public PayloadMessage setRecipientDomain(String recipientDomain) {
        this.recipientDomain = recipientDomain;
        return this;
    }

    public OffsetDateTime getTimeStamp() {
        return timeStamp;
    }

    public PayloadMessage setTimeStamp(OffsetDateTime timeStamp) {
        this.timeStamp = timeStamp;
        return this;
    }

    public UUID getMessageId() {
        return messageId;
    }

    public PayloadMessage setMessageId(UUID messageId) {
        this.messageId = messageId;
        return this;
    }

    public UUID getConversationId() {
        return conversationId;
    }

    public PayloadMessage setConversationId(UUID conversationId) {
        this.conversationId = conversationId;
        return this;
    }
}
