package io.flexledger.domain.metering;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A binary SHA-256 Merkle tree: leaf = H(0x00 || data), node = H(0x01 || left || right), an odd last
 * node is promoted to the next level unchanged. The prefixes keep a leaf from passing for a node.
 */
public final class MerkleTree {
    private static final HexFormat HEX = HexFormat.of();
    private final List<byte[][]> levels;

    private MerkleTree(List<byte[][]> levels) {
        this.levels = levels;
    }

    /** The tree over leaf hashes in their given order; at least one leaf. */
    public static MerkleTree of(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        List<byte[][]> levels = new ArrayList<>();
        byte[][] level = leafHashes.toArray(new byte[0][]);
        levels.add(level);
        while (level.length > 1) {
            byte[][] up = new byte[(level.length + 1) / 2][];
            for (int i = 0; i < up.length; i++) {
                int left = 2 * i;
                up[i] = left + 1 < level.length ? nodeHash(level[left], level[left + 1]) : level[left];
            }
            levels.add(up);
            level = up;
        }
        return new MerkleTree(levels);
    }

    /** The number of leaves. */
    public int leafCount() {
        return levels.get(0).length;
    }

    /** The root hash. */
    public byte[] root() {
        return levels.get(levels.size() - 1)[0].clone();
    }

    /** The root hash in lower-case hex. */
    public String rootHex() {
        return HEX.formatHex(levels.get(levels.size() - 1)[0]);
    }

    /** The proof that leaf {@code index} is in this tree. */
    public MerkleProof proof(int index) {
        if (index < 0 || index >= leafCount()) {
            throw new IndexOutOfBoundsException("leaf " + index + " of " + leafCount());
        }
        List<String> siblings = new ArrayList<>();
        int i = index;
        for (int l = 0; l < levels.size() - 1; l++) {
            byte[][] level = levels.get(l);
            int sibling = i ^ 1;
            // A promoted node has no sibling at this level.
            if (sibling < level.length) {
                siblings.add(HEX.formatHex(level[sibling]));
            }
            i /= 2;
        }
        return new MerkleProof(index, leafCount(), siblings);
    }

    /** H(0x00 || UTF-8(data)). */
    public static byte[] leafHash(String data) {
        MessageDigest d = sha256();
        d.update((byte) 0);
        d.update(data.getBytes(StandardCharsets.UTF_8));
        return d.digest();
    }

    /** H(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest d = sha256();
        d.update((byte) 1);
        d.update(left);
        d.update(right);
        return d.digest();
    }

    /** Lower-case hex of a hash. */
    public static String hex(byte[] hash) {
        return HEX.formatHex(hash);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
