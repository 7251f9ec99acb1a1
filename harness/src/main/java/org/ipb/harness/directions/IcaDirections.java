package org.ipb.harness.directions;

import org.ipb.core.plugin.PluginInfo;
import org.ipb.core.plugin.OptionSpec;
import java.util.List;

import org.ipb.core.StandardNormal;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.ipb.core.UserError;

/**
 * Independent components by FastICA with symmetric (parallel) decorrelation: Hyvärinen 1999, "Fast
 * and robust fixed-point algorithms for independent component analysis", IEEE Trans. Neural
 * Networks 10(3), eq. (20) with the symmetric orthogonalisation W ← (W Wᵀ)^(-1/2) W of §4.2
 * (also Hyvärinen &amp; Oja 2000, Neural Networks 13, eqs. 46–47), as scikit-learn's {@code
 * FastICA(n_components=K, algorithm="parallel", whiten="unit-variance")}.
 *
 * <ol>
 *   <li>Whitening: the activations are centred and projected on the top-K eigenvectors of their
 *       covariance ({@link Numerics#topEigen}), each scaled to unit variance (divisor N, as
 *       scikit-learn's SVD whitening): z = Λ^(-1/2) Vᵀ (x - μ).
 *   <li>Iteration (eq. 20, all rows at once): W⁺ = E{g(W z) zᵀ} - diag(E{g'(W z)}) W, then W ←
 *       (W⁺ W⁺ᵀ)^(-1/2) W⁺, the orthogonal polar factor of W⁺, in double precision: for K ≤ 64 from
 *       the eigendecomposition of W⁺ W⁺ᵀ (Commons Math; eigenvalues clipped at the smallest normal
 *       double, as scikit-learn), above by Higham's scaled Newton iteration (Higham 1986,
 *       "Computing the polar decomposition — with applications", SIAM J. Sci. Stat. Comput. 7(4),
 *       §3) on the NDArray engine, falling back to the eigendecomposition if W⁺ is singular.
 *   <li>Contrast (option {@code fun}): {@code logcosh} (default) G(u) = log cosh(αu)/α, g = tanh(αu),
 *       g' = α(1 - tanh²(αu)), option {@code alpha} ∈ [1, 2], default 1; {@code exp} G(u) =
 *       -exp(-u²/2); {@code cube} G(u) = u⁴/4 (g = u³).
 *   <li>Start: W₀ with i.i.d. standard normal entries drawn in Java from the request seed, then
 *       decorrelated. Stop when max_i |1 - |⟨w_i⁺, w_i⟩|| &lt; {@code tol} (default 1e-4) or after
 *       {@code max-iter} (default 200) iterations — scikit-learn's defaults and test.
 * </ol>
 *
 * <p>Directions are the rows of the unmixing matrix in the original activation space, W Λ^(-1/2)
 * Vᵀ: projecting centred activations on direction i gives the recovered source y_i (unit
 * variance). The objective is the mean over components of the negentropy approximation J(y_i) =
 * (E{G(y_i)} - E{G(ν)})² (Hyvärinen &amp; Oja 2000, eq. 23), ν standard normal; E{G(ν)} is
 * computed by quadrature (0.3745672075 for logcosh, α = 1). The reconstruction error is that of
 * the centred data from the whitened K-dimensional subspace, 1 - explained variance ratio, since
 * the unmixing is invertible on that subspace. Codes are dense: sparsity 0, no dead directions.
 */
final class IcaDirections implements DirectionFinder {
    static final int DEFAULT_MAX_ITER = 200;
    static final double DEFAULT_TOL = 1e-4;
    /**
     * Whitened dimensions whose variance is below this fraction of the largest are float32 noise (the
     * covariance of float32 data is accurate to about 1e-7 to 1e-6 of its largest eigenvalue).
     */
    static final double RANK_TOLERANCE = 1e-6;
    /**
     * Up to this K the symmetric decorrelation uses a Java eigendecomposition (a few engine calls
     * per iteration); above it the Newton polar iteration, whose K³ products run on the engine.
     */
    static final int EIGEN_DECORRELATION_LIMIT = 64;

    private static final Set<String> FUNS = Set.of("logcosh", "exp", "cube");

