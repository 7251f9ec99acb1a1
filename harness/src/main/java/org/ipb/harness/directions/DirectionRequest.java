package org.ipb.harness.directions;

import java.util.Map;
import java.util.TreeMap;
import org.ipb.core.UserError;

/**
 * What the user asked for: how many directions, the seed, and method options ({@code
 * --option name=value}, e.g. {@code orthonormal=true}, {@code alpha=0.5}, {@code max-iter=300}).
 *
 * @param k number of directions; 0 means the method's default (basis: C)
 */
public record DirectionRequest(int k, long seed, Map<String, String> options) {

    public DirectionRequest {
        if (k < 0) {
            throw new UserError("--k must be positive, got " + k);
        }
        // Sorted, so that reports list options in the same order in every run.
        options = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(options));
    }

    public static DirectionRequest of(int k, long seed) {
        return new DirectionRequest(k, seed, Map.of());
    }

    public DirectionRequest withOption(String name, String value) {
        Map<String, String> m = new TreeMap<>(options);
        m.put(name, value);
        return new DirectionRequest(k, seed, m);
    }

    public int intOption(String name, int defaultValue) {
        String v = options.get(name);
        try {
            return v == null ? defaultValue : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UserError("option " + name + " must be an integer, got '" + v + "'");
        }
    }

    public double doubleOption(String name, double defaultValue) {
        String v = options.get(name);
        try {
            double d = v == null ? defaultValue : Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UserError("option " + name + " must be a finite number, got '" + v + "'");
        }
    }

    public boolean flag(String name, boolean defaultValue) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw new UserError("option " + name + " must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    public String stringOption(String name, String defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }
}
