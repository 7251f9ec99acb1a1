package org.ipb.harness.directions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The codes of every row of X for the final dictionary of {@link DictionaryDirections}, and the
 * figures of its report: squared residual, L1 norm and non-zero count of the codes, atoms never
 * used, and the solver's effort.
 */
record DictionaryFinalCodes(double residual, double l1, long nonZero, int dead, int maxIterations,
        boolean converged) {
    /** Rows coded at once for the final codes. */
    static final int FINAL_CHUNK = 4096;

    /** Codes of every row for the final dictionary (written over {@code codes}), and the figures of the report. */
    static DictionaryFinalCodes compute(LassoSolver solver, ActivationMatrix x, float[] dict, int k, float[][] codes,
            double lambda, boolean positive, double tol, int maxIter, double[] eigenvector, Numerics numerics) {
        int n = x.rows();
        int c = x.cols();
        double residual = 0;
        double l1 = 0;
        long nonZero = 0;
        boolean[] used = new boolean[k];
        int maxIterations = 0;
        boolean converged = true;
        try (NDManager fm = numerics.manager().newSubManager()) {
            NDArray dn = Numerics.matrix(fm, dict, k, c);
            NDArray dt = dn.transpose();
            NDArray g = dn.matMul(dt);
            for (int start = 0; start < n; start += FINAL_CHUNK) {
                int size = Math.min(FINAL_CHUNK, n - start);
                float[] xc = new float[size * c];
                float[] z0 = new float[size * k];
                System.arraycopy(x.data(), start * c, xc, 0, size * c);
                for (int r = 0; r < size; r++) {
                    System.arraycopy(codes[start + r], 0, z0, r * k, k);
                }
                try (NDManager cm = fm.newSubManager()) {
                    NDArray xn = Numerics.matrix(cm, xc, size, c);
                    NDArray xdt = xn.matMul(dt);
                    LassoSolver.Coding coding = solver.code(cm, g, xdt, z0, true, size, k, lambda, positive, tol,
                            maxIter, eigenvector);
                    maxIterations = Math.max(maxIterations, coding.maxIterations());
                    converged &= coding.converged();
                    float[] zf = coding.z();
                    for (int r = 0; r < size; r++) {
                        System.arraycopy(zf, r * k, codes[start + r], 0, k);
                    }
                    for (int i = 0; i < zf.length; i++) {
                        if (zf[i] != 0f) {
                            nonZero++;
                            used[i % k] = true;
                            l1 += Math.abs(zf[i]);
                        }
                    }
                    residual += Reconstruction.sumSquares(xn.sub(Numerics.matrix(cm, zf, size, k).matMul(dn)));
                }
            }
        }
        int dead = 0;
        for (boolean u : used) {
            dead += u ? 0 : 1;
        }
        return new DictionaryFinalCodes(residual, l1, nonZero, dead, maxIterations, converged);
    }
}
