package io.flexledger.settlement.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flexledger.client.MarketplaceClient;
import io.flexledger.client.RetryPolicy;
import io.flexledger.client.TokenSource;
import io.flexledger.settlement.ledger.MarketLedger;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verifier over {@link MarketLedger}: a stand-in marketplace-api on 127.0.0.1 serves {@code
 * /api/ledger} from a chain built in memory, as the real one serves its peer's blocks.
 */
class LedgerBlockSourceTest {
    private static final String TX = TestChain.txId("settle ord-1");

    private final TestChain chain =
            new TestChain(BlockVerifierTest.ORDERER, BlockVerifierTest.DSO, BlockVerifierTest.AGG1);
    private final List<String> requests = new ArrayList<>();
    private HttpServer server;
    private MarketLedger ledger;

    @BeforeEach
    void start() throws IOException {
        chain.append(BlockVerifierTest.settled(TX));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/ledger/", this::answer);
        server.start();
        MarketplaceClient api = new MarketplaceClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                TokenSource.fixed("auditor-token"),
                HttpClient.newHttpClient(),
                new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)),
                Duration.ofSeconds(5));
        ledger = new MarketLedger(api, api);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(path + " " + ex.getRequestHeaders().getFirst("Authorization"));
        String rest = path.substring("/api/ledger/".length());
        if (rest.startsWith("blocks/")) {
            long n = Long.parseLong(rest.substring("blocks/".length()));
            if (n < chain.height()) {
                send(ex, 200, "application/octet-stream", chain.block(n));
                return;
            }
        } else if (rest.startsWith("transactions/")) {
            String txId = rest.substring("transactions/".length());
            var committed = chain.transaction(txId);
            if (committed.isPresent()) {
                send(
                        ex,
                        200,
                        "application/json",
                        json("{\"txId\":\"" + txId + "\",\"blockNumber\":"
                                + committed.get().blockNumber() + ",\"validationCode\":\""
                                + committed.get().validationCode() + "\"}"));
                return;
            }
        } else if (rest.equals("info")) {
            var info = chain.chainInfo();
            send(
                    ex,
                    200,
                    "application/json",
                    json("{\"height\":" + info.height() + ",\"currentBlockHash\":\""
                            + HexFormat.of().formatHex(info.currentBlockHash()) + "\",\"previousBlockHash\":\"\"}"));
            return;
        }
        send(
                ex,
                404,
                "application/problem+json",
                json("{\"status\":404,\"title\":\"Not Found\",\"code\":"
                        + "\"TRANSACTION_NOT_FOUND\",\"detail\":\"TRANSACTION_NOT_FOUND: " + rest + "\"}"));
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Test
    void theAuditReadsTheBlocksThroughTheApiAndVerifiesThem() {
        BlockVerifier.Result r = new BlockVerifier(new LedgerBlockSource(ledger))
                .verify("settlement stl-ord-1", TX, Set.of("DsoMSP", "Aggregator1MSP"));

        assertThat(r.discrepancies()).isEmpty();
        assertThat(r.transactionsChecked()).isEqualTo(1);
        assertThat(r.endorsementsVerified()).isEqualTo(2);
        assertThat(r.blocksChained()).isEqualTo(2);
        assertThat(requests)
                .containsExactly(
                        "/api/ledger/transactions/" + TX + " Bearer auditor-token",
                        "/api/ledger/info Bearer auditor-token",
                        "/api/ledger/blocks/0 Bearer auditor-token",
                        "/api/ledger/blocks/1 Bearer auditor-token");
    }

    @Test
    void aTransactionThePeerDoesNotKnowIsADiscrepancyNotAnError() {
        String unknown = TestChain.txId("unknown");

        BlockVerifier.Result r = new BlockVerifier(new LedgerBlockSource(ledger))
                .verify("settlement stl-ord-9", unknown, Set.of("DsoMSP", "Aggregator1MSP"));

        assertThat(r.discrepancies())
                .extracting(Object::toString)
                .containsExactly(
                        "settlement stl-ord-9: transaction " + unknown + " is not on the auditing peer's ledger");
        assertThat(ledger.transaction(unknown)).isEmpty();
        assertThat(ledger.chainInfo().path("height").asLong()).isEqualTo(2);
        assertThat(ledger.block(1)).isEqualTo(chain.stored(1).toByteArray());
    }
}
