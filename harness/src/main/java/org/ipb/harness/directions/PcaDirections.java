package org.ipb.harness.directions;

import org.ipb.core.plugin.PluginInfo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.apache.commons.math3.linear.RealMatrix;
import org.ipb.core.UserError;

/**
 * Principal components: the top-K eigenvectors of the sample covariance (Pearson 1901; Hotelling
 * 1933), as scikit-learn's {@code PCA(n_components=K).components_} up to sign. The objective is
 * the explained variance ratio Σ_{i≤K} λ_i / Σ_i λ_i; the reconstruction error of the centred
 * data is its complement.
 */
final class PcaDirections implements DirectionFinder {
    private static final PluginInfo INFO = PluginInfo.of("pca",
            "principal components of the centred activations (Hotelling 1933)", "K = --k (ipb candidates and benchmark runs use C, the layer's width, when it is not given)" + "; K <= C");

    @Override
    public PluginInfo describe() {
        return INFO;
    }

    @Override
    public void validate(ActivationMatrix x, DirectionRequest request, int k) {
        DirectionFinding.requireAtMostColumns(x, k, name());
        if (x.rows() < 2) {
            throw new UserError(x.label() + ": pca needs at least 2 stimuli");
        }
    }

    @Override
    public FitResult fit(ActivationMatrix x, int k, DirectionRequest request, Numerics numerics) {
        try (NDManager m = numerics.manager().newSubManager()) {
            Covariance cov = Covariance.of(Numerics.matrix(m, x));
            Numerics.Eigen top = numerics.topEigen(cov.matrix(), k, request.seed());
            RealMatrix v = top.vectors();
            int c = x.cols();
            float[] d = new float[k * c];
            double explained = 0;
            for (int i = 0; i < k; i++) {
                explained += Math.max(top.values()[i], 0);
                for (int j = 0; j < c; j++) {
                    d[i * c + j] = (float) v.getEntry(j, i);
                }
            }
            double ratio = cov.totalVariance() > 0 ? explained / cov.totalVariance() : 1;
            double[] perComponent = new double[k];
            for (int i = 0; i < k; i++) {
                perComponent[i] = cov.totalVariance() > 0 ? Math.max(top.values()[i], 0) / cov.totalVariance() : 0;
            }
            return new FitResult(d, k, "explained variance ratio", ratio, Math.max(0, 1 - ratio), 0, 0, 0, true,
                    Map.of("explainedVarianceRatio", perComponent,
                            "eigenSolver", c <= Numerics.EXACT_EIGEN_LIMIT ? "exact (Commons Math)" : "subspace iteration"));
        }
    }

    /** Sample covariance (divisor N - 1, as numpy.cov and scikit-learn) and its trace. */
    record Covariance(NDArray matrix, NDArray mean, double totalVariance) {
        static Covariance of(NDArray x) {
            NDArray mean = x.mean(new int[] {0});
            try (NDArray xc = x.sub(mean)) {
                return ofCentred(xc, mean);
            }
        }

        /** From the centred data {@code xc} = x - mean, which the caller keeps. */
        static Covariance ofCentred(NDArray xc, NDArray mean) {
            long n = xc.getShape().get(0);
            NDArray cov;
            try (NDArray xct = xc.transpose(); NDArray gram = xct.matMul(xc)) {
                cov = gram.div(n - 1);
            }
            double trace = 0;
            int c = (int) cov.getShape().get(0);
            float[] flat = cov.toFloatArray();
            for (int i = 0; i < c; i++) {
                trace += flat[i * c + i];
            }
            return new Covariance(cov, mean, trace);
        }
    }
}
