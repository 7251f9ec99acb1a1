package org.ipb.leaderboards.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Correlation coefficients between two paired samples, and the Spearman-Brown prophecy formula.
 * Each coefficient is NaN when it is undefined: fewer than two pairs, or a sample without spread.
 */
public final class Correlations {
    /** The three coefficients reported for a scorer. */
    public enum Method {
        /** Pearson's product-moment r (Pearson 1896). */
        PEARSON,
        /** Spearman's rho: Pearson's r of the ranks, ties given their average rank (Spearman 1904). */
        SPEARMAN,
        /** Kendall's tau-b, which corrects tau for ties in either sample (Kendall 1945). */
        KENDALL_TAU_B;

        public double apply(double[] x, double[] y) {
            return switch (this) {
                case PEARSON -> pearson(x, y);
                case SPEARMAN -> spearman(x, y);
                case KENDALL_TAU_B -> kendallTauB(x, y);
            };
        }
    }

    private Correlations() {}

    /** Pearson's r = Σ(x−x̄)(y−ȳ) / sqrt(Σ(x−x̄)² Σ(y−ȳ)²), with centred sums for accuracy. */
    public static double pearson(double[] x, double[] y) {
        checkPaired(x, y);
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        // Rounding can push |r| a hair past 1 for exactly linear data.
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    /** Spearman's rho: {@link #pearson} of the {@link #averageRanks}. */
    public static double spearman(double[] x, double[] y) {
        checkPaired(x, y);
        return pearson(averageRanks(x), averageRanks(y));
    }

    /**
     * Kendall's tau-b (Kendall, "The treatment of ties in ranking problems", Biometrika 33, 1945):
     * (C − D) / sqrt((n₀ − n₁)(n₀ − n₂)) with C concordant and D discordant pairs, n₀ = n(n−1)/2, and
     * n₁, n₂ the pairs tied in x and in y. The O(n²) pair count is enough for direction-level data
     * (hundreds of directions).
     */
    public static double kendallTauB(double[] x, double[] y) {
        checkPaired(x, y);
        int n = x.length;
        long concordant = 0;
        long discordant = 0;
        long tiedX = 0;
        long tiedY = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int sx = sign(x[i], x[j]);
                int sy = sign(y[i], y[j]);
                if (sx == 0) {
                    tiedX++;
                }
                if (sy == 0) {
                    tiedY++;
                }
                if (sx != 0 && sy != 0) {
                    if ((sx > 0) == (sy > 0)) {
                        concordant++;
                    } else {
                        discordant++;
                    }
                }
            }
        }
        long pairs = (long) n * (n - 1) / 2;
        double denom = Math.sqrt((double) (pairs - tiedX) * (double) (pairs - tiedY));
        if (denom == 0) {
            return Double.NaN;
        }
        return (concordant - discordant) / denom;
    }

    /**
     * Ranks 1..n, tied values given the mean of the ranks they span (the "fractional" ranking). Ties
     * are numeric equality, so −0.0 ties with 0.0.
     */
    public static double[] averageRanks(double[] values) {
        int n = values.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1; // mean of the 1-based ranks i+1..j+1
            for (int m = i; m <= j; m++) {
                ranks[order[m]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }

    /**
     * Spearman-Brown prophecy for doubling the test length (Spearman 1910, Brown 1910, both in the
     * British Journal of Psychology 3): r_full = 2r / (1 + r), the reliability of the whole sample
     * from the correlation r between its two halves.
     */
    public static double spearmanBrown(double r) {
        return spearmanBrown(r, 2);
    }

    /** General Spearman-Brown formula for a test lengthened by {@code factor}: kr / (1 + (k−1)r). */
    public static double spearmanBrown(double r, double factor) {
        double denom = 1 + (factor - 1) * r;
        return denom == 0 ? Double.NaN : factor * r / denom;
    }

    /** Order by numeric value, so that −0.0 and 0.0 tie (Double.compare would separate them). */
    private static int sign(double a, double b) {
        return a < b ? -1 : a > b ? 1 : 0;
    }

    private static void checkPaired(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("unpaired samples: " + x.length + " vs " + y.length);
        }
    }
}
