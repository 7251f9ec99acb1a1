package org.ipb.leaderboards.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wall-clock seconds a benchmark run spent, by layer (or a whole-run step such as extraction) and
 * part (directions, exemplars, each scorer), summed over the methods; {@code ipb run} prints the
 * table at the end so that a slow stage shows where the time goes without a profiler.
 */
public final class StageTimes {
    /** The row of whole-run steps (extraction, observer embedding, publishing). */
    public static final String RUN = "(run)";

    private final Map<String, Map<String, Double>> seconds = new LinkedHashMap<>();
    private final Set<String> parts = new LinkedHashSet<>();

    /** Adds {@code s} seconds to (row, part). */
    public synchronized void add(String row, String part, double s) {
        seconds.computeIfAbsent(row, r -> new LinkedHashMap<>()).merge(part, s, Double::sum);
        parts.add(part);
    }

    /** Seconds spent on (row, part), 0 when nothing was recorded. */
    public synchronized double get(String row, String part) {
        return seconds.getOrDefault(row, Map.of()).getOrDefault(part, 0.0);
    }

    /** Sum over every row and part. */
    public synchronized double total() {
        return seconds.values().stream().flatMap(m -> m.values().stream()).mapToDouble(Double::doubleValue).sum();
    }

    /**
     * The table as text lines: one row per layer (and the whole-run row), one column per part in
     * the order first recorded, a total column and a total row; seconds with one decimal.
     */
    public synchronized List<String> table() {
        List<String> cols = new ArrayList<>(parts);
        StringBuilder head = new StringBuilder(String.format("%-10s", "stage s"));
        for (String c : cols) {
            head.append(String.format(" %11s", c));
        }
        head.append(String.format(" %8s", "total"));
        List<String> out = new ArrayList<>();
        out.add(head.toString());
        Map<String, Double> colTotals = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Double>> r : seconds.entrySet()) {
            StringBuilder line = new StringBuilder(String.format("%-10s", r.getKey()));
            double sum = 0;
            for (String c : cols) {
                Double v = r.getValue().get(c);
                line.append(v == null ? String.format(" %11s", "-") : String.format(" %11.1f", v));
                sum += v == null ? 0 : v;
                colTotals.merge(c, v == null ? 0 : v, Double::sum);
            }
            out.add(line.append(String.format(" %8.1f", sum)).toString());
        }
        StringBuilder tot = new StringBuilder(String.format("%-10s", "total"));
        for (String c : cols) {
            tot.append(String.format(" %11.1f", colTotals.getOrDefault(c, 0.0)));
        }
        out.add(tot.append(String.format(" %8.1f", total())).toString());
        return out;
    }
}
