package io.flexledger.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void countConcurrencyAndJson() {
        var o = LedgerBench.Options.parse("1000", "--concurrency", "16", "--json");
        assertThat(o.count()).isEqualTo(1000);
        assertThat(o.concurrency()).isEqualTo(16);
        assertThat(o.json()).isTrue();
        assertThat(o.only()).isNull();
        assertThat(o.warmup()).isEqualTo(50);
    }

    @Test
    void defaultsAreOneHundredOffersOneAfterAnother() {
        var o = LedgerBench.Options.parse();
        assertThat(o.count()).isEqualTo(100);
        assertThat(o.concurrency()).isEqualTo(1);
        assertThat(o.warmup()).isEqualTo(10);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> LedgerBench.Options.parse("0")).hasMessageContaining("COUNT");
        assertThatThrownBy(() -> LedgerBench.Options.parse("--concurrency")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LedgerBench.Options.parse("--only", "x")).hasMessageContaining("api or gateway");
        assertThatThrownBy(() -> LedgerBench.Options.parse("--fast")).hasMessageContaining("unknown option");
    }
}
