package io.flexledger.settlement.blocks;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/**
 * The little ASN.1 DER that Fabric's blocks need: the bytes of a block header that are hashed and
 * signed, and the two integers of an ECDSA signature.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int SEQUENCE = 0x30;

    private Der() {}

    /**
     * A block header as Fabric hashes it: {@code SEQUENCE {number INTEGER, previous_hash OCTET STRING,
     * data_hash OCTET STRING}}, the number unsigned.
     */
    static byte[] blockHeader(long number, byte[] previousHash, byte[] dataHash) {
        return tlv(
                SEQUENCE,
                concat(
                        tlv(INTEGER, new BigInteger(Long.toUnsignedString(number)).toByteArray()),
                        tlv(OCTET_STRING, previousHash),
                        tlv(OCTET_STRING, dataHash)));
    }

    /** One element: tag, length (short or long form), content. */
    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /**
     * The {@code (r, s)} of a DER ECDSA signature {@code SEQUENCE {r INTEGER, s INTEGER}}.
     *
     * @throws IllegalArgumentException when the bytes are not exactly that
     */
    static BigInteger[] ecdsaSignature(byte[] der) {
        Reader seq = new Reader(new Reader(der).element(SEQUENCE, true));
        BigInteger r = new BigInteger(seq.element(INTEGER, false));
        BigInteger s = new BigInteger(seq.element(INTEGER, true));
        return new BigInteger[] {r, s};
    }

    /** Reads elements one after the other from a byte array. */
    private static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        /** The content of the next element, which must have {@code tag} (and end the input if {@code last}). */
        byte[] element(int tag, boolean last) {
            if (at + 2 > bytes.length || (bytes[at] & 0xff) != tag) {
                throw new IllegalArgumentException("expected DER tag " + tag + " at " + at);
            }
            at++;
            int length = bytes[at++] & 0xff;
            if (length >= 0x80) {
                int count = length & 0x7f;
                if (count == 0 || count > 3 || at + count > bytes.length) {
                    throw new IllegalArgumentException("bad DER length at " + at);
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (bytes[at++] & 0xff);
                }
            }
            if (length == 0 || at + length > bytes.length) {
                throw new IllegalArgumentException("bad DER length " + length + " at " + at);
            }
            byte[] content = java.util.Arrays.copyOfRange(bytes, at, at + length);
            at += length;
            if (last && at != bytes.length) {
                throw new IllegalArgumentException("trailing bytes after DER element at " + at);
            }
            return content;
        }
    }
}
