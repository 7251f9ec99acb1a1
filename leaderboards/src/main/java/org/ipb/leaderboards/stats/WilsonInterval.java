package org.ipb.leaderboards.stats;

import org.ipb.study.analysis.Wilson;

/**
 * The Wilson score interval of the study app's analysis ({@link Wilson}; Wilson 1927, JASA 22,
 * 209-212) as an {@link Interval}, so boards and human summaries share one definition.
 */
public final class WilsonInterval {
    /** Two-sided 95 %: the 0.975 quantile of the standard normal distribution. */
    public static final double Z95 = Wilson.Z95;

    private WilsonInterval() {}

    /**
     * 95 % interval of k successes in n trials; {@link Interval#UNDEFINED} when n = 0.
     *
     * @throws IllegalArgumentException unless 0 <= k <= n
     */
    public static Interval of95(long k, long n) {
        if (n == 0 && k == 0) {
            return Interval.UNDEFINED;
        }
        double[] ci = Wilson.interval95(k, n);
        return new Interval(ci[0], ci[1]);
    }
}
