package io.flexledger.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PageKindTest {
    @Test
    void pathsMapToTheirPage() {
        assertThat(PageKind.ofPath("/dso")).contains(PageKind.DSO);
        assertThat(PageKind.ofPath("/audit/proof/stl-1")).contains(PageKind.AUDIT);
        assertThat(PageKind.ofPath("/live/market")).contains(PageKind.MARKET);
        assertThat(PageKind.ofPath("/aggregator/offers")).contains(PageKind.AGGREGATOR);
        assertThat(PageKind.ofPath("/nothing")).isEmpty();
    }

    @Test
    void eachRoleSeesItsPagesOnly() {
        assertThat(PageKind.visibleTo(Set.of("prosumer"))).containsExactly(PageKind.PROSUMER);
        assertThat(PageKind.visibleTo(Set.of("auditor"))).containsExactly(PageKind.AUDIT, PageKind.MARKET);
        assertThat(PageKind.visibleTo(Set.of("dso"))).containsExactly(PageKind.DSO, PageKind.AUDIT, PageKind.MARKET);
        assertThat(PageKind.visibleTo(Set.of("aggregator"))).containsExactly(PageKind.AGGREGATOR, PageKind.MARKET);
        assertThat(PageKind.visibleTo(Set.of("admin"))).containsExactly(PageKind.MARKET);
    }
}
