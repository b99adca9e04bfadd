package io.flexledger.settlement.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.participants.DeviceRegistration;
import io.flexledger.settlement.blocks.CommittedWrites;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the audit of one community's day looks at, as {@link DayAudit} gathers it through one of the
 * community's organisations (its operator): the clearing, public and private, the day's grid prices,
 * the anchor of the operator's portfolio, and each member's statement with the public record its
 * transaction wrote.
 *
 * @param community the community (its operator's MSP id)
 * @param day the market day
 * @param clearingRecord the clearing's public record ({@code sha256} of its trades), empty without a clearing
 * @param clearing the clearing's private record (its trades), empty without a clearing
 * @param dayRecord the community's day ({@code importPrice[]}, {@code exportPrice[]}), empty if not opened
 * @param anchor the reading anchor of the operator's portfolio and day on the ledger
 * @param statements every statement of the day the ledger lists
 * @param dayEnded whether the day has ended (then every member with trades must have a statement)
 */
public record CommunityFacts(
        String community,
        LocalDate day,
        Optional<JsonNode> clearingRecord,
        Optional<JsonNode> clearing,
        Optional<JsonNode> dayRecord,
        Optional<ReadingAnchor> anchor,
        List<Statement> statements,
        boolean dayEnded) {
    public CommunityFacts {
        statements = List.copyOf(statements);
    }

    /**
     * One member's statement.
     *
     * @param record the private statement as the ledger returned it
     * @param devices the devices registered for its home, by id, with their state and keys
     * @param committed where the transaction the statement names was committed and what it wrote
     *     publicly, read from the block; empty when the peer does not know the transaction
     */
    public record Statement(
            JsonNode record, Map<String, DeviceRegistration> devices, Optional<CommittedWrites.Committed> committed) {
        public Statement {
            devices = Map.copyOf(devices);
        }

        /** The statement's home. */
        public String homeId() {
            return record.path("homeId").asText();
        }
    }
}
