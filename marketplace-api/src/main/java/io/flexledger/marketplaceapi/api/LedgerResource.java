package io.flexledger.marketplaceapi.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.marketplaceapi.ledger.LedgerBlocks;
import io.flexledger.marketplaceapi.security.Access;
import io.flexledger.marketplaceapi.security.Action;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The channel's blocks as this instance's own peer holds them, for an audit that re-derives from the
 * blocks (endorsements, validation codes, the hash chain): read-only, for the organisation's dso,
 * aggregator and admin, and for an auditor.
 */
@Path("/api/ledger")
@Authenticated
@Tag(name = "ledger")
@SecurityRequirement(name = "bearer")
public class LedgerResource {
    /** Fabric transaction ids: the hex SHA-256 of the proposal's nonce and creator. */
    static final Pattern TX_ID = Pattern.compile("[0-9a-f]{64}");

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,19}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LedgerBlocks blocks;
    private final Access access;

    public LedgerResource(LedgerBlocks blocks, Access access) {
        this.blocks = blocks;
        this.access = access;
    }

    @GET
    @Path("blocks/{number}")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @Operation(
            summary = "A block as the peer stores it: a serialized common.Block (application/octet-stream), or a"
                    + " JSON summary with format=json (roles dso, aggregator, admin, auditor)")
    public Response block(@PathParam("number") String number, @QueryParam("format") String format) {
        access.require(Action.READ_BLOCKS);
        long n = blockNumber(number);
        boolean json = format(format);
        byte[] block = blocks.block(n);
        return json
                ? Response.ok(BlockSummary.of(block).toString(), MediaType.APPLICATION_JSON)
                        .build()
                : Response.ok(block, MediaType.APPLICATION_OCTET_STREAM).build();
    }

    @GET
    @Path("transactions/{txId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Where a transaction was committed and the peer's validation code:"
                    + " {txId, blockNumber, validationCode} (roles dso, aggregator, admin, auditor)")
    public String transaction(@PathParam("txId") String txId) {
        access.require(Action.READ_BLOCKS);
        if (txId == null || !TX_ID.matcher(txId).matches()) {
            throw new ValidationException("txId", "must be a transaction id: 64 lowercase hex digits");
        }
        LedgerBlocks.Transaction tx = blocks.transaction(txId);
        ObjectNode out = MAPPER.createObjectNode();
        out.put("txId", tx.txId());
        out.put("blockNumber", tx.blockNumber());
        out.put("validationCode", tx.validationCode());
        return out.toString();
    }

    @GET
    @Path("info")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The peer's chain: {height, currentBlockHash, previousBlockHash} (hex; roles dso, aggregator,"
                    + " admin, auditor)")
    public String info() {
        access.require(Action.READ_BLOCKS);
        LedgerBlocks.ChainInfo info = blocks.info();
        ObjectNode out = MAPPER.createObjectNode();
        out.put("height", info.height());
        out.put("currentBlockHash", BlockSummary.hex(info.currentBlockHash()));
        out.put("previousBlockHash", BlockSummary.hex(info.previousBlockHash()));
        return out.toString();
    }

    /** A block number: 0 or more. */
    static long blockNumber(String number) {
        if (number != null && NUMBER.matcher(number).matches()) {
            try {
                return Long.parseLong(number);
            } catch (NumberFormatException e) {
                // beyond a long: no chain is that long
            }
        }
        throw new ValidationException("number", "must be a block number: 0, 1, 2, ...");
    }

    /** Whether the JSON summary is asked for ({@code format=json}) rather than the bytes ({@code proto}). */
    static boolean format(String format) {
        if (format == null || format.equals("proto")) {
            return false;
        }
        if (format.equals("json")) {
            return true;
        }
        throw new ValidationException("format", "must be proto (the block's bytes, the default) or json");
    }
}
