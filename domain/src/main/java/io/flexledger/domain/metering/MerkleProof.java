package io.flexledger.domain.metering;

import io.flexledger.domain.validation.Violations;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The path from one leaf to the root of a {@link MerkleTree}: the sibling hashes from the bottom up
 * (a level where the node was promoted has none).
 *
 * @param leafIndex the leaf's position, from 0
 * @param leafCount the number of leaves in the tree
 * @param siblingsHex the sibling hashes, lower-case hex, bottom up
 */
public record MerkleProof(int leafIndex, int leafCount, List<String> siblingsHex) {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public MerkleProof {
        Violations v = new Violations();
        v.check(leafCount >= 1, "leafCount", "must be at least 1");
        v.check(leafIndex >= 0 && leafIndex < Math.max(leafCount, 1), "leafIndex", "must be in [0, leafCount)");
        if (v.present(siblingsHex, "siblings")) {
            // A proof has at most one sibling per level, 64 levels at the very most.
            v.check(siblingsHex.size() <= 64, "siblings", "has more than 64 hashes");
            for (int i = 0; i < siblingsHex.size() && i < 64; i++) {
                String s = siblingsHex.get(i);
                v.check(
                        s != null && HASH.matcher(s).matches(),
                        "siblings[" + i + "]",
                        "must be 64 lower-case hex digits");
            }
        }
        v.throwIfAny();
        siblingsHex = List.copyOf(siblingsHex);
    }

    /** The root this proof leads to from {@code leafHash}, or null if the proof's shape is wrong. */
    public byte[] rootFrom(byte[] leafHash) {
        HexFormat hex = HexFormat.of();
        byte[] node = leafHash;
        int index = leafIndex;
        int width = leafCount;
        int used = 0;
        while (width > 1) {
            boolean promoted = index == width - 1 && width % 2 == 1;
            if (!promoted) {
                if (used >= siblingsHex.size()) {
                    return null;
                }
                byte[] sibling = hex.parseHex(siblingsHex.get(used++));
                node = index % 2 == 0 ? MerkleTree.nodeHash(node, sibling) : MerkleTree.nodeHash(sibling, node);
            }
            index /= 2;
            width = (width + 1) / 2;
        }
        return used == siblingsHex.size() ? node : null;
    }

    /** Whether {@code leafHash} is leaf {@link #leafIndex} of a tree of {@link #leafCount} leaves with this root. */
    public boolean verify(byte[] leafHash, String rootHex) {
        byte[] root = rootFrom(leafHash);
        return root != null && MerkleTree.hex(root).equals(rootHex);
    }
}
