package io.flexledger.marketplaceapi.ledger;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list transaction's records, decoded, and the ledger's bookmark of the next page (empty
 * when the list is done). The API turns the bookmark into its own form before answering.
 *
 * @param records the page's records, in the ledger's order
 * @param bookmark the ledger's bookmark of the next page, or {@code ""}
 */
public record Page<T>(List<T> records, String bookmark) {
    public Page {
        records = List.copyOf(records);
        bookmark = bookmark == null ? "" : bookmark;
    }

    /** The same page with each record mapped. */
    public <U> Page<U> map(Function<? super T, ? extends U> f) {
        return new Page<>(records.stream().<U>map(f).toList(), bookmark);
    }
}
