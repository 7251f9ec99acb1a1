package org.ipb.study.analysis;

/**
 * Wilson score interval for a binomial proportion: E. B. Wilson, "Probable inference, the law of
 * succession, and statistical inference", Journal of the American Statistical Association 22
 * (1927) 209-212. Unlike the normal (Wald) interval it stays inside [0, 1] and is not degenerate
 * at 0/n or n/n.
 *
 * <p>For k successes in n trials, p = k/n: centre (p + z²/2n) / (1 + z²/n), half-width
 * z / (1 + z²/n) · sqrt(p(1-p)/n + z²/4n²).
 */
public final class Wilson {
    /** Two-sided 95 %: the 0.975 quantile of the standard normal distribution. */
    public static final double Z95 = 1.959963984540054;

    private Wilson() {}

    /** Lower and upper bound of the 95 % interval; {NaN, NaN} when n = 0. */
    public static double[] interval95(long successes, long n) {
        return interval(successes, n, Z95);
    }

    public static double[] interval(long successes, long n, double z) {
        if (successes < 0 || successes > n) {
            throw new IllegalArgumentException("need 0 <= successes <= n: " + successes + "/" + n);
        }
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double p = (double) successes / n;
        double z2 = z * z;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denom;
        double half = z / denom * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        double lo = successes == 0 ? 0.0 : Math.max(0.0, centre - half);
        double hi = successes == n ? 1.0 : Math.min(1.0, centre + half);
        return new double[] {lo, hi};
    }
}
