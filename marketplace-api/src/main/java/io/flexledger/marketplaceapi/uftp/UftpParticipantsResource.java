package io.flexledger.marketplaceapi.uftp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.Uftp;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.UftpRecords;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.validation.Violations;
import io.flexledger.marketplaceapi.api.MalformedBodyException;
import io.flexledger.marketplaceapi.security.Access;
import io.flexledger.marketplaceapi.security.AccessDeniedException;
import io.flexledger.marketplaceapi.security.Action;
import io.flexledger.marketplaceapi.security.Caller;
import io.flexledger.marketplaceapi.security.Role;
import io.flexledger.uftp.Cs1;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The organisation's UFTP participants on the ledger (decision 0019): {@code POST} registers (or
 * replaces: key rotation, a new endpoint) one of this organisation's own domains, in its own role (the
 * DSO's instance {@code DSO} domains, an aggregator's {@code AGR} domains), by a user of the
 * organisation with the role {@code admin} or the organisation's trading role ({@code dso},
 * {@code aggregator}); the chaincode checks again and refuses a domain another organisation holds.
 * {@code GET} lists or reads the registered participants of every organisation, whose keys anyone
 * needs to verify their messages.
 */
@Path("/api/uftp/participants")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "uftp")
@SecurityRequirement(name = "bearer")
public class UftpParticipantsResource {
    static final Set<String> FIELDS = Set.of("domain", "role", "publicKey", "endpoint");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]+(-[a-z0-9]+)*\\.)+[a-z]{2,}");
    private static final int MAX_DOMAIN = 253;
    private static final int MAX_BODY = 8 * 1024;

    private final UftpLedger ledger;
    private final Access access;

    public UftpParticipantsResource(UftpLedger ledger, Access access) {
        this.ledger = ledger;
        this.access = access;
    }

    /** Registers one of this organisation's participants: {@code {domain, role, publicKey, endpoint}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Register or replace one of this organisation's UFTP participants (roles admin, dso, aggregator)")
    public Response register(String body) {
        Caller caller = access.require(Action.READ);
        String instance = ledger.mspId();
        String ownRole = Organisation.isDso(instance) ? "DSO" : Organisation.isAggregator(instance) ? "AGR" : null;
        requireRegistrar(instance, ownRole, caller);
        ObjectNode in = parse(body);
        String domain = text(in, "domain");
        String role = text(in, "role");
        String publicKey = text(in, "publicKey");
        String endpoint = text(in, "endpoint");
        Violations v = new Violations();
        if (v.check(domain != null, "domain", "is required")) {
            v.check(
                    domain.length() <= MAX_DOMAIN && DOMAIN.matcher(domain).matches(),
                    "domain",
                    "must be a lower-case domain name (UFTP's form)");
        }
        if (v.check(role != null, "role", "is required")) {
            v.check(Set.of("DSO", "AGR").contains(role), "role", "must be DSO or AGR");
        }
        if (v.check(publicKey != null, "publicKey", "is required")) {
            v.check(cs1Key(publicKey), "publicKey", "must be cs1. followed by the Base64 of a 32-byte Ed25519 key");
        }
        if (v.check(endpoint != null, "endpoint", "is required")) {
            v.check(Uftp.isValidEndpoint(endpoint), "endpoint", "must be an absolute http or https URL");
        }
        v.throwIfAny();
        // An organisation registers participants in its own UFTP role only.
        if (!role.equals(ownRole)) {
            throw new AccessDeniedException(instance + " registers " + ownRole + " participants only, not " + role);
        }
        JsonNode record = ledger.registerParticipant(new UftpRecords.Participant(domain, role, publicKey, endpoint));
        return Response.created(URI.create("/api/uftp/participants/" + domain))
                .entity(record.toString())
                .build();
    }

    /** Every registered participant: {@code {"participants": [...]}}. */
    @GET
    @Operation(summary = "The registered UFTP participants of every organisation")
    public String list() {
        access.require(Action.READ);
        return CanonicalJson.write(java.util.Map.of(
                "participants",
                ledger.participants().stream().map(UftpRecords::participant).toList()));
    }

    /** One domain's registration (404 if none). */
    @GET
    @Path("{domain}")
    @Operation(summary = "The registered UFTP participant of a domain")
    public String read(@PathParam("domain") String domain) {
        access.require(Action.READ);
        if (domain.length() > MAX_DOMAIN || !DOMAIN.matcher(domain).matches()) {
            Violations v = new Violations();
            v.check(false, "domain", "must be a lower-case domain name (UFTP's form)");
            v.throwIfAny();
        }
        return CanonicalJson.write(UftpRecords.participant(ledger.participant(domain)
                .orElseThrow(() -> io.flexledger.marketplaceapi.ledger.ChaincodeRejection.of(
                        io.flexledger.contract.ErrorCode.UFTP_PARTICIPANT_NOT_FOUND,
                        "no UFTP participant is registered for " + domain))));
    }

    /**
     * Only a user of this instance's own organisation with the role {@code admin} or the
     * organisation's trading role registers its participants; only the DSO and aggregators have any.
     */
    static void requireRegistrar(String instance, String ownRole, Caller caller) {
        if (caller.msp().isEmpty() || !caller.msp().get().equals(instance)) {
            throw new AccessDeniedException("the token's organisation ("
                    + caller.msp().orElse("none") + ") is not " + instance + ", for which this instance signs");
        }
        if (ownRole == null) {
            throw new AccessDeniedException(instance + " has no UFTP role: only the DSO and aggregators trade in UFTP");
        }
        String trader = ownRole.equals("DSO") ? Role.DSO : Role.AGGREGATOR;
        if (!caller.roles().contains(Role.ADMIN) && !caller.roles().contains(trader)) {
            throw new AccessDeniedException("registering a UFTP participant needs the role " + Role.ADMIN + " or "
                    + trader + "; the token has " + new java.util.TreeSet<>(caller.roles()));
        }
    }

    private static ObjectNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedBodyException("$", "a JSON object is required");
        }
        if (body.length() > MAX_BODY) {
            throw new MalformedBodyException("$", "the body is longer than " + MAX_BODY + " characters");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("$", "not JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new MalformedBodyException("$", "must be a JSON object");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new MalformedBodyException(
                        "$." + name, "unknown field; expected " + new java.util.TreeSet<>(FIELDS));
            }
            if (!object.get(name).isTextual()) {
                throw new MalformedBodyException("$." + name, "must be a string");
            }
        }
        return object;
    }

    private static String text(ObjectNode in, String name) {
        JsonNode n = in.get(name);
        return n == null ? null : n.asText();
    }

    private static boolean cs1Key(String cs1) {
        try {
            Cs1.parsePublicKey(cs1);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