    private static final PluginInfo INFO = new PluginInfo("ica",
            "FastICA, symmetric, logcosh contrast, PCA-whitened to K dimensions (Hyvärinen 1999)", "K = --k (ipb candidates and benchmark runs use C, the layer's width, when it is not given)" + "; K <= C",
            Set.of(), List.of(new OptionSpec("fun", "logcosh", "contrast function G: logcosh, exp or cube"),
                    new OptionSpec("alpha", "1.0", "logcosh scale a in G(u) = log cosh(a u) / a"),
                    new OptionSpec("max-iter", String.valueOf(DEFAULT_MAX_ITER), "fixed-point iterations at most"),
                    new OptionSpec("tol", String.valueOf(DEFAULT_TOL),
                            "stop when max |1 - |<w_new, w_old>|| is below this")),
            List.of());

    @Override
    public PluginInfo describe() {
        return INFO;
    }

    @Override
    public void validate(ActivationMatrix x, DirectionRequest request, int k) {
        DirectionFinding.requireAtMostColumns(x, k, name());
        if (x.rows() < 2) {
            throw new UserError(x.label() + ": ica needs at least 2 stimuli");
        }
        if (k >= x.rows()) {
            throw new UserError(x.label() + ": ica needs --k below the number of stimuli N = " + x.rows()
                    + " (the centred data have rank at most N - 1), not " + k);
        }
        options(request);
    }

