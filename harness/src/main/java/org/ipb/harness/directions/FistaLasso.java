package org.ipb.harness.directions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * FISTA for the lasso codes of a batch ({@link LassoSolver#FISTA}; Beck &amp; Teboulle 2009, SIAM
 * J. Imaging Sci. 2(1), constant step 1/L) on the whole batch as NDArray products, L the largest
 * eigenvalue of G (power iteration warm-started from the previous batch's eigenvector, plus a 1 %
 * margin), soft-thresholding at λ/L, with the gradient adaptive restart of O'Donoghue &amp; Candès
 * 2015 ("Adaptive restart for accelerated gradient schemes", §3.2). The GPU-friendly choice, but
 * slow when the atoms share a large common component (see {@link DictionaryDirections}).
 */
final class FistaLasso {
    private FistaLasso() {}

    /** {@link LassoSolver#code} by FISTA, always warm-started from {@code z0}. */
    static LassoSolver.Coding code(NDManager owner, NDArray g, NDArray xdt, float[] z0, int size, int k, double lambda,
            boolean positive, double tol, int maxIter, double[] eigenvector) {
        double lipschitz = largestEigenvalue(owner, g, eigenvector);
        try (NDManager scratch = owner.newSubManager()) {
            Result f = fista(scratch, g, xdt, Numerics.matrix(scratch, z0, size, k), lipschitz, lambda, positive,
                    tol, maxIter);
            NDArray z = f.z;
            double loss = -z.mul(xdt).sum().getFloat() + 0.5 * z.matMul(g).mul(z).sum().getFloat()
                    + lambda * z.abs().sum().getFloat();
            return new LassoSolver.Coding(z.toFloatArray(), loss, f.iterations, f.iterations, f.converged);
        }
    }

    /**
     * λ_max of the symmetric PSD matrix {@code g} by power iteration from {@code v} (updated in
     * place, so the next call starts from this eigenvector), plus a 1 % margin.
     */
    static double largestEigenvalue(NDManager owner, NDArray g, double[] v) {
        int k = v.length;
        double norm = 0;
        for (double e : v) {
            norm += e * e;
        }
        norm = Math.sqrt(norm);
        float[] vf = new float[k];
        for (int j = 0; j < k; j++) {
            vf[j] = (float) (v[j] / norm);
        }
        double estimate = 0;
        try (NDManager scratch = owner.newSubManager()) {
            for (int it = 0; it < 500; it++) {
                // (G v)ᵀ = vᵀ G as G is symmetric; the row vector first so scratch owns the product.
                float[] w = Numerics.matrix(scratch, vf, 1, k).matMul(g).toFloatArray();
                double s = 0;
                for (float e : w) {
                    s += (double) e * e;
                }
                double next = Math.sqrt(s);
                if (!(next > 0)) {
                    break;
                }
                for (int j = 0; j < k; j++) {
                    v[j] = w[j] / next;
                    vf[j] = (float) v[j];
                }
                boolean done = Math.abs(next - estimate) <= 1e-6 * next;
                estimate = next;
                if (done && it >= 2) {
                    break;
                }
            }
        }
        return Math.max(estimate, 1e-12) * 1.01;
    }

    /**
     * FISTA on a batch of lasso problems min_Z 0.5 ||X - Z D||² + λ ||Z||₁ given G = D Dᵀ and X Dᵀ;
     * the returned codes are owned by {@code owner}. The gradient step is written as one product
     * with I - G/L plus X Dᵀ/L, the soft-threshold as v - clip(v, -λ/L, λ/L) (exactly zero inside).
     */
    static Result fista(NDManager owner, NDArray g, NDArray xdt, NDArray z0, double lipschitz, double lambda,
            boolean positive, double tol, int maxIter) {
        int k = (int) g.getShape().get(0);
        float step = (float) (1 / lipschitz);
        float threshold = (float) (lambda / lipschitz);
        NDManager cur = owner.newSubManager();
        NDArray scaled = g.mul(step);
        NDArray iteration = owner.eye(k).subi(scaled); // I - G/L
        scaled.close();
        NDArray offset = xdt.mul(step); // X Dᵀ / L
        z0.attach(cur);
        NDArray z = z0;
        NDArray y = z0;
        double t = 1;
        int it = 0;
        boolean converged = false;
        while (it < maxIter) {
            it++;
            NDManager next = owner.newSubManager();
            NDArray v = y.matMul(iteration).addi(offset);
            NDArray zNew = positive ? v.subi(threshold).maximum(0) : v.sub(v.clip(-threshold, threshold));
            NDArray dz = zNew.sub(z);
            double diff = dz.square().sum().getFloat();
            double norm = zNew.square().sum().getFloat();
            // Gradient restart (O'Donoghue & Candès 2015): the step from y went against the momentum.
            double restart = y.sub(zNew).muli(dz).sum().getFloat();
            NDArray yNew;
            double tNew;
            if (restart > 0) {
                tNew = 1;
                yNew = zNew;
            } else {
                tNew = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
                yNew = dz.muli((t - 1) / tNew).addi(zNew);
                yNew.attach(next);
            }
            zNew.attach(next);
            cur.close();
            cur = next;
            z = zNew;
            y = yNew;
            t = tNew;
            if (diff <= tol * tol * norm) {
                converged = true;
                break;
            }
        }
        z.attach(owner);
        cur.close();
        iteration.close();
        offset.close();
        return new Result(z, it, converged);
    }

    /** FISTA's codes (owned by the caller's manager), iterations run and whether it met the tolerance. */
    record Result(NDArray z, int iterations, boolean converged) {}
}
