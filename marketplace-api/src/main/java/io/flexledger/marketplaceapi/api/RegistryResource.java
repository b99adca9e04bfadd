package io.flexledger.marketplaceapi.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.marketplaceapi.ledger.FabricLedger;
import io.flexledger.marketplaceapi.ledger.LedgerReceipt;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The registry the market rules rest on: congestion points (registered by the DSO) and the homes
 * of an aggregator's portfolio (registered by that aggregator, with their private details going
 * to the collection it shares with the DSO). Field rules are the chaincode's; its refusals come
 * back as problem+json naming the field.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class RegistryResource {
    private static final Set<String> CONGESTION_POINT_FIELDS = Set.of("id", "kind", "parentId", "capacityKw");
    private static final Set<String> ASSET_FIELDS = Set.of("id", "congestionPointId", "aggregatorMsp", "home");
    private static final Set<String> HOME_FIELDS =
            Set.of("assetId", "address", "meterId", "connectionCapacityKw", "salt");

    private final FabricLedger ledger;

    public RegistryResource(FabricLedger ledger) {
        this.ledger = ledger;
    }

    /** Registers a transformer or feeder (DSO only). */
    @POST
    @Path("congestion-points")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response registerCongestionPoint(String body) {
        JsonBody in = JsonBody.parse(body, CONGESTION_POINT_FIELDS);
        LedgerReceipt receipt =
                ledger.submit("registry:RegisterCongestionPoint", in.node().toString());
        return created("/api/congestion-points/" + in.string("id"), receipt);
    }

    @GET
    @Path("congestion-points/{id}")
    public String readCongestionPoint(@PathParam("id") String id) {
        OffersResource.requireId(id);
        return utf8(ledger.evaluate("registry:ReadCongestionPoint", id));
    }

    /**
     * Registers a home into this aggregator's portfolio. The body's {@code home} object (address,
     * meter, connection capacity, salt) is private: it travels as transient data and only its hash
     * is public.
     */
    @POST
    @Path("assets")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response registerAsset(String body) {
        JsonBody in = JsonBody.parse(body, ASSET_FIELDS);
        ObjectNode asset = in.node().deepCopy();
        if (!(asset.remove("home") instanceof ObjectNode home)) {
            throw new MalformedBodyException("$.home", "is required: an object with " + String.join(", ", HOME_FIELDS));
        }
        JsonBody.parse(home.toString(), HOME_FIELDS);
        if (!asset.has("aggregatorMsp")) {
            asset.put("aggregatorMsp", ledger.mspId());
        }
        LedgerReceipt receipt =
                ledger.submit("registry:RegisterAsset", Map.of("home", home.toString()), asset.toString());
        return created("/api/assets/" + in.string("id"), receipt);
    }

    @GET
    @Path("assets/{id}")
    public String readAsset(@PathParam("id") String id) {
        OffersResource.requireId(id);
        return utf8(ledger.evaluate("registry:ReadAsset", id));
    }

    private static Response created(String location, LedgerReceipt receipt) {
        return Response.created(URI.create(location))
                .header("Ledger-Transaction-Id", receipt.transactionId())
                .header("Ledger-Block-Number", receipt.blockNumber())
                .entity(utf8(receipt.payload()))
                .build();
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
