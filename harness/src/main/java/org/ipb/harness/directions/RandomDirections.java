package org.ipb.harness.directions;

import org.ipb.core.plugin.PluginInfo;
import org.ipb.core.plugin.OptionSpec;
import java.util.Set;
import java.util.List;

import java.util.Map;
import java.util.SplittableRandom;
import org.ipb.core.StandardNormal;
import org.ipb.core.UserError;

/**
 * Random directions: i.i.d. Gaussian vectors, which are uniform on the sphere once normalised
 * (Muller 1959); with {@code orthonormal=true}, Gram–Schmidt orthonormalised (a Haar-random
 * orthonormal frame, K ≤ C). The control of Szegedy et al. 2014 and Bau et al. 2017.
 */
final class RandomDirections implements DirectionFinder {
    private static final PluginInfo INFO = new PluginInfo("random",
            "Gaussian directions, uniform on the sphere; option orthonormal=true (Szegedy et al. 2014)", "K = --k (ipb candidates and benchmark runs use C, the layer's width, when it is not given)",
            Set.of(), List.of(new OptionSpec("orthonormal", "false", "orthonormalise the K directions (K <= C)")),
            List.of());

    @Override
    public PluginInfo describe() {
        return INFO;
    }

    @Override
    public void validate(ActivationMatrix x, DirectionRequest request, int k) {
        if (request.flag("orthonormal", false) && k > x.cols()) {
            throw new UserError(x.label() + ": at most C = " + x.cols() + " orthonormal directions, not --k " + k);
        }
    }

    @Override
    public FitResult fit(ActivationMatrix x, int k, DirectionRequest request, Numerics numerics) {
        int c = x.cols();
        // Drawn in Java, not by the engine, so the directions do not depend on the engine.
        SplittableRandom rnd = new SplittableRandom(request.seed());
        double[][] v = new double[k][c];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < c; j++) {
                v[i][j] = StandardNormal.next(rnd);
            }
        }
        if (request.flag("orthonormal", false)) {
            gramSchmidt(v);
        }
        float[] d = new float[k * c];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < c; j++) {
                d[i * c + j] = (float) v[i][j];
            }
        }
        return new FitResult(d, k, "none (random)", 0, Reconstruction.spanError(x, d, k, numerics), 0, 0, 0, true,
                Map.of("orthonormal", request.flag("orthonormal", false)));
    }

    /** Modified Gram–Schmidt, run twice for orthogonality to working precision. */
    static void gramSchmidt(double[][] v) {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < v.length; i++) {
                for (int j = 0; j < i; j++) {
                    double dot = 0;
                    for (int t = 0; t < v[i].length; t++) {
                        dot += v[i][t] * v[j][t];
                    }
                    for (int t = 0; t < v[i].length; t++) {
                        v[i][t] -= dot * v[j][t];
                    }
                }
                double norm = 0;
                for (double a : v[i]) {
                    norm += a * a;
                }
                norm = Math.sqrt(norm);
                for (int t = 0; t < v[i].length; t++) {
                    v[i][t] /= norm;
                }
            }
        }
    }
}
