package io.flexledger.marketplaceapi.api;

import io.flexledger.marketplaceapi.ledger.LedgerEvent;
import io.flexledger.marketplaceapi.ledger.LedgerEvents;
import io.flexledger.marketplaceapi.security.Access;
import io.flexledger.marketplaceapi.security.Action;
import io.flexledger.marketplaceapi.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The ledger's chaincode events as they are committed, relayed as server-sent events for live views:
 * each event's data is {@code {"name","txId","blockNumber","payload"}}, the payload being the record
 * the chaincode attached. The instance's peer sees every organisation's events; a follower receives
 * only those whose record it may read through this API
 * ({@link io.flexledger.marketplaceapi.security.EventAudience}: e.g. a settlement goes to the DSO,
 * auditors and the settlement's own aggregator, never to a prosumer). A client that cannot keep up
 * loses its stream (and reconnects) rather than holding events without bound.
 */
@Path("/api/events")
@Authenticated
@Tag(name = "events")
@SecurityRequirement(name = "bearer")
public class EventsResource {
    /** Events held for one slow client before its stream is ended. */
    static final int CLIENT_BUFFER = 1024;

    private final LedgerEvents events;
    private final Access access;

    public EventsResource(LedgerEvents events, Access access) {
        this.events = events;
        this.access = access;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Chaincode events as they are committed (any user of this instance's organisation),"
                    + " each only to those who may read its record through this API")
    public Multi<LedgerEvent> follow() {
        Caller caller = access.require(Action.FOLLOW_EVENTS);
        Predicate<LedgerEvent> shown = access.eventsShownTo(caller);
        return Multi.createFrom()
                .<LedgerEvent>emitter(
                        emitter -> {
                            Runnable stop = events.listen(event -> {
                                if (shown.test(event)) {
                                    emitter.emit(event);
                                }
                            });
                            emitter.onTermination(stop);
                        },
                        BackPressureStrategy.IGNORE)
                .onOverflow()
                .buffer(CLIENT_BUFFER);
    }
}
