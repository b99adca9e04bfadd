package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/**
 * The wrapper in which every UFTP message travels: the sender's domain and role, and the inner
 * message as transformed by the sender's cryptographic scheme (for CS1, libsodium's crypto_sign
 * combined form: 64-byte Ed25519 signature, then the message). See {@link Cs1}.
 */
@XmlRootElement(name = "SignedMessage")
public final class SignedMessage extends UftpElement implements UftpMessage {
    /** Internet domain of the sender; must match the inner message's SenderDomain. */
    @Form(value = Form.DOMAIN, what = "an Internet domain name")
    @XmlAttribute(name = "SenderDomain", required = true)
    private String senderDomain;

    /** The sender's role. */
    @XmlAttribute(name = "SenderRole", required = true)
    private UsefRole senderRole;

    /** The signed inner message (written as Base64). */
    @XmlAttribute(name = "Body", required = true)
    private byte[] body;

    public SignedMessage() {}

    public SignedMessage(String senderDomain, UsefRole senderRole, byte[] body) {
        this.senderDomain = senderDomain;
        this.senderRole = senderRole;
        this.body = body.clone();
    }

    public String getSenderDomain() {
        return senderDomain;
    }

    public UsefRole getSenderRole() {
        return senderRole;
    }

    /** A copy of the signed body. */
    public byte[] getBody() {
        return body == null ? null : body.clone();
    }
}
