package io.flexledger.settlement.blocks;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Consenter;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Orderers;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.orderer.ConsensusType;

/**
 * The organisations of the channel as a configuration block declares them: for each MSP (by its id)
 * the certificates of its certificate authorities, its revocation lists and whether identities carry
 * their role as an organisational unit (NodeOUs). Application organisations endorse and submit;
 * orderer organisations sign blocks. For a BFT ordering service also its consenters (id, MSP and
 * signing certificate), a quorum of which signs each block.
 */
final class ChannelConfig {
    /** The FabricMSPConfig type of an X.509 MSP ({@code MSPConfig.type}). */
    private static final int FABRIC_MSP = 0;
    /** The consensus type of SmartBFT ({@code ConsensusType.type}). */
    static final String BFT = "BFT";

    private final long block;
    private final Map<String, Msp> application;
    private final Map<String, Msp> orderer;
    private final String consensusType;
    private final Map<Integer, Signer> consenters;

    private ChannelConfig(
            long block,
            Map<String, Msp> application,
            Map<String, Msp> orderer,
            String consensusType,
            Map<Integer, Signer> consenters) {
        this.block = block;
        this.application = application;
        this.orderer = orderer;
        this.consensusType = consensusType;
        this.consenters = consenters;
    }

    /**
     * The configuration in the one transaction of configuration block {@code number}: {@code
     * Payload.data} is a {@code ConfigEnvelope}, whose {@code Config.channel_group} has the groups
     * {@code Application} and {@code Orderer}, each with one group per organisation whose value {@code
     * MSP} is an {@code MSPConfig}; the {@code Orderer} group's values {@code ConsensusType} (its type)
     * and, for BFT, {@code Orderers} (the consenter mapping: id, MSP id, PEM signing certificate).
     */
    static ChannelConfig parse(long number, Envelope envelope) throws InvalidProtocolBufferException {
        Payload payload = Payload.parseFrom(envelope.getPayload());
        Config config = ConfigEnvelope.parseFrom(payload.getData()).getConfig();
        ConfigGroup channel = config.getChannelGroup();
        ConfigGroup ordererGroup = channel.getGroupsOrDefault("Orderer", ConfigGroup.getDefaultInstance());
        ConfigValue type = ordererGroup.getValuesMap().get("ConsensusType");
        String consensusType =
                type == null ? "" : ConsensusType.parseFrom(type.getValue()).getType();
        Map<Integer, Signer> consenters = new TreeMap<>();
        ConfigValue orderers = ordererGroup.getValuesMap().get("Orderers");
        if (orderers != null) {
            for (Consenter c : Orderers.parseFrom(orderers.getValue()).getConsenterMappingList()) {
                consenters.put(
                        c.getId(),
                        Signer.parse(SerializedIdentity.newBuilder()
                                .setMspid(c.getMspId())
                                .setIdBytes(c.getIdentity())
                                .build()
                                .toByteString()));
            }
        }
        if (BFT.equals(consensusType) && consenters.isEmpty()) {
            throw new IllegalStateException("a BFT ordering service without consenters");
        }
        return new ChannelConfig(
                number,
                organisations(channel.getGroupsOrDefault("Application", ConfigGroup.getDefaultInstance())),
                organisations(ordererGroup),
                consensusType,
                consenters);
    }

    private static Map<String, Msp> organisations(ConfigGroup group) throws InvalidProtocolBufferException {
        Map<String, Msp> out = new TreeMap<>();
        for (ConfigGroup org : group.getGroupsMap().values()) {
            ConfigValue value = org.getValuesMap().get("MSP");
            if (value == null) {
                continue;
            }
            MSPConfig msp = MSPConfig.parseFrom(value.getValue());
            if (msp.getType() != FABRIC_MSP) {
                continue;
            }
            Msp m = new Msp(FabricMSPConfig.parseFrom(msp.getConfig()));
            out.put(m.id, m);
        }
        return out;
    }

    /** The configuration block this was read from. */
    long block() {
        return block;
    }

    /** The application organisations' MSP ids. */
    java.util.Set<String> applicationMsps() {
        return application.keySet();
    }

    /** An application organisation's MSP, if the channel has it. */
    Optional<Msp> application(String mspId) {
        return Optional.ofNullable(application.get(mspId));
    }

