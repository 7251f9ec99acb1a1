package org.ipb.harness.directions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Reconstruction errors shared by several methods, computed with NDArray products. */
final class Reconstruction {
    private Reconstruction() {}

    /**
     * ||X - X Q Qᵀ||² / ||X||² where Q is an orthonormal basis of the span of the K directions:
     * how much of X the best linear read-out from the K projections misses.
     */
    static double spanError(ActivationMatrix x, float[] directions, int k, Numerics numerics) {
        try (NDManager m = numerics.manager().newSubManager()) {
            NDArray xm = Numerics.matrix(m, x);
            NDArray q = Numerics.orthonormalColumns(Numerics.matrix(m, directions, k, x.cols()).transpose());
            NDArray residual = xm.sub(xm.matMul(q).matMul(q.transpose()));
            return sumSquares(residual) / Math.max(sumSquares(xm), Double.MIN_NORMAL);
        }
    }

    /** Σ a², accumulated per row in float then summed in double to limit rounding. */
    static double sumSquares(NDArray a) {
        float[] rows = a.square().sum(new int[] {a.getShape().dimension() - 1}).toFloatArray();
        double s = 0;
        for (float r : rows) {
            s += r;
        }
        return s;
    }
}
