package io.flexledger.clearing.core;

import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.Offer;
import io.flexledger.clearing.model.Request;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The independent parts of a clearing problem: congestion points linked by assets that offer at more
 * than one of them. An offer serves only requests at its own congestion point and conflicts only with
 * offers of its own asset, so no offer, asset or request couples two components: the clearing's
 * optimum, and its Lagrangian bound, are the sums of the components' own.
 */
public final class Components {

    /**
     * One component.
     *
     * @param offers its offers' indices in the problem, ascending
     * @param requests its requests' indices in the problem, ascending
     */
    public record Part(int[] offers, int[] requests) {}

    private Components() {}

    /** Per congestion point, the index of its component (0, 1, ... in order of first appearance). */
    public static Map<String, Integer> pointComponents(List<Request> requests, List<Offer> offers) {
        Map<String, String> parent = new HashMap<>();
        List<String> points = new ArrayList<>();
        for (Request r : requests) {
            if (parent.putIfAbsent("p:" + r.congestionPoint(), "p:" + r.congestionPoint()) == null) {
                points.add(r.congestionPoint());
            }
        }
        for (Offer o : offers) {
            String point = "p:" + o.congestionPoint();
            String asset = "a:" + o.asset();
            if (parent.putIfAbsent(point, point) == null) {
                points.add(o.congestionPoint());
            }
            parent.putIfAbsent(asset, asset);
            String a = root(parent, point);
            String b = root(parent, asset);
            if (!a.equals(b)) {
                parent.put(a, b);
            }
        }
        Map<String, Integer> rootIndex = new HashMap<>();
        Map<String, Integer> out = new HashMap<>();
        for (String point : points) {
            out.put(point, rootIndex.computeIfAbsent(root(parent, "p:" + point), k -> rootIndex.size()));
        }
        return out;
    }

    /** The components of a problem, in order of their first congestion point's appearance. */
    public static List<Part> of(ClearingProblem problem) {
        Map<String, Integer> component = pointComponents(problem.requests(), problem.offers());
        int n = (int) component.values().stream().distinct().count();
        List<List<Integer>> offers = new ArrayList<>();
        List<List<Integer>> requests = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            offers.add(new ArrayList<>());
            requests.add(new ArrayList<>());
        }
        for (int r = 0; r < problem.requests().size(); r++) {
            requests.get(component.get(problem.requests().get(r).congestionPoint()))
                    .add(r);
        }
        for (int o = 0; o < problem.offers().size(); o++) {
            offers.get(component.get(problem.offers().get(o).congestionPoint())).add(o);
        }
        List<Part> parts = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            parts.add(new Part(
                    offers.get(c).stream().mapToInt(Integer::intValue).toArray(),
                    requests.get(c).stream().mapToInt(Integer::intValue).toArray()));
        }
        return parts;
    }

    /** The sub-problem of one component: its requests and offers, in the problem's order. */
    public static ClearingProblem subProblem(ClearingProblem problem, Part part) {
        List<Request> requests = new ArrayList<>(part.requests().length);
        for (int r : part.requests()) {
            requests.add(problem.requests().get(r));
        }
        List<Offer> offers = new ArrayList<>(part.offers().length);
        for (int o : part.offers()) {
            offers.add(problem.offers().get(o));
        }
        return new ClearingProblem(problem.id(), problem.slotMinutes(), problem.slots(), requests, offers);
    }

    private static String root(Map<String, String> parent, String node) {
        String r = node;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        String n = node;
        while (!parent.get(n).equals(r)) {
            String next = parent.get(n);
            parent.put(n, r);
            n = next;
        }
        return r;
    }
}
