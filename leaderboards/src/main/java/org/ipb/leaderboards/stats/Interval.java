package org.ipb.leaderboards.stats;

import java.util.Arrays;

/**
 * A two-sided interval [low, high]; NaN bounds when there was nothing to estimate from.
 */
public record Interval(double low, double high) {
    /** The interval with NaN bounds. */
    public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN);

    /**
     * Percentile bootstrap interval (Efron &amp; Tibshirani 1993, "An Introduction to the Bootstrap",
     * section 13.3): the 2.5 % and 97.5 % quantiles of the replicates. Quantiles interpolate linearly
     * between order statistics (Hyndman &amp; Fan 1996, definition 7, numpy's default). Non-finite
     * replicates (a resample on which the statistic was undefined) are left out.
     */
    public static Interval percentile95(double[] replicates) {
        return percentile(replicates, 0.025, 0.975);
    }

    /** Quantiles {@code lowQ} and {@code highQ} of the finite replicates, as {@link #percentile95}. */
    public static Interval percentile(double[] replicates, double lowQ, double highQ) {
        double[] finite = Arrays.stream(replicates).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return UNDEFINED;
        }
        return new Interval(quantile(finite, lowQ), quantile(finite, highQ));
    }

    /** Quantile q of sorted values, Hyndman &amp; Fan definition 7. */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public boolean contains(double x) {
        return x >= low && x <= high;
    }
}
