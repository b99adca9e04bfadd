package io.flexledger.ui.view;

import java.util.List;

/**
 * A page's content: the data it shows ({@code body} and {@code charts}, which the live stream watches
 * for changes) and what the page adds that is not data ({@code extras}, e.g. a form's fresh keys).
 */
public record Built(Object body, List<Chart> charts, Object extras) {
    public Built(Object body, List<Chart> charts) {
        this(body, charts, null);
    }
}
