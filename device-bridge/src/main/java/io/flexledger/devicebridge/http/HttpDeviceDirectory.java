package io.flexledger.devicebridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.client.ApiProblemException;
import io.flexledger.client.DeviceJson;
import io.flexledger.client.TokenSource;
import io.flexledger.devicebridge.directory.DeviceDirectory;
import io.flexledger.devicebridge.directory.DirectoryUnavailableException;
import io.flexledger.devicebridge.directory.RegisteredDevice;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceRegistration;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The device registry on the ledger, read through the DSO's marketplace-api: {@code GET
 * /api/devices/{id}} for the device (its state, its current key and the keys it had before, each with
 * its period) and {@code GET /api/assets/{assetId}} for the aggregator that registered its home.
 */
public final class HttpDeviceDirectory implements DeviceDirectory {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final TokenSource tokens;

    public HttpDeviceDirectory(HttpClient http, String baseUrl, TokenSource tokens) {
        this.http = http;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.tokens = tokens;
    }

    @Override
    public Optional<RegisteredDevice> find(String deviceId) {
        Optional<JsonNode> device = get("/api/devices/" + enc(deviceId));
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
        Optional<JsonNode> asset = get("/api/assets/" + enc(assetId));
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

    private Optional<JsonNode> get(String path) {
        try {
            for (int attempt = 0; ; attempt++) {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + path))
                                .timeout(Duration.ofSeconds(10))
                                .header("Authorization", "Bearer " + tokens.token())
                                .header("Accept", "application/json")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 401 && attempt == 0) {
                    tokens.invalidate();
                    continue;
                }
                if (r.statusCode() == 404) {
                    return Optional.empty();
                }
                if (r.statusCode() != 200) {
                    throw new DirectoryUnavailableException("GET " + path + " answered " + r.statusCode(), null);
                }
                return Optional.of(MAPPER.readTree(r.body()));
            }
        } catch (ApiProblemException e) {
            // The token endpoint did not answer or refused the client.
            throw new DirectoryUnavailableException("token for the DSO's API: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DirectoryUnavailableException("GET " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryUnavailableException("interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
