package org.ipb.study.web;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An answer as the page posts it, validated: which trial, which of the six buttons (1-6 from the
 * left, as {@link org.ipb.study.session.SessionFlow#RESPONSES}), the reaction time in milliseconds
 * (from the trial's first frame to the click or key, {@code performance.now()}), and optionally
 * the onset on the page's clock (epoch ms) and its frame timing.
 */
record WebAnswer(int trial, int button, double rtMs, Double onsetEpochMs, Double frameMs, Double drawMs) {
    /** The longest reaction time accepted: an hour (a participant may leave a trial open). */
    static final double MAX_RT_MS = 3_600_000;

    /** Reads and checks an answer; a bad field is an {@link IllegalArgumentException} naming it. */
    static WebAnswer parse(JsonNode n) {
        if (n == null || !n.isObject() || n.size() > 8) {
            throw new IllegalArgumentException("an answer is a JSON object");
        }
        int trial = integer(n, "trial", 0, 1_000_000);
        int button = integer(n, "button", 1, 6);
        double rt = number(n, "rt_ms", 0, MAX_RT_MS, true);
        if (!(rt > 0)) {
            throw new IllegalArgumentException("rt_ms must be positive");
        }
        return new WebAnswer(trial, button, rt, optional(n, "onset_epoch_ms", 0, 1e14), optional(n, "frame_ms", 0, 10_000),
                optional(n, "draw_ms", 0, 600_000));
    }

    private static int integer(JsonNode n, String field, int min, int max) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw new IllegalArgumentException(field + " must be an integer in [" + min + ", " + max + "]");
        }
        return v.asInt();
    }

    private static double number(JsonNode n, String field, double min, double max, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException(field + " is missing");
            }
            return Double.NaN;
        }
        double d = v.isNumber() ? v.asDouble() : Double.NaN;
        if (!(d >= min && d <= max)) {
            throw new IllegalArgumentException(field + " must be a number in [" + min + ", " + max + "]");
        }
        return d;
    }

    private static Double optional(JsonNode n, String field, double min, double max) {
        double d = number(n, field, min, max, false);
        return Double.isNaN(d) ? null : d;
    }
}
