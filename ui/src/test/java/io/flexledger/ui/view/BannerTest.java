package io.flexledger.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.ui.upstream.Outage;
import java.util.List;
import org.junit.jupiter.api.Test;

class BannerTest {
    @Test
    void oneLinePerServiceNamingWhatIsMissing() {
        var banners = Banner.of(List.of(
                new Outage("api", "requests", "not answering"),
                new Outage("bridge", "load of h1", "unavailable (HTTP 503)"),
                new Outage("api", "offers", "not answering"),
                new Outage("api", "offers", "not answering")));
        assertThat(banners)
                .containsExactly(
                        new Banner("api", "not answering", "requests, offers"),
                        new Banner("bridge", "unavailable (HTTP 503)", "load of h1"));
    }

    @Test
    void longListsAreCounted() {
        var outages = new java.util.ArrayList<Outage>();
        for (int i = 0; i < 7; i++) {
            outages.add(new Outage("bridge", "load of h" + i, "not answering"));
        }
        assertThat(Banner.of(outages).get(0).what())
                .isEqualTo("load of h0, load of h1, load of h2, load of h3 and 3 more");
    }
}
