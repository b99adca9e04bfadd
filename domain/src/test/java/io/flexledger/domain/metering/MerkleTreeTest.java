package io.flexledger.domain.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.domain.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    private static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(MerkleTree.leafHash("leaf-" + i));
        }
        return out;
    }

    @Test
    void everyProofOfEveryTreeUpTo70LeavesLeadsToTheRoot() {
        for (int n = 1; n <= 70; n++) {
            List<byte[]> leaves = leaves(n);
            MerkleTree tree = MerkleTree.of(leaves);
            for (int i = 0; i < n; i++) {
                MerkleProof proof = tree.proof(i);
                assertThat(proof.verify(leaves.get(i), tree.rootHex()))
                        .as("leaf %d of %d", i, n)
                        .isTrue();
                // Another leaf never passes with this leaf's proof.
                assertThat(proof.verify(leaves.get((i + 1) % n), tree.rootHex()))
                        .as("other leaf at %d of %d", i, n)
                        .isEqualTo(n == 1);
            }
        }
    }

    @Test
    void aTreeOfOneLeafHasTheLeafAsRoot() {
        byte[] leaf = MerkleTree.leafHash("only");
        assertThat(MerkleTree.of(List.of(leaf)).rootHex()).isEqualTo(MerkleTree.hex(leaf));
    }

    @Test
    void rootOfThreeLeavesPromotesTheOddOne() {
        List<byte[]> l = leaves(3);
        byte[] expected = MerkleTree.nodeHash(MerkleTree.nodeHash(l.get(0), l.get(1)), l.get(2));
        assertThat(MerkleTree.of(l).rootHex()).isEqualTo(MerkleTree.hex(expected));
    }

    @Test
    void changingAnyLeafChangesTheRoot() {
        List<byte[]> l = leaves(9);
        String root = MerkleTree.of(l).rootHex();
        for (int i = 0; i < l.size(); i++) {
            List<byte[]> changed = new ArrayList<>(l);
            changed.set(i, MerkleTree.leafHash("changed"));
            assertThat(MerkleTree.of(changed).rootHex()).isNotEqualTo(root);
        }
    }

    @Test
    void aProofWithAWrongIndexCountOrSiblingFails() {
        List<byte[]> l = leaves(11);
        MerkleTree tree = MerkleTree.of(l);
        MerkleProof p = tree.proof(4);
        assertThat(new MerkleProof(5, 11, p.siblingsHex()).verify(l.get(4), tree.rootHex()))
                .isFalse();
        // The root does not bind the leaf count (11 and 12 leaves give leaf 4 the same path), so
        // whoever checks a proof compares its leafCount with the anchor's.
        assertThat(new MerkleProof(4, 12, p.siblingsHex()).verify(l.get(4), tree.rootHex()))
                .isTrue();
        List<String> siblings = new ArrayList<>(p.siblingsHex());
        siblings.set(1, MerkleTree.hex(MerkleTree.leafHash("x")));
        assertThat(new MerkleProof(4, 11, siblings).verify(l.get(4), tree.rootHex()))
                .isFalse();
        // Too few or too many siblings for the tree's shape.
        assertThat(new MerkleProof(4, 11, p.siblingsHex().subList(0, 2)).rootFrom(l.get(4)))
                .isNull();
        List<String> extra = new ArrayList<>(p.siblingsHex());
        extra.add(p.siblingsHex().get(0));
        assertThat(new MerkleProof(4, 11, extra).rootFrom(l.get(4))).isNull();
    }

    @Test
    void malformedProofsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new MerkleProof(3, 3, List.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("leafIndex");
        assertThatThrownBy(() -> new MerkleProof(0, 2, List.of("ABC")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("siblings[0]");
        assertThatThrownBy(() -> MerkleTree.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
