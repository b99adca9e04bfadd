package io.flexledger.marketplaceapi.api;

import io.flexledger.marketplaceapi.ledger.LedgerEvent;
import io.flexledger.marketplaceapi.ledger.LedgerEvents;
import io.flexledger.marketplaceapi.security.Access;
import io.flexledger.marketplaceapi.security.Action;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The ledger's chaincode events as they are committed, relayed as server-sent events for live views:
 * each event's data is {@code {"name","txId","blockNumber","payload"}}, the payload being the record
 * the chaincode attached. A client that cannot keep up loses its stream (and reconnects) rather than
 * holding events without bound.
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
    @Operation(summary = "Chaincode events as they are committed (any user of this instance's organisation)")
    public Multi<LedgerEvent> follow() {
        access.require(Action.FOLLOW_EVENTS);
        return Multi.createFrom()
                .<LedgerEvent>emitter(
                        emitter -> {
                            Runnable stop = events.listen(emitter::emit);
                            emitter.onTermination(stop);
                        },
                        BackPressureStrategy.IGNORE)
                .onOverflow()
                .buffer(CLIENT_BUFFER);
    }
}
