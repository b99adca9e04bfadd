package io.flexledger.ui.calc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks a reading's Merkle path to an anchor root: leaf = SHA-256(0x00 || text), node =
 * SHA-256(0x01 || left || right), an odd last node promoted unchanged; hex lower-case.
 */
public final class MerklePath {
    private static final HexFormat HEX = HexFormat.of();

    private MerklePath() {}

    /** The leaf hash of a signed reading: its canonical text, "|", its signature. */
    public static String leafHash(String canonicalText, String signatureBase64) {
        return HEX.formatHex(
                sha256((byte) 0x00, (canonicalText + "|" + signatureBase64).getBytes(StandardCharsets.UTF_8)));
    }

    /** The root a path leads to from a leaf, or null when the path does not fit the tree's shape. */
    public static String rootOf(String leafHex, int leafIndex, int leafCount, List<String> siblingsHex) {
        if (leafIndex < 0 || leafIndex >= leafCount) {
            return null;
        }
        byte[] h = HEX.parseHex(leafHex);
        int index = leafIndex;
        int width = leafCount;
        int used = 0;
        while (width > 1) {
            if (index % 2 == 1) {
                // A right child: the sibling is on the left.
                if (used >= siblingsHex.size()) {
                    return null;
                }
                h = node(HEX.parseHex(siblingsHex.get(used++)), h);
            } else if (index + 1 < width) {
                // A left child with a right neighbour.
                if (used >= siblingsHex.size()) {
                    return null;
                }
                h = node(h, HEX.parseHex(siblingsHex.get(used++)));
            }
            // Otherwise the last node of an odd level: promoted unchanged.
            index /= 2;
            width = (width + 1) / 2;
        }
        // Every sibling must have been used.
        return used == siblingsHex.size() ? HEX.formatHex(h) : null;
    }

    /** Whether the path leads from the leaf to {@code rootHex}. */
    public static boolean verify(
            String leafHex, int leafIndex, int leafCount, List<String> siblingsHex, String rootHex) {
        String root = rootOf(leafHex, leafIndex, leafCount, siblingsHex);
        return root != null && root.equalsIgnoreCase(rootHex);
    }

    static byte[] node(byte[] left, byte[] right) {
        byte[] both = new byte[left.length + right.length];
        System.arraycopy(left, 0, both, 0, left.length);
        System.arraycopy(right, 0, both, left.length, right.length);
        return sha256((byte) 0x01, both);
    }

    private static byte[] sha256(byte prefix, byte[] data) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(prefix);
            d.update(data);
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