    @Override
    public FitResult fit(ActivationMatrix x, int k, DirectionRequest request, Numerics numerics) {
        Options o = options(request);
        int n = x.rows();
        int c = x.cols();
        try (NDManager m = numerics.manager().newSubManager()) {
            NDArray xm = Numerics.matrix(m, x);
            PcaDirections.Covariance cov = PcaDirections.Covariance.of(xm);
            Numerics.Eigen top = numerics.topEigen(cov.matrix(), k, request.seed());
            double[] lambda = top.values();
            int rank = 0;
            while (rank < k && lambda[rank] > RANK_TOLERANCE * lambda[0] && lambda[rank] > 0) {
                rank++;
            }
            if (rank < k) {
                throw new UserError(x.label() + ": ica whitens to K = " + k + " dimensions but the centred activations"
                        + " have only " + rank + " with variance above " + RANK_TOLERANCE
                        + " of the largest; use a smaller --k");
            }
            // Whitening K x C: row i = v_i / sqrt(population variance λ_i (N-1)/N).
            double[][] wh = new double[k][c];
            for (int i = 0; i < k; i++) {
                double s = 1 / Math.sqrt(lambda[i] * (n - 1.0) / n);
                for (int j = 0; j < c; j++) {
                    wh[i][j] = top.vectors().getEntry(j, i) * s;
                }
            }
            NDArray whitening = Numerics.fromReal(m, new Array2DRowRealMatrix(wh, false));
            NDArray z = xm.sub(cov.mean()).matMul(whitening.transpose());
            xm.close();

            SplittableRandom rnd = new SplittableRandom(request.seed());
            double[][] w0 = new double[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    w0[i][j] = StandardNormal.next(rnd);
                }
            }
            NDArray w = symmetricDecorrelation(m, Numerics.fromReal(m, new Array2DRowRealMatrix(w0, false)));
            int iterations = 0;
            double lim = Double.POSITIVE_INFINITY;
            boolean converged = false;
            Set<String> methods = new TreeSet<>();
            for (int it = 1; it <= o.maxIter; it++) {
                iterations = it;
                NDArray wNew;
                try (NDManager s = m.newSubManager()) {
                    // Temporaries of this iteration belong to s (results go to the first operand's manager).
                    z.tempAttach(s);
                    w.tempAttach(s);
                    NDArray y = z.matMul(w.transpose());
                    NDArray[] gg = o.derivatives(y);
                    NDArray update = gg[0].transpose().matMul(z).div(n).sub(w.mul(gg[1].reshape(k, 1)));
                    Polar polar = polarFactor(s, update);
                    methods.add(polar.method().name().toLowerCase(Locale.ROOT).replace('_', ' '));
                    wNew = polar.u();
                    float[] dots = wNew.mul(w).sum(new int[] {1}).toFloatArray();
                    lim = 0;
                    for (float d : dots) {
                        lim = Math.max(lim, Math.abs(1 - Math.abs((double) d)));
                    }
                    if (!Double.isFinite(lim)) {
                        throw new UserError(x.label() + ": ica diverged (non-finite unmixing matrix at iteration " + it
                                + "); try another --seed or a smaller --k");
                    }
                    wNew.attach(m);
                }
                w.close();
                w = wNew;
                if (lim < o.tol) {
                    converged = true;
                    break;
                }
            }

            NDArray y = z.matMul(w.transpose());
            float[] meanG = o.contrast(y).mean(new int[] {0}).toFloatArray();
            double eg = o.gaussianExpectation();
            double[] negentropy = new double[k];
            double objective = 0;
            for (int i = 0; i < k; i++) {
                double dlt = meanG[i] - eg;
                negentropy[i] = dlt * dlt;
                objective += negentropy[i] / k;
            }
            float[] directions = w.matMul(whitening).toFloatArray();

            double kept = 0;
            for (int i = 0; i < k; i++) {
                kept += Math.max(lambda[i], 0);
            }
            double ratio = cov.totalVariance() > 0 ? Math.min(1, kept / cov.totalVariance()) : 1;
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("fun", o.fun);
            extra.put("alpha", o.alpha);
            extra.put("maxIter", o.maxIter);
            extra.put("tol", o.tol);
            extra.put("iterations", iterations);
            extra.put("convergence", Double.isFinite(lim) ? lim : -1.0);
            extra.put("negentropy", negentropy);
            extra.put("gaussianReference", eg);
            extra.put("whitenedVarianceRatio", ratio);
            extra.put("decorrelation", String.join(", ", methods));
            extra.put("eigenSolver", c <= Numerics.EXACT_EIGEN_LIMIT ? "exact (Commons Math)" : "subspace iteration");
            return new FitResult(directions, k, "mean negentropy approximation (E G(y) - E G(nu))^2, G = " + o.fun,
                    objective, Math.max(0, 1 - ratio), 0, 0, iterations, converged, extra);
        }
    }

    /** The orthogonal polar factor (W Wᵀ)^(-1/2) W of a square W, as float32 owned by {@code owner}. */
    static NDArray symmetricDecorrelation(NDManager owner, NDArray w) {
        return polarFactor(owner, w).u;
    }

    /** How the last decorrelation was computed. */
    enum PolarMethod {
        EIGEN, NEWTON, NEWTON_FAILED_EIGEN
    }

    record Polar(NDArray u, PolarMethod method) {}

    /**
     * (A Aᵀ)^(-1/2) A: for K ≤ {@link #EIGEN_DECORRELATION_LIMIT} by the eigendecomposition of A Aᵀ
     * in double (Java, a few calls into the engine, as scikit-learn); above it by {@link
     * #newtonPolar}, whose products run on the engine, with the eigendecomposition as fallback.
     */
    static Polar polarFactor(NDManager owner, NDArray a) {
        if (a.getShape().get(0) <= EIGEN_DECORRELATION_LIMIT) {
            return new Polar(eigenPolar(owner, a), PolarMethod.EIGEN);
        }
        NDArray u = newtonPolar(owner, a);
        return u != null ? new Polar(u, PolarMethod.NEWTON)
                : new Polar(eigenPolar(owner, a), PolarMethod.NEWTON_FAILED_EIGEN);
    }

    /**
     * Orthogonal polar factor U = (A Aᵀ)^(-1/2) A of a square A by Higham's scaled Newton iteration
     * X ← (ζX + (ζX)^(-T))/2 with Frobenius-norm scaling ζ = (||X^(-1)||_F / ||X||_F)^(1/2) while far
     * from convergence (Higham 1986, §3.3), in double on the engine; null if A is numerically
     * singular or the iteration does not settle.
     */
    static NDArray newtonPolar(NDManager owner, NDArray a) {
        double rootK = Math.sqrt(a.getShape().get(0));
        try (NDManager s = owner.newSubManager()) {
            NDArray x = a.toType(DataType.FLOAT64, true);
            x.attach(s);
            double change = Double.POSITIVE_INFINITY;
            for (int it = 0; it < 100; it++) {
                NDArray inv;
                try {
                    inv = x.inverse();
                } catch (ai.djl.engine.EngineException e) {
                    return null; // singular
                }
                double[] norms = NDArrays.stack(new NDList(x.norm(), inv.norm())).toDoubleArray();
                if (!Double.isFinite(norms[0]) || !Double.isFinite(norms[1]) || !(norms[0] > 0) || !(norms[1] > 0)) {
                    return null;
                }
                double zeta = change > 1e-2 ? Math.sqrt(norms[1] / norms[0]) : 1;
                NDArray next = x.mul(zeta).add(inv.transpose().mul(1 / zeta)).mul(0.5);
                // Relative to ||U||_F = sqrt(K), the norm of the limit.
                change = next.sub(x).norm().getDouble() / rootK;
                x = next;
                if (!Double.isFinite(change)) {
                    return null;
                }
                if (change < 1e-5) {
                    // Quadratic convergence: the remaining error is about change² ≤ 1e-10, below float32
                    // rounding of the result.
                    NDArray u = x.toType(DataType.FLOAT32, true);
                    u.attach(owner);
                    return u;
                }
            }
            return null;
        }
    }

    /** (A Aᵀ)^(-1/2) A by the eigendecomposition of A Aᵀ in double, eigenvalues clipped at the smallest normal double. */
    static NDArray eigenPolar(NDManager owner, NDArray a) {
        RealMatrix ar = Numerics.toReal(a);
        Numerics.Eigen e = Numerics.symmetricEigen(ar.multiply(ar.transpose()));
        int k = e.values().length;
        RealMatrix scaled = e.vectors().copy();
        for (int j = 0; j < k; j++) {
            double f = 1 / Math.sqrt(Math.max(e.values()[j], Double.MIN_NORMAL));
            for (int i = 0; i < k; i++) {
                scaled.setEntry(i, j, scaled.getEntry(i, j) * f);
            }
        }
        return Numerics.fromReal(owner, scaled.multiply(e.vectors().transpose()).multiply(ar));
    }

    private static Options options(DirectionRequest request) {
        int maxIter = request.intOption("max-iter", DEFAULT_MAX_ITER);
        double tol = request.doubleOption("tol", DEFAULT_TOL);
        double alpha = request.doubleOption("alpha", 1.0);
        String fun = request.stringOption("fun", "logcosh");
        if (maxIter < 1) {
            throw new UserError("option max-iter must be at least 1, got " + maxIter);
        }
        if (tol < 0) {
            throw new UserError("option tol must be non-negative, got " + tol);
        }
        if (!FUNS.contains(fun)) {
            throw new UserError("option fun must be logcosh, exp or cube, got '" + fun + "'");
        }
        if (alpha < 1 || alpha > 2) {
            throw new UserError("option alpha must be in [1, 2], got " + alpha);
        }
        return new Options(maxIter, tol, alpha, fun);
    }

    /** The contrast G, its derivatives g and g', and E{G(ν)} for ν ~ N(0, 1). */
    record Options(int maxIter, double tol, double alpha, String fun) {
        /** {g(y), column means of g'(y)} for y = N x K. */
        NDArray[] derivatives(NDArray y) {
            switch (fun) {
                case "exp": {
                    NDArray y2 = y.square();
                    NDArray e = y2.mul(-0.5).exp();
                    return new NDArray[] {y.mul(e), e.mul(y2.neg().add(1)).mean(new int[] {0})};
                }
                case "cube":
                    return new NDArray[] {y.pow(3), y.square().mul(3).mean(new int[] {0})};
                default: {
                    NDArray t = y.mul(alpha).tanh();
                    return new NDArray[] {t, t.square().neg().add(1).mul(alpha).mean(new int[] {0})};
                }
            }
        }

        /** G(y) elementwise. */
        NDArray contrast(NDArray y) {
            switch (fun) {
                case "exp":
                    return y.square().mul(-0.5).exp().neg();
                case "cube":
                    return y.pow(4).mul(0.25);
                default: {
                    // log cosh(u) = |u| + log(1 + exp(-2|u|)) - log 2, stable for large |u|.
                    NDArray u = y.mul(alpha).abs();
                    return u.add(u.mul(-2).exp().add(1).log()).sub(Math.log(2)).div(alpha);
                }
            }
        }

        double contrast(double u) {
            switch (fun) {
                case "exp":
                    return -Math.exp(-0.5 * u * u);
                case "cube":
                    return 0.25 * u * u * u * u;
                default: {
                    double a = Math.abs(alpha * u);
                    return (a + Math.log1p(Math.exp(-2 * a)) - Math.log(2)) / alpha;
                }
            }
        }

        /** E{G(ν)}, ν standard normal, by composite Simpson quadrature on [-12, 12]. */
        double gaussianExpectation() {
            int intervals = 24_000;
            double lo = -12;
            double h = 24.0 / intervals;
            double sum = 0;
            for (int i = 0; i <= intervals; i++) {
                double u = lo + i * h;
                double f = contrast(u) * Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI);
                sum += f * (i == 0 || i == intervals ? 1 : (i % 2 == 1 ? 4 : 2));
            }
            return sum * h / 3;
        }
    }
}