    /** An orderer organisation's MSP, if the channel has it. */
    Optional<Msp> orderer(String mspId) {
        return Optional.ofNullable(orderer.get(mspId));
    }

    /** Whether the ordering service is SmartBFT: blocks are signed by a quorum of consenters. */
    boolean bft() {
        return BFT.equals(consensusType);
    }

    /** The BFT consenters by id: each one's MSP id and signing certificate (empty for Raft). */
    Map<Integer, Signer> consenters() {
        return consenters;
    }

    /**
     * How many consenters must sign a block: {@code ceil((n + f + 1) / 2)} of {@code n}, where {@code f
     * = (n - 1) / 3} may be faulty (3 of 4), as Fabric computes the BFT block validation policy.
     */
    int bftQuorum() {
        int n = consenters.size();
        int f = (n - 1) / 3;
        return (n + f + 2) / 2;
    }

    /** A signer as a transaction or block names it: a {@code SerializedIdentity} (MSP id and PEM certificate). */
    record Signer(String mspId, X509Certificate certificate) {
        /** The certificate's subject, to name the signer. */
        String subject() {
            return certificate.getSubjectX500Principal().getName();
        }

        /**
         * Reads a {@code SerializedIdentity}.
         *
         * @throws InvalidProtocolBufferException when it is not one
         * @throws IllegalArgumentException when its certificate is unreadable
         */
        static Signer parse(ByteString serializedIdentity) throws InvalidProtocolBufferException {
            SerializedIdentity id = SerializedIdentity.parseFrom(serializedIdentity);
            try {
                return new Signer(id.getMspid(), (X509Certificate) certificates()
                        .generateCertificate(
                                new ByteArrayInputStream(id.getIdBytes().toByteArray())));
            } catch (CertificateException | ClassCastException e) {
                throw new IllegalArgumentException(
                        "the identity of " + id.getMspid() + " holds no readable X.509 certificate", e);
            }
        }
    }

    /** One organisation's X.509 MSP. */
    static final class Msp {
        private final String id;
        private final List<X509Certificate> roots = new ArrayList<>();
        private final List<X509Certificate> intermediates = new ArrayList<>();
        private final List<X509CRL> revocations = new ArrayList<>();
        private final boolean nodeOus;
        private final String peerOu;
        private final String signatureAlgorithm;
        /** The chain of each certificate checked so far: most are met once per transaction. */
        private final Map<X509Certificate, List<X509Certificate>> chains =
                new java.util.concurrent.ConcurrentHashMap<>();

        Msp(FabricMSPConfig config) {
            this.id = config.getName();
            config.getRootCertsList().forEach(pem -> roots.addAll(readCertificates(pem)));
            config.getIntermediateCertsList().forEach(pem -> intermediates.addAll(readCertificates(pem)));
            for (ByteString pem : config.getRevocationListList()) {
                try {
                    for (CRL crl : certificates().generateCRLs(new ByteArrayInputStream(pem.toByteArray()))) {
                        revocations.add((X509CRL) crl);
                    }
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("MSP " + id + " has an unreadable revocation list", e);
                }
            }
            FabricNodeOUs ous = config.getFabricNodeOus();
            this.nodeOus = ous.getEnable();
            String ou = ous.getPeerOuIdentifier().getOrganizationalUnitIdentifier();
            this.peerOu = ou.isEmpty() ? "peer" : ou;
            // Fabric signs the SHA-256 (or SHA3-256) digest of the message, by the MSP's hash family.
            this.signatureAlgorithm =
                    config.getCryptoConfig().getSignatureHashFamily().equals("SHA3")
                            ? "SHA3-256withECDSA"
                            : "SHA256withECDSA";
        }

        String id() {
            return id;
        }

