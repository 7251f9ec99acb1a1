package org.ipb.leaderboards.stats;

/**
 * Wilson score interval for a binomial proportion (E. B. Wilson, "Probable inference, the law of
 * succession, and statistical inference", JASA 22, 1927, 209-212): for k of n, p = k/n and normal
 * quantile z, centre (p + z²/2n) / (1 + z²/n) and half-width z / (1 + z²/n) · sqrt(p(1−p)/n + z²/4n²).
 * It stays inside [0, 1] and is not degenerate at 0/n and n/n. Same definition as the study app's
 * analysis; kept here so that this module does not depend on the JavaFX study application.
 */
public final class WilsonInterval {
    /** Two-sided 95 %: the 0.975 quantile of the standard normal distribution. */
    public static final double Z95 = 1.959963984540054;

    private WilsonInterval() {}

    /**
     * 95 % interval of k successes in n trials; {@link Interval#UNDEFINED} when n = 0.
     *
     * @throws IllegalArgumentException unless 0 <= k <= n
     */
    public static Interval of95(long k, long n) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= successes <= n: " + k + "/" + n);
        }
        if (n == 0) {
            return Interval.UNDEFINED;
        }
        double p = (double) k / n;
        double z2 = Z95 * Z95;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denom;
        double half = Z95 / denom * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // The bounds are exactly 0 and 1 at the edges; rounding must not move them.
        double lo = k == 0 ? 0.0 : Math.max(0.0, centre - half);
        double hi = k == n ? 1.0 : Math.min(1.0, centre + half);
        return new Interval(lo, hi);
    }
}
