package io.flexledger.devicebridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.client.ApiProblemException;
import io.flexledger.client.DeviceJson;
import io.flexledger.client.MarketplaceClient;
import io.flexledger.devicebridge.directory.DeviceDirectory;
import io.flexledger.devicebridge.directory.DirectoryUnavailableException;
import io.flexledger.devicebridge.directory.RegisteredDevice;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceRegistration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The device registry on the ledger, read through the DSO's marketplace-api: {@code GET
 * /api/devices/{id}} for the device (its state, its current key and the keys it had before, each with
 * its period) and {@code GET /api/assets/{assetId}} for the aggregator that registered its home.
 */
public final class HttpDeviceDirectory implements DeviceDirectory {
    private final MarketplaceClient api;

    /** @param api the DSO's marketplace-api, with the bridge's client credentials */
    public HttpDeviceDirectory(MarketplaceClient api) {
        this.api = api;
    }

    @Override
    public Optional<RegisteredDevice> find(String deviceId) {
        Optional<JsonNode> device = read(() -> api.device(deviceId));
        if (device.isEmpty()) {
            return Optional.empty();
        }
        DeviceRegistration registration;
        try {
            registration = DeviceJson.registration(device.get());
        } catch (IllegalArgumentException e) {
            throw new DirectoryUnavailableException(
                    "the registry's device " + deviceId + " is not valid: " + e.getMessage(), e);
        }
        Device registered = registration.device();
        String aggregatorMsp = aggregatorOf(registered.assetId())
                .orElseThrow(() -> new DirectoryUnavailableException(
                        "device " + deviceId + " names asset " + registered.assetId() + ", which is not registered",
                        null));
        return Optional.of(RegisteredDevice.of(registered, aggregatorMsp, registration.state(), registration.keys()));
    }

    @Override
    public Optional<String> aggregatorOf(String assetId) {
        Optional<JsonNode> asset = read(() -> api.asset(assetId));
        if (asset.isEmpty()) {
            return Optional.empty();
        }
        String msp = asset.get().path("aggregatorMsp").asText("");
        // A record without its aggregator is no answer: nobody's portfolio is guessed.
        if (msp.isEmpty()) {
            throw new DirectoryUnavailableException("the registry's asset " + assetId + " names no aggregator", null);
        }
        return Optional.of(msp);
    }

    /** A record, empty when the registry has none; any other failure (token, API, network) is unavailability. */
    private static Optional<JsonNode> read(Supplier<Optional<JsonNode>> call) {
        try {
            return call.get();
        } catch (ApiProblemException e) {
            throw new DirectoryUnavailableException(e.getMessage(), e);
        }
    }
}
