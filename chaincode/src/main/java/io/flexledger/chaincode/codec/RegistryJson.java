package io.flexledger.chaincode.codec;

import io.flexledger.domain.grid.CongestionPoint;
import io.flexledger.domain.grid.CongestionPointKind;
import io.flexledger.domain.participants.Asset;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.participants.HomeDetails;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.participants.OrganisationRole;
import io.flexledger.domain.units.Kilowatts;
import java.util.Map;
import java.util.Set;

/** JSON of the registry's records: organisations, congestion points, assets (homes), devices. */
public final class RegistryJson {
    private RegistryJson() {}

    /** Fields a client may send to register a congestion point. */
    public static final Set<String> CONGESTION_POINT_INPUT = Set.of("id", "kind", "parentId", "capacityKw");
    /** Fields a client may send to register an asset (public part). */
    public static final Set<String> ASSET_INPUT = Set.of("id", "congestionPointId", "aggregatorMsp");
    /** Fields of the private home details (transient field {@code home}). */
    public static final Set<String> HOME_INPUT =
            Set.of("assetId", "address", "meterId", "connectionCapacityKw", "salt");
    /** Fields a client may send to register a device. */
    public static final Set<String> DEVICE_INPUT = Set.of("id", "assetId", "kind", "keyAlgorithm", "publicKeyBase64");

    /** Reads an organisation. */
    public static Organisation organisation(JsonInput in) {
        String msp = in.string("mspId");
        OrganisationRole role = in.enumValue("role", OrganisationRole.class);
        String name = in.string("name");
        in.done();
        return Build.of(in, () -> new Organisation(msp, role, name));
    }

    /** An organisation as JSON. */
    public static Map<String, Object> organisation(Organisation o) {
        Map<String, Object> m = Fields.record();
        m.put("mspId", o.mspId());
        m.put("role", o.role().name());
        m.put("name", o.name());
        return m;
    }

    /** Reads a congestion point. */
    public static CongestionPoint congestionPoint(JsonInput in) {
        String id = in.string("id");
        CongestionPointKind kind = in.enumValue("kind", CongestionPointKind.class);
        String parent = in.optionalString("parentId");
        Kilowatts capacity = in.unit("capacityKw", Kilowatts::new);
        in.done();
        return Build.of(in, () -> new CongestionPoint(id, kind, parent, capacity));
    }

    /** A congestion point as JSON. */
    public static Map<String, Object> congestionPoint(CongestionPoint cp) {
        Map<String, Object> m = Fields.record();
        m.put("id", cp.id());
        m.put("kind", cp.kind().name());
        m.put("parentId", cp.parentId());
        m.put("capacityKw", cp.capacityKw().toString());
        return m;
    }

    /** Reads an asset; {@code aggregatorMsp} defaults to {@code caller} when absent. */
    public static Asset asset(JsonInput in, String caller) {
        String id = in.string("id");
        String cp = in.string("congestionPointId");
        String aggregator = in.has("aggregatorMsp") ? in.string("aggregatorMsp") : caller;
        in.done();
        return Build.of(in, () -> new Asset(id, aggregator, cp));
    }

    /** An asset as JSON, with the hash of its private details. */
    public static Map<String, Object> asset(Asset a, String detailsHash) {
        Map<String, Object> m = Fields.record();
        m.put("id", a.id());
        m.put("aggregatorMsp", a.aggregatorMsp());
        m.put("congestionPointId", a.congestionPointId());
        m.put("detailsHash", detailsHash);
        return m;
    }

    /** Reads a home's private details (the salt is read separately); {@code assetId} defaults to the asset's. */
    public static HomeDetails home(JsonInput in, String defaultAssetId) {
        String assetId = in.has("assetId") ? in.string("assetId") : defaultAssetId;
        String address = in.string("address");
        String meter = in.string("meterId");
        Kilowatts capacity = in.unit("connectionCapacityKw", Kilowatts::new);
        in.done();
        return Build.of(in, () -> new HomeDetails(assetId, address, meter, capacity));
    }

    /** A home's details as JSON, with the salt that makes its public hash unguessable. */
    public static Map<String, Object> home(HomeDetails h, String salt) {
        Map<String, Object> m = Fields.record();
        m.put("assetId", h.assetId());
        m.put("address", h.address());
        m.put("meterId", h.meterId());
        m.put("connectionCapacityKw", h.connectionCapacityKw().toString());
        m.put("salt", salt);
        return m;
    }

    /** Reads a device. */
    public static Device device(JsonInput in) {
        String id = in.string("id");
        String assetId = in.string("assetId");
        DeviceKind kind = in.enumValue("kind", DeviceKind.class);
        String algorithm = in.string("keyAlgorithm");
        String key = in.string("publicKeyBase64");
        in.done();
        return Build.of(in, () -> new Device(id, assetId, kind, algorithm, key));
    }

    /** A device as JSON. */
    public static Map<String, Object> device(Device d) {
        Map<String, Object> m = Fields.record();
        m.put("id", d.id());
        m.put("assetId", d.assetId());
        m.put("kind", d.kind().name());
        m.put("keyAlgorithm", d.keyAlgorithm());
        m.put("publicKeyBase64", d.publicKeyBase64());
        return m;
    }
}
