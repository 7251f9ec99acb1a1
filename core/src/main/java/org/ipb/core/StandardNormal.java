package org.ipb.core;

import java.util.SplittableRandom;

/**
 * Standard normal draws from a {@link SplittableRandom} by the Marsaglia polar method (Marsaglia
 * & Bray 1964), so that seeded Gaussian draws are reproducible and independent of any engine.
 */
public final class StandardNormal {
    private StandardNormal() {}

    public static double next(SplittableRandom r) {
        double u;
        double v;
        double s;
        do {
            u = 2 * r.nextDouble() - 1;
            v = 2 * r.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
