package io.flexledger.tools.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The chaos run's report as a table for people; the JSON is for machines. */
final class ChaosReport {
    private ChaosReport() {}

    /** Streams in the order of the table's columns, and their headings. */
    private static final String[][] STREAMS = {
        {"offers aggregator1", "agg1 offers"},
        {"offers aggregator2", "agg2 offers"},
        {"readings accepted", "readings acc."},
        {"readings stored", "readings stored"},
    };

    static String table(JsonNode report) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "chaos run %s (day %s, %d s of load, seed %d)%n%n",
                report.path("run").asText(),
                report.path("day").asText(),
                report.path("durationSeconds").asInt(),
                report.path("seed").asLong()));
        b.append("longest time without a successful write, per fault (s), from the kill to the next one\n");
        List<String> head = new ArrayList<>(List.of("at (s)", "fault"));
        for (String[] s : STREAMS) {
            head.add(s[1]);
        }
        head.add("failed tries");
        head.add("back healthy (s)");
        String format = "%7s  %-34s" + " %15s".repeat(STREAMS.length) + " %13s %17s%n";
        b.append(String.format(Locale.ROOT, format, head.toArray()));
        for (JsonNode f : report.path("faults")) {
            List<Object> row = new ArrayList<>();
            row.add(String.format(Locale.ROOT, "%.1f", f.path("atSeconds").asDouble()));
            row.add(
                    f.path("kind").asText().equals("none")
                            ? "none (baseline)"
                            : f.path("kind").asText() + " " + f.path("process").asText());
            for (String[] s : STREAMS) {
                JsonNode v = f.path("outageSeconds").path(s[0]);
                row.add(v.isMissingNode() ? "-" : String.format(Locale.ROOT, "%.1f", v.asDouble()));
            }
            row.add(Integer.toString(f.path("failedTries").asInt()));
            JsonNode back = f.path("backHealthyAfterSeconds");
            row.add(
                    f.path("kind").asText().equals("none")
                            ? ""
                            : back.isNull() || back.isMissingNode()
                                    ? "NOT BACK"
                                    : String.format(Locale.ROOT, "%.1f", back.asDouble()));
            b.append(String.format(Locale.ROOT, format, row.toArray()));
        }
        JsonNode o = report.path("offers");
        JsonNode m = report.path("readings");
        b.append(String.format(
                Locale.ROOT,
                "%noffers:   %d posted, %d acknowledged (%d answered as replays), %d on the ledger exactly once,"
                        + " %d lost, %d duplicated, %d given up by the client, %d refused%n",
                o.path("posted").asInt(),
                o.path("acknowledged").asInt(),
                o.path("answeredAsReplay").asInt(),
                o.path("onLedgerOnce").asInt(),
                o.path("lost").size(),
                o.path("duplicated").size(),
                o.path("givenUp").asInt(),
                o.path("refused").asInt()));
        b.append(String.format(
                Locale.ROOT,
                "readings: %d published, %d accepted by the broker, %d in the database exactly once, %d lost,"
                        + " %d duplicated, %d never acknowledged; %d receipts from the bridge, %d sent again for"
                        + " want of a receipt, %d without a receipt at the end, %d refused%n",
                m.path("published").asInt(),
                m.path("accepted").asInt(),
                m.path("inDatabaseOnce").asInt(),
                m.path("lost").size(),
                m.path("duplicated").size(),
                m.path("neverAcknowledged").asInt(),
                m.path("receipts").asInt(),
                m.path("resentForWantOfReceipt").asInt(),
                m.path("withoutReceipt").asInt(),
                m.path("refused").asInt()));
        list(b, "lost offers", o.path("lost"));
        list(b, "duplicated offers", o.path("duplicated"));
        list(b, "lost readings", m.path("lost"));
        list(b, "duplicated readings", m.path("duplicated"));
        b.append(String.format(
                Locale.ROOT,
                "failed tries in all: %d%n",
                report.path("failedTries").asInt()));
        b.append(
                report.path("everyKilledProcessBack").asBoolean()
                        ? "every killed process is back and healthy, with no command\n"
                        : "NOT every killed process is back and healthy (see the table)\n");
        if (!report.path("everyOfferAnswered").asBoolean(true)) {
            b.append("valid offers were refused (see the lines above)\n");
        }
        if (!report.path("everyReadingAnswered").asBoolean(true)) {
            b.append("NOT every reading has its receipt from the bridge, or some were refused\n");
        }
        b.append(report.path("passed").asBoolean() ? "PASSED\n" : "FAILED\n");
        return b.toString();
    }

    private static void list(StringBuilder b, String what, JsonNode items) {
        if (items.isEmpty()) {
            return;
        }
        b.append(what).append(" (first 20):");
        int n = 0;
        for (JsonNode i : items) {
            if (n++ == 20) {
                break;
            }
            b.append(' ').append(i.asText());
        }
        b.append('\n');
    }
}
