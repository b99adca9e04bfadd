package io.flexledger.ui.calc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerklePathTest {
    private static final HexFormat HEX = HexFormat.of();

    /** The tree's levels built from its definition, bottom first. */
    private static List<List<String>> levels(List<String> leaves) {
        List<List<String>> levels = new ArrayList<>();
        levels.add(leaves);
        List<String> level = leaves;
        while (level.size() > 1) {
            List<String> up = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                up.add(
                        i + 1 < level.size()
                                ? HEX.formatHex(
                                        MerklePath.node(HEX.parseHex(level.get(i)), HEX.parseHex(level.get(i + 1))))
                                : level.get(i));
            }
            levels.add(up);
            level = up;
        }
        return levels;
    }

    private static List<String> proof(List<List<String>> levels, int index) {
        List<String> siblings = new ArrayList<>();
        for (int l = 0; l < levels.size() - 1; l++) {
            List<String> level = levels.get(l);
            int sibling = index ^ 1;
            if (sibling < level.size()) {
                siblings.add(level.get(sibling));
            }
            index /= 2;
        }
        return siblings;
    }

    private static List<String> leaves(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(MerklePath.leafHash(
                    "flexledger-reading-v1|m" + i + "|h|2026-11-28|" + i + "|0.100000|" + i, "sig" + i));
        }
        return out;
    }

    @Test
    void everyLeafsPathLeadsToTheRootForTreesOfOneToNineLeaves() {
        for (int n = 1; n <= 9; n++) {
            List<List<String>> levels = levels(leaves(n));
            String root = levels.get(levels.size() - 1).get(0);
            for (int i = 0; i < n; i++) {
                assertThat(MerklePath.verify(levels.get(0).get(i), i, n, proof(levels, i), root))
                        .as("leaf %d of %d", i, n)
                        .isTrue();
            }
        }
    }

    @Test
    void aChangedReadingSiblingOrIndexFails() {
        List<List<String>> levels = levels(leaves(7));
        String root = levels.get(levels.size() - 1).get(0);
        List<String> path = proof(levels, 3);
        String leaf = levels.get(0).get(3);
        String otherLeaf = MerklePath.leafHash("flexledger-reading-v1|m3|h|2026-11-28|3|0.200000|3", "sig3");
        assertThat(MerklePath.verify(otherLeaf, 3, 7, path, root)).isFalse();
        List<String> tampered = new ArrayList<>(path);
        tampered.set(0, levels.get(0).get(0));
        assertThat(MerklePath.verify(leaf, 3, 7, tampered, root)).isFalse();
        assertThat(MerklePath.verify(leaf, 2, 7, path, root)).isFalse();
        List<String> longer = new ArrayList<>(path);
        longer.add(root);
        assertThat(MerklePath.verify(leaf, 3, 7, longer, root)).isFalse();
        assertThat(MerklePath.verify(leaf, 7, 7, path, root)).isFalse();
    }

    @Test
    void leafHashIsSha256OfZeroByteTextAndSignature() {
        // SHA-256 of 0x00 || "a|b", computed independently.
        assertThat(MerklePath.leafHash("a", "b")).isEqualTo(sha256Hex(new byte[] {0x00, 'a', '|', 'b'}));
    }

    private static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
