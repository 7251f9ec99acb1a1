package org.ipb.study.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Trial-to-trial display latency: from the response to the next trial's onset (the first animation
 * pulse that draws it), which includes committing the response, deciding the next screen and laying
 * out its images. Kept for the session and written to the events table at its end.
 */
public final class DisplayLatency {
    private final List<Double> millis = Collections.synchronizedList(new ArrayList<>());

    void add(long nanos) {
        millis.add(nanos / 1e6);
    }

    /** All latencies so far, in ms. */
    public List<Double> millis() {
        synchronized (millis) {
            return List.copyOf(millis);
        }
    }

    /** The q-quantile (nearest rank) in ms, or NaN without data. */
    public double quantile(double q) {
        List<Double> s = new ArrayList<>(millis());
        if (s.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(s);
        int rank = (int) Math.ceil(q * s.size());
        return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
    }

    /** {@code n=.. p50=..ms p99=..ms max=..ms}. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "n=%d p50=%.2fms p99=%.2fms max=%.2fms", millis().size(),
                quantile(0.5), quantile(0.99), quantile(1.0));
    }
}
