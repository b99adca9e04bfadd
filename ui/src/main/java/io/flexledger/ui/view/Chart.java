package io.flexledger.ui.view;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * A chart as the page's script draws it with Chart.js.
 *
 * @param id unique on its page
 * @param title caption
 * @param yLabel the value axis' title with its unit
 * @param labels the x axis (slot start times)
 * @param series the data
 */
@TemplateData
public record Chart(String id, String title, String yLabel, List<String> labels, List<Series> series) {
    /**
     * One data series.
     *
     * @param label legend text
     * @param type "line" or "bar"
     * @param color CSS colour
     * @param dashed a dashed line (limits)
     * @param values one per label, null where there is no value
     * @param marked per label, whether the point is highlighted (congestion); empty for none
     */
    public record Series(
            String label, String type, String color, boolean dashed, List<Double> values, List<Boolean> marked) {}
}
