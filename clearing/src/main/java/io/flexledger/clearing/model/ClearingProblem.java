package io.flexledger.clearing.model;

import java.util.List;

/**
 * A clearing problem (formats README section 2): DSO requests to be covered by block offers.
 *
 * @param id the problem id, echoed in the result
 * @param slotMinutes the length of one slot
 * @param slots the number of slots in the day
 * @param requests the requests, unique by id and by (congestionPoint, slot)
 * @param offers the offers, unique by id
 */
public record ClearingProblem(String id, int slotMinutes, int slots, List<Request> requests, List<Offer> offers) {

    public ClearingProblem {
        requests = List.copyOf(requests);
        offers = List.copyOf(offers);
    }

    /** The slot length in hours, {@code h = slotMinutes / 60}. */
    public double slotHours() {
        return slotMinutes / 60.0;
    }
}
