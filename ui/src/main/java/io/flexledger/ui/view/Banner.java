package io.flexledger.ui.view;

import io.flexledger.ui.upstream.Outage;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One line of a page's "service down" banner: a service, what happened, and what the page cannot
 * show because of it.
 */
@TemplateData
public record Banner(String service, String reason, String what) {
    /** Items named at most per line; the rest are counted. */
    private static final int NAMED = 4;

    /** The outages of a page, one line per service. */
    public static List<Banner> of(List<Outage> outages) {
        Map<String, String> reasons = new LinkedHashMap<>();
        Map<String, LinkedHashSet<String>> whats = new LinkedHashMap<>();
        for (Outage o : outages) {
            reasons.putIfAbsent(o.service(), o.reason());
            whats.computeIfAbsent(o.service(), k -> new LinkedHashSet<>()).add(o.what());
        }
        List<Banner> out = new ArrayList<>();
        reasons.forEach((service, reason) -> {
            List<String> items = new ArrayList<>(whats.get(service));
            String what = String.join(", ", items.subList(0, Math.min(NAMED, items.size())));
            if (items.size() > NAMED) {
                what += " and " + (items.size() - NAMED) + " more";
            }
            out.add(new Banner(service, reason, what));
        });
        return out;
    }
}
