package org.ipb.harness.directions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.ipb.core.UserError;

/**
 * Runs a {@link DirectionFinder} and applies what every method gets alike: rows scaled to unit
 * norm, signs chosen so that each direction's largest-magnitude projection is positive (so "top
 * activations" means large positive values for every method), and the shared report figures.
 */
public final class DirectionFinding {
    private DirectionFinding() {}

    public static DirectionSet run(DirectionFinder finder, ActivationMatrix x, DirectionRequest request,
            Numerics numerics) {
        int k = request.k() == 0 ? finder.defaultK(x) : request.k();
        if (request.k() != 0 && k > x.rows()) {
            throw new UserError(x.label() + ": --k " + k + " exceeds the number of stimuli N = " + x.rows());
        }
        finder.validate(x, request, k);
        long t0 = System.nanoTime();
        FitResult fit = finder.fit(x, k, request, numerics);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (fit.k() != k || fit.directions().length != k * x.cols()) {
            throw new IllegalStateException(finder.name() + " returned " + fit.k() + " directions, asked for " + k);
        }
        float[] d = fit.directions().clone();
        normaliseRows(d, k, x.cols(), finder.name());
        int flips;
        double maxCos;
        try (NDManager m = numerics.manager().newSubManager()) {
            NDArray dm = Numerics.matrix(m, d, k, x.cols());
            NDArray p = Numerics.matrix(m, x).matMul(dm.transpose());
            float[] max = p.max(new int[] {0}).toFloatArray();
            float[] min = p.min(new int[] {0}).toFloatArray();
            flips = 0;
            for (int i = 0; i < k; i++) {
                if (-min[i] > max[i]) {
                    flips++;
                    for (int j = 0; j < x.cols(); j++) {
                        d[i * x.cols() + j] = -d[i * x.cols() + j];
                    }
                }
            }
            maxCos = maxOffDiagonal(dm.matMul(dm.transpose()).abs().toFloatArray(), k);
        }
        DirectionReport report = new DirectionReport(finder.name(), x.rows(), x.cols(), k, request.seed(),
                request.options(), fit.objectiveName(), fit.objective(), fit.relativeReconstructionError(),
                fit.codeSparsity(), fit.deadDirections(), maxCos, flips, fit.iterations(), fit.converged(), seconds,
                numerics.engineName(), numerics.device(), fit.extra());
        return new DirectionSet(d, k, x.cols(), report);
    }

    /** For methods whose K directions live in a K-dimensional subspace of the C-dimensional space. */
    static void requireAtMostColumns(ActivationMatrix x, int k, String method) {
        if (k > x.cols()) {
            throw new UserError(x.label() + ": " + method + " gives at most C = " + x.cols() + " components, not --k " + k);
        }
    }

    static void normaliseRows(float[] d, int k, int c, String method) {
        for (int i = 0; i < k; i++) {
            double s = 0;
            for (int j = 0; j < c; j++) {
                s += (double) d[i * c + j] * d[i * c + j];
            }
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new UserError("method " + method + " produced direction " + i
                        + " with zero or non-finite norm; try another --seed or a smaller --k");
            }
            double inv = 1 / Math.sqrt(s);
            for (int j = 0; j < c; j++) {
                d[i * c + j] = (float) (d[i * c + j] * inv);
            }
        }
    }

    private static double maxOffDiagonal(float[] g, int k) {
        double m = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (i != j) {
                    m = Math.max(m, g[i * k + j]);
                }
            }
        }
        return Math.min(m, 1.0);
    }
}
