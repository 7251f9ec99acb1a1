package org.ipb.study.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The page's frame timing per trial, summarised into a {@code frame_timing} event at each break and
 * at the end (as the desktop window logs its display latency): {@code frame_ms} is the interval
 * between the frame that first showed the trial and the next one (the display's refresh period, or
 * a dropped frame), {@code draw_ms} the time from the images being in the page to that first frame.
 */
final class FrameTimings {
    private final List<Double> frame = new ArrayList<>();
    private final List<Double> draw = new ArrayList<>();

    void add(Double frameMs, Double drawMs) {
        if (frameMs != null) {
            frame.add(frameMs);
        }
        if (drawMs != null) {
            draw.add(drawMs);
        }
    }

    boolean isEmpty() {
        return frame.isEmpty() && draw.isEmpty();
    }

    /** A one-line summary, then empties itself. */
    String drain() {
        String s = "trials=" + Math.max(frame.size(), draw.size()) + " frame_ms " + describe(frame) + "; draw_ms "
                + describe(draw);
        frame.clear();
        draw.clear();
        return s;
    }

    private static String describe(List<Double> v) {
        if (v.isEmpty()) {
            return "none";
        }
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return String.format(Locale.ROOT, "median=%.2f p95=%.2f max=%.2f", a[a.length / 2],
                a[Math.min(a.length - 1, (int) Math.ceil(0.95 * a.length) - 1)], a[a.length - 1]);
    }
}
