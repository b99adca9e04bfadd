package io.flexledger.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.domain.metering.MerkleTree;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit page's check of a reading's Merkle path to the anchored root. */
class ReadingPathTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] leaf(int i, String kwh) {
        return MerkleTree.leafHash(
                "flexledger-reading-v1|m" + i + "|h|2026-11-28|" + i + "|" + kwh + "|" + i + "|sig" + i);
    }

    private static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(leaf(i, "0.100000"));
        }
        return out;
    }

    @Test
    void everyLeafsPathLeadsToTheRootForTreesOfOneToNineLeaves() {
        for (int n = 1; n <= 9; n++) {
            List<byte[]> leaves = leaves(n);
            MerkleTree tree = MerkleTree.of(leaves);
            for (int i = 0; i < n; i++) {
                var proof = tree.proof(i);
                assertThat(AuditView.leadsTo(leaves.get(i), i, n, proof.siblingsHex(), tree.rootHex()))
                        .as("leaf %d of %d", i, n)
                        .isTrue();
            }
        }
    }

    @Test
    void aChangedReadingSiblingOrIndexFails() {
        List<byte[]> leaves = leaves(7);
        MerkleTree tree = MerkleTree.of(leaves);
        String root = tree.rootHex();
        List<String> path = tree.proof(3).siblingsHex();
        byte[] leaf = leaves.get(3);
        assertThat(AuditView.leadsTo(leaf(3, "0.200000"), 3, 7, path, root)).isFalse();
        List<String> tampered = new ArrayList<>(path);
        tampered.set(0, HEX.formatHex(leaves.get(0)));
        assertThat(AuditView.leadsTo(leaf, 3, 7, tampered, root)).isFalse();
        assertThat(AuditView.leadsTo(leaf, 2, 7, path, root)).isFalse();
        List<String> longer = new ArrayList<>(path);
        longer.add(root);
        assertThat(AuditView.leadsTo(leaf, 3, 7, longer, root)).isFalse();
        assertThat(AuditView.leadsTo(leaf, 7, 7, path, root)).isFalse();
        // Upper-case hex is the same path.
        assertThat(AuditView.leadsTo(leaf, 3, 7, path, root.toUpperCase())).isTrue();
    }
}
