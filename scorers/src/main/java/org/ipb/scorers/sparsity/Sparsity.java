package org.ipb.scorers.sparsity;

/**
 * Sparsity measures of one activation vector. Pure functions; inputs are not modified.
 */
public final class Sparsity {
    private Sparsity() {}

    /**
     * Excess kurtosis with population (biased) moments: {@code m4 / m2^2 - 3}, where
     * {@code mk = (1/N) sum_i (a_i - mean)^k}. This equals {@code scipy.stats.kurtosis(a, fisher=True,
     * bias=True)}; a normal distribution scores about 0, heavy-tailed (sparse) activations score
     * higher. For a constant vector ({@code m2 == 0}) this returns 0, where scipy returns nan.
     *
     * @throws IllegalArgumentException for an empty vector or a non-finite value
     */
    public static double kurtosis(double[] a) {
        requireUsable(a);
        int n = a.length;
        double sum = 0;
        for (double v : a) {
            sum += v;
        }
        double mean = sum / n;
        double m2 = 0;
        double m4 = 0;
        for (double v : a) {
            double d = v - mean;
            double d2 = d * d;
            m2 += d2;
            m4 += d2 * d2;
        }
        m2 /= n;
        m4 /= n;
        if (m2 == 0) {
            return 0;
        }
        return m4 / (m2 * m2) - 3;
    }

    /** As {@link #kurtosis(double[])}, for float activations (computed in double). */
    public static double kurtosis(float[] a) {
        return kurtosis(toDouble(a));
    }

    /**
     * Hoyer sparsity (Hoyer 2004, JMLR, eq. 1): {@code (sqrt(N) - ||a||_1 / ||a||_2) / (sqrt(N) - 1)}.
     * It lies in [0, 1]: 1 for exactly one non-zero entry, 0 when all entries have equal magnitude.
     * Defined as 0 for the zero vector (0/0) and for {@code N = 1} (denominator 0).
     *
     * @throws IllegalArgumentException for an empty vector or a non-finite value
     */
    public static double hoyer(double[] a) {
        requireUsable(a);
        int n = a.length;
        if (n == 1) {
            return 0;
        }
        // scale by the largest magnitude so that the squares neither overflow nor underflow
        double scale = 0;
        for (double v : a) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0) {
            return 0;
        }
        double l1 = 0;
        double l2sq = 0;
        for (double v : a) {
            double s = Math.abs(v) / scale;
            l1 += s;
            l2sq += s * s;
        }
        double sqrtN = Math.sqrt(n);
        double h = (sqrtN - l1 / Math.sqrt(l2sq)) / (sqrtN - 1);
        return Math.min(1.0, Math.max(0.0, h)); // clamp rounding just outside [0, 1]
    }

    /** As {@link #hoyer(double[])}, for float activations (computed in double). */
    public static double hoyer(float[] a) {
        return hoyer(toDouble(a));
    }

    private static void requireUsable(double[] a) {
        if (a.length == 0) {
            throw new IllegalArgumentException("empty activation vector");
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException("activation " + i + " is " + a[i]);
            }
        }
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
