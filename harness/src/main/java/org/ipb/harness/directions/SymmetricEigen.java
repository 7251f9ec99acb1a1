package org.ipb.harness.directions;

/**
 * Eigendecomposition of a small dense symmetric matrix in double precision, for the per-iteration
 * symmetric decorrelation of {@link IcaDirections}, where Commons Math's general-purpose solver
 * (and its warm-up in a short-lived JVM) cost more than the iteration's matrix products.
 *
 * <p>Householder reduction to tridiagonal form, then the implicit symmetric QR iteration with
 * Wilkinson's shift on the tridiagonal matrix (Golub &amp; Van Loan, Matrix Computations, 4th ed.,
 * Algorithms 8.3.1 and 8.3.3), both transformations accumulated. Rows are separate arrays so that
 * every inner loop is a same-index row operation, which HotSpot's C2 vectorises.
 */
final class SymmetricEigen {
    private SymmetricEigen() {}

    /** Iterations of the QR step allowed per eigenvalue before giving up. */
    private static final int MAX_STEPS_PER_VALUE = 60;

    /** Eigenvalues, descending, and the eigenvectors as the rows of {@code vectors}, same order. */
    record Result(double[] values, double[][] vectors) {}

    /**
     * Decomposes the symmetric matrix {@code a} (n x n, rows; only its values are read, and it is
     * left unchanged).
     */
    static Result of(double[][] a) {
        int n = a.length;
        double[][] t = new double[n][];
        double[][] v = new double[n][n]; // A = Vᵀ T V throughout: the rows of V end up the eigenvectors
        for (int i = 0; i < n; i++) {
            t[i] = a[i].clone();
            v[i][i] = 1;
        }
        tridiagonalise(t, v);
        double[] d = new double[n];
        double[] e = new double[n]; // e[i] = T[i+1][i]
        for (int i = 0; i < n; i++) {
            d[i] = t[i][i];
            e[i] = i + 1 < n ? t[i + 1][i] : 0;
        }
        diagonalise(d, e, v);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(d[y], d[x]));
        double[] values = new double[n];
        double[][] vectors = new double[n][];
        for (int i = 0; i < n; i++) {
            values[i] = d[order[i]];
            vectors[i] = v[order[i]];
        }
        return new Result(values, vectors);
    }

    /**
     * Householder reflections H = I - 2uuᵀ applied as T ← H T H to zero column k below the
     * subdiagonal, k = 0..n-3, and V ← H V.
     */
    private static void tridiagonalise(double[][] t, double[][] v) {
        int n = t.length;
        double[] u = new double[n];
        double[] p = new double[n];
        double[] w = new double[n];
        for (int k = 0; k < n - 2; k++) {
            double sigma = 0;
            for (int i = k + 1; i < n; i++) {
                sigma += t[i][k] * t[i][k];
            }
            double x0 = t[k + 1][k];
            double norm = Math.sqrt(sigma);
            double alpha = x0 > 0 ? -norm : norm; // the sign that avoids cancellation in u₀ = x₀ - α
            double u0 = x0 - alpha;
            double uNorm2 = sigma - x0 * x0 + u0 * u0;
            if (!(uNorm2 > 0) || sigma - x0 * x0 == 0) {
                continue; // the column is already zero below the subdiagonal
            }
            double inv = 1 / Math.sqrt(uNorm2);
            java.util.Arrays.fill(u, 0);
            u[k + 1] = u0 * inv;
            for (int i = k + 2; i < n; i++) {
                u[i] = t[i][k] * inv;
            }
            // p = T u (rows combined: T is symmetric), c = uᵀp, w = p - c u; then T ← T - 2uwᵀ - 2wuᵀ.
            java.util.Arrays.fill(p, 0);
            for (int i = k + 1; i < n; i++) {
                double ui = u[i];
                double[] ti = t[i];
                for (int j = k + 1; j < n; j++) {
                    p[j] += ui * ti[j];
                }
            }
            double c = 0;
            for (int i = k + 1; i < n; i++) {
                c += u[i] * p[i];
            }
            for (int j = k + 1; j < n; j++) {
                w[j] = p[j] - c * u[j];
            }
            for (int i = k + 1; i < n; i++) {
                double ui2 = 2 * u[i];
                double wi2 = 2 * w[i];
                double[] ti = t[i];
                for (int j = k + 1; j < n; j++) {
                    ti[j] = ti[j] - ui2 * w[j] - wi2 * u[j];
                }
            }
            t[k + 1][k] = alpha;
            t[k][k + 1] = alpha;
            for (int i = k + 2; i < n; i++) {
                t[i][k] = 0;
                t[k][i] = 0;
            }
            // V ← H V on rows k+1..n-1: V_i -= 2 u_i (uᵀV).
            double[] q = p; // reuse: q = uᵀ V
            java.util.Arrays.fill(q, 0);
            for (int i = k + 1; i < n; i++) {
                double ui = u[i];
                double[] vi = v[i];
                for (int j = 0; j < n; j++) {
                    q[j] += ui * vi[j];
                }
            }
            for (int i = k + 1; i < n; i++) {
                double ui2 = 2 * u[i];
                double[] vi = v[i];
                for (int j = 0; j < n; j++) {
                    vi[j] -= ui2 * q[j];
                }
            }
        }
    }

    /**
     * Implicit QR steps with Wilkinson's shift on the tridiagonal (d, e) until every subdiagonal
     * entry is negligible; each Givens rotation R on rows (k, k+1) gives T ← R T Rᵀ and V ← R V.
     */
    private static void diagonalise(double[] d, double[] e, double[][] v) {
        int n = d.length;
        int hi = n - 1;
        int steps = 0;
        double eps = Math.ulp(1.0);
        while (hi > 0) {
            if (Math.abs(e[hi - 1]) <= eps * (Math.abs(d[hi - 1]) + Math.abs(d[hi]))) {
                e[hi - 1] = 0;
                hi--;
                continue;
            }
            int lo = hi - 1;
            while (lo > 0 && Math.abs(e[lo - 1]) > eps * (Math.abs(d[lo - 1]) + Math.abs(d[lo]))) {
                lo--;
            }
            if (lo > 0) {
                e[lo - 1] = 0;
            }
            if (++steps > MAX_STEPS_PER_VALUE * n) {
                throw new IllegalStateException("symmetric QR iteration did not converge");
            }
            qrStep(d, e, v, lo, hi);
        }
    }

    /** One implicit QR step on the unreduced block [lo, hi] (Golub &amp; Van Loan, Algorithm 8.3.2). */
    private static void qrStep(double[] d, double[] e, double[][] v, int lo, int hi) {
        double half = (d[hi - 1] - d[hi]) / 2;
        double b2 = e[hi - 1] * e[hi - 1];
        double mu = d[hi] - b2 / (half + (half >= 0 ? 1 : -1) * Math.sqrt(half * half + b2));
        double x = d[lo] - mu;
        double z = e[lo];
        for (int k = lo; k < hi; k++) {
            double c;
            double s;
            if (z == 0) {
                c = 1;
                s = 0;
            } else if (Math.abs(z) > Math.abs(x)) {
                double r = x / z;
                s = 1 / Math.sqrt(1 + r * r);
                c = s * r;
            } else {
                double r = z / x;
                c = 1 / Math.sqrt(1 + r * r);
                s = c * r;
            }
            if (k > lo) {
                e[k - 1] = c * x + s * z; // the bulge at (k+1, k-1) is rotated into (k, k-1)
            }
            double p = d[k];
            double q = e[k];
            double r = d[k + 1];
            double cs = c * s;
            d[k] = c * c * p + 2 * cs * q + s * s * r;
            d[k + 1] = s * s * p - 2 * cs * q + c * c * r;
            e[k] = cs * (r - p) + (c * c - s * s) * q;
            if (k + 1 < hi) {
                z = s * e[k + 1]; // the new bulge at (k+2, k)
                e[k + 1] = c * e[k + 1];
                x = e[k];
            }
            double[] vk = v[k];
            double[] vk1 = v[k + 1];
            for (int j = 0; j < vk.length; j++) {
                double a = vk[j];
                double b = vk1[j];
                vk[j] = c * a + s * b;
                vk1[j] = c * b - s * a;
            }
        }
    }
}
