package org.ipb.harness.directions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Cyclic coordinate descent for the lasso codes of a batch ({@link LassoSolver#CD}), one problem
 * per row on the Gram matrix (Friedman, Hastie, Höfling &amp; Tibshirani 2007, "Pathwise
 * coordinate optimization", §2.2 covariance updates; what scikit-learn's lasso_cd does). Rows run
 * in parallel Java threads, each row alone, so results do not depend on the thread count.
 */
final class LassoCoordinateDescent {
    private LassoCoordinateDescent() {}

    /** {@link LassoSolver#code} by coordinate descent: z0 is overwritten with the codes. */
    static LassoSolver.Coding code(NDManager owner, NDArray g, NDArray xdt, float[] z0, boolean warm, int size, int k,
            double lambda, boolean positive, double tol, int maxIter) {
        float[] gram = g.toFloatArray();
        float[] c = xdt.toFloatArray();
        float[] q0;
        if (warm) {
            try (NDManager scratch = owner.newSubManager()) {
                q0 = Numerics.matrix(scratch, z0, size, k).matMul(g).neg().addi(xdt).toFloatArray(); // Dx - Gα
            }
        } else {
            q0 = c;
            Arrays.fill(z0, 0f);
        }
        double[] losses = new double[size];
        int[] sweeps = new int[size];
        IntStream.range(0, size).parallel().forEach(r -> sweeps[r] = coordinateDescent(gram, k, c, q0, r * k, z0,
                lambda, positive, tol, maxIter, losses, r));
        double loss = 0;
        long total = 0;
        int max = 0;
        for (int r = 0; r < size; r++) {
            loss += losses[r];
            total += Math.abs(sweeps[r]);
            max = Math.max(max, Math.abs(sweeps[r]));
        }
        boolean converged = true;
        for (int sw : sweeps) {
            converged &= sw > 0;
        }
        return new LassoSolver.Coding(z0, loss, (double) total / size, max, converged);
    }

    /**
     * Cyclic coordinate descent for one lasso problem min_α 0.5 αᵀGα - αᵀc + λ||α||₁ (Friedman,
     * Hastie, Höfling &amp; Tibshirani 2007, "Pathwise coordinate optimization", the covariance
     * form of their §2.2): α_j ← S(α_j + q_j/G_jj, λ/G_jj) with the gradient q = c - Gα kept up to
     * date, so a coordinate that does not move costs O(1) and one that moves O(K). It stops when
     * the largest change in a sweep is at most {@code tol} times the largest |α_j| (as
     * scikit-learn's coordinate descent). Reads the row's c and q0 at {@code offset}, writes α
     * over {@code z}; returns the sweeps, negated if it did not converge.
     */
    static int coordinateDescent(float[] gram, int k, float[] c, float[] q0, int offset, float[] z, double lambda,
            boolean positive, double tol, int maxSweeps, double[] losses, int row) {
        double[] q = new double[k];
        double[] a = new double[k];
        for (int j = 0; j < k; j++) {
            q[j] = q0[offset + j];
            a[j] = z[offset + j];
        }
        int sweep = 0;
        boolean converged = false;
        while (sweep < maxSweeps) {
            sweep++;
            double maxDelta = 0;
            double maxAbs = 0;
            for (int j = 0; j < k; j++) {
                double gjj = gram[j * k + j];
                if (!(gjj > 0)) {
                    continue;
                }
                double old = a[j];
                double v = old + q[j] / gjj;
                double threshold = lambda / gjj;
                double next = v > threshold ? v - threshold : !positive && v < -threshold ? v + threshold : 0;
                if (next != old) {
                    double delta = next - old;
                    a[j] = next;
                    int base = j * k;
                    for (int t = 0; t < k; t++) {
                        q[t] -= delta * gram[base + t];
                    }
                    maxDelta = Math.max(maxDelta, Math.abs(delta));
                }
                maxAbs = Math.max(maxAbs, Math.abs(next));
            }
            if (maxDelta <= tol * maxAbs) {
                converged = true;
                break;
            }
        }
        double loss = 0;
        for (int j = 0; j < k; j++) {
            float f = (float) a[j];
            z[offset + j] = f;
            // With q = c - Gα: -αᵀc + 0.5 αᵀGα = -0.5 αᵀc - 0.5 αᵀq.
            loss += -0.5 * a[j] * c[offset + j] - 0.5 * a[j] * q[j] + lambda * Math.abs(a[j]);
        }
        losses[row] = loss;
        return converged ? sweep : -sweep;
    }
}
