package io.flexledger.ui;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pages' settings: where the services answer, which home is whose, the tariff of the bill. */
@ConfigMapping(prefix = "flex.ui")
public interface UiConfig {
    /** marketplace-api base URL per organisation (MSP id). */
    Map<String, String> api();

    /** The organisation whose instance serves callers without an {@code msp} claim (auditors). */
    @WithDefault("DsoMSP")
    String readerMsp();

    /** device-bridge base URL. */
    String bridgeUrl();

    /** settlement service base URL. */
    String settlementUrl();

    /** The demo home (asset id) shown to a user, by user name, when the ledger links no home to them. */
    Map<String, String> homes();

    /** Congestion points the DSO page always shows, besides those named by the day's requests and offers. */
    Optional<List<String>> congestionPoints();

    /** Homes whose load the DSO page adds up, besides those named by the day's offers. */
    Optional<List<String>> gridHomes();

    /** How often the live stream re-reads a page's data. */
    @WithDefault("5s")
    Duration liveEvery();

    /** Time a service has to answer one call. */
    @WithDefault("5s")
    Duration callTimeout();

    /** Time the settlement service has to audit a day (it re-derives every settlement). */
    @WithDefault("60s")
    Duration auditTimeout();

    /** The household tariff used for the bill. */
    Tariff tariff();

    /** A time-of-use tariff: one price, and a higher one in the evening peak. */
    interface Tariff {
        @WithDefault("0.25")
        BigDecimal eurPerKwh();

        @WithDefault("0.38")
        BigDecimal peakEurPerKwh();

        /** First hour of the peak (local time, inclusive). */
        @WithDefault("16")
        int peakFromHour();

        /** Hour the peak ends (local time, exclusive). */
        @WithDefault("19")
        int peakToHour();
    }
}