        /**
         * Why {@code certificate} is not an identity of this MSP (or not a peer's, with {@code peer}): not
         * issued through one of its CAs, revoked by one of them, or without the peer's organisational
         * unit when NodeOUs are on. Empty when it is one.
         */
        Optional<String> refusal(X509Certificate certificate, boolean peer) {
            List<X509Certificate> chain = chains.computeIfAbsent(certificate, this::chainOf);
            if (chain.isEmpty()) {
                return Optional.of("its certificate is not issued by a CA of " + id + " in the channel configuration");
            }
            for (X509CRL crl : revocations) {
                if (crl.isRevoked(certificate) && issuedBy(crl, chain)) {
                    return Optional.of(
                            "its certificate (serial " + certificate.getSerialNumber() + ") is revoked by " + id);
                }
            }
            if (peer && nodeOus && !organisationalUnits(certificate).contains(peerOu)) {
                return Optional.of("its certificate is not a peer's: organisational units "
                        + organisationalUnits(certificate) + ", a peer's is " + peerOu);
            }
            return Optional.empty();
        }

        /**
         * Why {@code signature} is not the certificate's over {@code data} as Fabric signs (ECDSA over the
         * SHA-256 digest, DER, with a low S), or empty when it is.
         */
        Optional<String> signatureRefusal(X509Certificate certificate, byte[] data, byte[] signature) {
            PublicKey key = certificate.getPublicKey();
            if (!(key instanceof ECPublicKey ec)) {
                return Optional.of("its key is " + key.getAlgorithm() + ", not ECDSA, which this audit checks");
            }
            BigInteger s;
            try {
                s = Der.ecdsaSignature(signature)[1];
            } catch (IllegalArgumentException e) {
                return Optional.of("its signature is not a DER ECDSA signature");
            }
            // Fabric refuses the high-S twin of a signature, so that a signature cannot be altered.
            if (s.compareTo(ec.getParams().getOrder().shiftRight(1)) > 0) {
                return Optional.of("its signature has a high S, which Fabric refuses");
            }
            try {
                Signature v = Signature.getInstance(signatureAlgorithm);
                v.initVerify(key);
                v.update(data);
                if (!v.verify(signature)) {
                    return Optional.of("its signature does not verify");
                }
                return Optional.empty();
            } catch (GeneralSecurityException e) {
                return Optional.of("its signature cannot be checked: " + e.getMessage());
            }
        }

        /** The chain from {@code certificate} to one of the roots, through the intermediates; empty if none. */
        private List<X509Certificate> chainOf(X509Certificate certificate) {
            List<X509Certificate> chain = new ArrayList<>();
            X509Certificate current = certificate;
            // A chain of at most a few intermediates; a loop among them ends here too.
            for (int depth = 0; depth < 8; depth++) {
                Optional<X509Certificate> root = issuerAmong(current, roots);
                if (root.isPresent()) {
                    chain.add(root.get());
                    return chain;
                }
                Optional<X509Certificate> intermediate = issuerAmong(current, intermediates);
                if (intermediate.isEmpty()) {
                    return List.of();
                }
                chain.add(intermediate.get());
                current = intermediate.get();
            }
            return List.of();
        }

        private static Optional<X509Certificate> issuerAmong(X509Certificate cert, List<X509Certificate> cas) {
            for (X509Certificate ca : cas) {
                if (ca.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                    try {
                        cert.verify(ca.getPublicKey());
                        return Optional.of(ca);
                    } catch (GeneralSecurityException e) {
                        // same name, other key: not this one
                    }
                }
            }
            return Optional.empty();
        }

        private static boolean issuedBy(X509CRL crl, List<X509Certificate> chain) {
            for (X509Certificate ca : chain) {
                try {
                    crl.verify(ca.getPublicKey());
                    return true;
                } catch (GeneralSecurityException e) {
                    // not this CA's list
                }
            }
            return false;
        }
    }

    /** The organisational units (OU) of a certificate's subject. */
    static List<String> organisationalUnits(X509Certificate certificate) {
        List<String> out = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                javax.naming.directory.Attributes attributes = rdn.toAttributes();
                javax.naming.directory.Attribute ou = attributes.get("OU");
                if (ou != null) {
                    for (int i = 0; i < ou.size(); i++) {
                        out.add(String.valueOf(ou.get(i)));
                    }
                }
            }
        } catch (javax.naming.NamingException e) {
            // an unreadable subject has no organisational unit
        }
        return out;
    }

    private static List<X509Certificate> readCertificates(ByteString pem) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : certificates().generateCertificates(new ByteArrayInputStream(pem.toByteArray()))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalStateException("a CA certificate of the channel configuration is unreadable", e);
        }
    }

    private static CertificateFactory certificates() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("X.509 is missing from this JVM", e);
        }
    }
}
