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
import java.nio.FloatBuffer;
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
 *       covariance ({@link Numerics#topEigenCompact}), each signed so that its first component is
 *       non-negative (scikit-learn's {@code u *= sign(u[0])}) and scaled to unit variance (divisor
 *       N, as scikit-learn's SVD whitening): z = Λ^(-1/2) Vᵀ (x - μ).
 *   <li>Iteration (eq. 20, all rows at once): W⁺ = E{g(W z) zᵀ} - diag(E{g'(W z)}) W, then W ←
 *       (W⁺ W⁺ᵀ)^(-1/2) W⁺, the orthogonal polar factor of W⁺, in double precision: for K ≤ 64 from
 *       the eigendecomposition of W⁺ W⁺ᵀ (in Java, {@link SymmetricEigen}; eigenvalues clipped at
 *       the smallest normal double, as scikit-learn), above by Higham's scaled Newton iteration (Higham 1986,
 *       "Computing the polar decomposition — with applications", SIAM J. Sci. Stat. Comput. 7(4),
 *       §3) on the NDArray engine, falling back to the eigendecomposition if W⁺ is singular.
 *   <li>Contrast (option {@code fun}): {@code logcosh} (default) G(u) = log cosh(αu)/α, g = tanh(αu),
 *       g' = α(1 - tanh²(αu)), option {@code alpha} ∈ [1, 2], default 1; {@code exp} G(u) =
 *       -exp(-u²/2); {@code cube} G(u) = u⁴/4 (g = u³). The products W z and g(W z) zᵀ run on the
 *       NDArray engine; g and Σ g' in Java between them, tanh by {@link Tanh32} (the engine's tanh
 *       cost as much as both products).
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
            float[] mu = new float[c];
            NDArray xc = Numerics.centred(m, x, mu); // once, for the covariance and for z
            PcaDirections.Covariance cov = PcaDirections.Covariance.ofCentred(xc, m.create(mu));
            Numerics.Eigen top = numerics.topEigenCompact(cov.matrix(), k, request.seed());
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
            // Whitening K x C: row i = v_i / sqrt(population variance λ_i (N-1)/N), v_i's sign chosen so
            // that its first component is non-negative (scikit-learn's u *= sign(u[0])): the whitened
            // data, and so the fit, do not depend on the eigensolver's sign choice.
            double[][] wh = new double[k][c];
            for (int i = 0; i < k; i++) {
                double s = (top.vectors().getEntry(0, i) < 0 ? -1 : 1) / Math.sqrt(lambda[i] * (n - 1.0) / n);
                for (int j = 0; j < c; j++) {
                    wh[i][j] = top.vectors().getEntry(j, i) * s;
                }
            }
            NDArray whitening = Numerics.fromReal(m, new Array2DRowRealMatrix(wh, false));
            NDArray z;
            try (NDArray wht = whitening.transpose()) {
                z = xc.matMul(wht);
            }
            xc.close();
            cov.matrix().close();

            SplittableRandom rnd = new SplittableRandom(request.seed());
            double[][] w0 = new double[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    w0[i][j] = StandardNormal.next(rnd);
                }
            }
            float[] w = new float[k * k]; // the unmixing matrix, row-major, float32 as the engine had it
            try (NDArray w0m = symmetricDecorrelation(m, Numerics.fromReal(m, new Array2DRowRealMatrix(w0, false)))) {
                Numerics.copyInto(w0m, w, 0);
            }
            // Per iteration: y = z Wᵀ on the engine; g(y) and Σ g'(y) in Java, read from the engine's y
            // and written to the buffer that becomes g on the engine (the engine's tanh cost as much as
            // both products); E{g(y) zᵀ} = gᵀ z / N on the engine.
            float[] wt = new float[k * k];
            float[] gz = new float[k * k];
            double[] dSum = new double[k];
            float[] update = new float[k * k];
            float[] wNew = new float[k * k];
            int iterations = 0;
            double lim = Double.POSITIVE_INFINITY;
            boolean converged = false;
            Set<String> methods = new TreeSet<>();
            double eg = o.gaussianExpectation();
            double[] negentropy = new double[k];
            double objective = 0;
            float[] directions;
            try (Numerics.Staging upW = new Numerics.Staging(); Numerics.Staging upG = new Numerics.Staging()) {
                for (int it = 1; it <= o.maxIter; it++) {
                    iterations = it;
                    transpose(w, k, wt);
                    try (NDArray yz = z.matMul(upW.put(m, wt, 0, k, k))) {
                        o.derivatives(Numerics.view(yz), upG.reserve(n * k), n, k, dSum);
                    }
                    NDArray g = upG.publish(m, n, k);
                    try (NDArray gt = g.transpose(); NDArray p = gt.matMul(z)) {
                        Numerics.copyInto(p, gz, 0);
                    }
                    // W⁺ = E{g(W z) zᵀ} - diag(E{g'(W z)}) W
                    for (int i = 0; i < k; i++) {
                        float meanD = (float) (dSum[i] / n);
                        for (int j = 0; j < k; j++) {
                            update[i * k + j] = gz[i * k + j] / n - w[i * k + j] * meanD;
                        }
                    }
                    PolarMethod method = polarFactor(m, update, k, wNew);
                    methods.add(method.name().toLowerCase(Locale.ROOT).replace('_', ' '));
                    lim = 0;
                    for (int i = 0; i < k; i++) {
                        double dot = 0;
                        for (int j = 0; j < k; j++) {
                            dot += (double) wNew[i * k + j] * w[i * k + j];
                        }
                        lim = Math.max(lim, Math.abs(1 - Math.abs(dot)));
                    }
                    if (!Double.isFinite(lim)) {
                        throw new UserError(x.label() + ": ica diverged (non-finite unmixing matrix at iteration " + it
                                + "); try another --seed or a smaller --k");
                    }
                    float[] swap = w;
                    w = wNew;
                    wNew = swap;
                    if (lim < o.tol) {
                        converged = true;
                        break;
                    }
                }

                transpose(w, k, wt);
                float[] meanG;
                try (NDManager s = m.newSubManager()) {
                    NDArray yz = z.matMul(upW.put(m, wt, 0, k, k));
                    yz.attach(s); // the contrast's temporaries go with s
                    meanG = o.contrast(yz).mean(new int[] {0}).toFloatArray();
                }
                for (int i = 0; i < k; i++) {
                    double dlt = meanG[i] - eg;
                    negentropy[i] = dlt * dlt;
                    objective += negentropy[i] / k;
                }
                try (NDArray wm = upW.put(m, w, 0, k, k); NDArray dm = wm.matMul(whitening)) {
                    directions = dm.toFloatArray();
                }
            }
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
            extra.put("eigenSolver", c <= Numerics.EXACT_EIGEN_LIMIT ? "exact (Householder, symmetric QR)"
                    : "subspace iteration");
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
        int k = (int) a.getShape().get(0);
        float[] in = new float[k * k];
        Numerics.copyInto(a, in, 0);
        float[] out = new float[k * k];
        eigenPolar(in, k, out);
        return Numerics.matrix(owner, out, k, k);
    }

    /**
     * {@link #eigenPolar(NDManager, NDArray)} on a k x k row-major float array, into {@code out}:
     * all in Java, double precision ({@link SymmetricEigen}), rounded to float32 at the end.
     */
    static void eigenPolar(float[] a, int k, float[] out) {
        double[][] rows = new double[k][k];
        double[][] cols = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                rows[i][j] = a[i * k + j];
                cols[j][i] = a[i * k + j];
            }
        }
        // S = A Aᵀ, row by row as combinations of the columns of A (exactly symmetric: a·b = b·a).
        double[][] gram = new double[k][k];
        for (int i = 0; i < k; i++) {
            double[] gi = gram[i];
            for (int l = 0; l < k; l++) {
                double ail = rows[i][l];
                double[] cl = cols[l];
                for (int j = 0; j < k; j++) {
                    gi[j] += ail * cl[j];
                }
            }
        }
        SymmetricEigen.Result e = SymmetricEigen.of(gram);
        // M = Σ_m λ_m^(-1/2) e_m e_mᵀ, then U = M A.
        double[][] inverseRoot = new double[k][k];
        for (int m = 0; m < k; m++) {
            double f = 1 / Math.sqrt(Math.max(e.values()[m], Double.MIN_NORMAL));
            double[] em = e.vectors()[m];
            for (int i = 0; i < k; i++) {
                double fi = f * em[i];
                double[] mi = inverseRoot[i];
                for (int j = 0; j < k; j++) {
                    mi[j] += fi * em[j];
                }
            }
        }
        double[] ui = new double[k];
        for (int i = 0; i < k; i++) {
            java.util.Arrays.fill(ui, 0);
            double[] mi = inverseRoot[i];
            for (int l = 0; l < k; l++) {
                double mil = mi[l];
                double[] al = rows[l];
                for (int j = 0; j < k; j++) {
                    ui[j] += mil * al[j];
                }
            }
            for (int j = 0; j < k; j++) {
                out[i * k + j] = (float) ui[j];
            }
        }
    }

    /**
     * {@link #polarFactor(NDManager, NDArray)} of the k x k row-major {@code a}, into {@code out}:
     * for K ≤ {@link #EIGEN_DECORRELATION_LIMIT} in Java ({@link #eigenPolar(float[], int, float[])}),
     * no engine call; above it Newton on the engine.
     */
    static PolarMethod polarFactor(NDManager owner, float[] a, int k, float[] out) {
        if (k <= EIGEN_DECORRELATION_LIMIT) {
            eigenPolar(a, k, out);
            return PolarMethod.EIGEN;
        }
        try (NDManager s = owner.newSubManager()) {
            NDArray u = newtonPolar(s, Numerics.matrix(s, a, k, k));
            if (u == null) {
                eigenPolar(a, k, out);
                return PolarMethod.NEWTON_FAILED_EIGEN;
            }
            Numerics.copyInto(u, out, 0);
            return PolarMethod.NEWTON;
        }
    }

    /** dst = aᵀ for a k x k row-major a. */
    private static void transpose(float[] a, int k, float[] dst) {
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                dst[j * k + i] = a[i * k + j];
            }
        }
    }

    /** Rows of y per parallel task of {@link Options#derivatives}. */
    static final int DERIVATIVE_CHUNK = 1024;

    private static final ThreadLocal<float[]> CHUNK_BUFFER = ThreadLocal.withInitial(() -> new float[0]);

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
        /**
         * g(y) into {@code g} and Σ over the rows of g'(y), per column, into {@code dSum}, for y (n x
         * k, row-major). Rows go in chunks of {@link #DERIVATIVE_CHUNK} in parallel, each through a
         * per-thread array (read once from y, written once to g); the chunks' sums are added in chunk
         * order, so the result does not depend on the number of threads.
         */
        void derivatives(FloatBuffer y, FloatBuffer g, int n, int k, double[] dSum) {
            int chunks = (n + DERIVATIVE_CHUNK - 1) / DERIVATIVE_CHUNK;
            double[][] partial = new double[chunks][];
            java.util.stream.IntStream.range(0, chunks).parallel().forEach(b -> {
                int from = b * DERIVATIVE_CHUNK * k;
                int len = (Math.min(n, (b + 1) * DERIVATIVE_CHUNK) - b * DERIVATIVE_CHUNK) * k;
                float[] buf = CHUNK_BUFFER.get();
                if (buf.length < len) {
                    buf = new float[DERIVATIVE_CHUNK * k];
                    CHUNK_BUFFER.set(buf);
                }
                y.get(from, buf, 0, len);
                partial[b] = derivatives(buf, len, k);
                g.put(from, buf, 0, len);
            });
            java.util.Arrays.fill(dSum, 0);
            for (double[] p : partial) {
                for (int j = 0; j < k; j++) {
                    dSum[j] += p[j];
                }
            }
        }

        /** y[0, len) (whole rows of k) ← g(y) in place; returns Σ g'(y) per column. */
        private double[] derivatives(float[] y, int len, int k) {
            double[] sum = new double[k];
            switch (fun) {
                case "exp":
                    for (int i = 0; i < len; i++) {
                        float u = y[i];
                        float e = (float) Math.exp(-0.5f * (u * u));
                        sum[i % k] += (1 - u * u) * e;
                        y[i] = u * e;
                    }
                    return sum;
                case "cube":
                    for (int i = 0; i < len; i++) {
                        float u = y[i];
                        sum[i % k] += 3 * (u * u);
                        y[i] = u * u * u;
                    }
                    return sum;
                default: {
                    if (alpha != 1) {
                        float a = (float) alpha;
                        for (int i = 0; i < len; i++) {
                            y[i] *= a;
                        }
                    }
                    Tanh32.inPlace(y, 0, len);
                    // Σ (1 - t²) per column: float sums over runs of up to 256 rows, added into double;
                    // each row is copied out so that the loop vectorises.
                    float[] row = new float[k];
                    float[] run = new float[k];
                    int rows = len / k;
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(y, r * k, row, 0, k);
                        for (int j = 0; j < k; j++) {
                            run[j] += 1f - row[j] * row[j];
                        }
                        if (r % 256 == 255 || r == rows - 1) {
                            for (int j = 0; j < k; j++) {
                                sum[j] += alpha * run[j];
                                run[j] = 0;
                            }
                        }
                    }
                    return sum;
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
