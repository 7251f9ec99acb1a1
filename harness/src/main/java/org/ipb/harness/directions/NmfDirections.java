package org.ipb.harness.directions;

import org.ipb.core.plugin.PluginInfo;
import org.ipb.core.plugin.OptionSpec;
import java.util.List;

import org.ipb.core.StandardNormal;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.RealMatrix;
import org.ipb.core.UserError;

/**
 * Non-negative matrix factorisation X ≈ W H (W: N x K codes ≥ 0, H: K x C ≥ 0, directions = rows
 * of H) minimising the Frobenius loss ½||X - W H||²_F (Lee &amp; Seung 1999/2001), as
 * scikit-learn's {@code NMF(n_components=K)} with its defaults (solver "cd", init "nndsvda",
 * tol 1e-4, max_iter 200).
 *
 * <p><b>Solver:</b> hierarchical alternating least squares, i.e. exact coordinate descent on one
 * factor row at a time (Cichocki &amp; Phan 2009, IEICE Trans. Fundamentals E92-A(3), eqs. 12–13;
 * the update of scikit-learn's "cd" solver, Hsieh &amp; Dhillon 2011 without greedy selection):
 * with the other factor fixed, for t = 1..K in order, Wᵀ_t ← max(0, Wᵀ_t - ((HHᵀ)_t Wᵀ - (HXᵀ)_t)
 * / (HHᵀ)_tt), rows already updated in this sweep included; then the same for H with WᵀW and WᵀX.
 * The Gram and cross products run on the NDArray engine, the stimuli in blocks of {@link #BLOCK}
 * (H X_bᵀ, then W_b W_bᵀ and W_b X_b of the block's new codes, summed over blocks in double); the
 * sweep's K²N multiply-adds (as scikit-learn's) run in Java ({@link HalsSweep}), vectorised, tiles
 * of columns in parallel, because the columns are independent. W stays in Java between iterations;
 * only H and one block of W at a time are copied to the engine. A component whose Gram diagonal is
 * zero is skipped, as in scikit-learn.
 *
 * <p><b>Stopping</b> (scikit-learn's "cd" rule): the projected-gradient violation Σ|∇ᴾ| summed
 * over both half-sweeps, each coordinate's gradient taken just before its update (∇ᴾ = ∇ where the
 * coordinate is positive, min(∇, 0) where it is zero), divided by that of the first iteration; stop
 * when the ratio is ≤ {@code tol} (default 1e-4) or after {@code max-iter} (default 200) iterations.
 *
 * <p><b>Initialisation</b> (option {@code init}): {@code nndsvda} (default) — NNDSVD of Boutsidis
 * &amp; Gallopoulos 2008 (Pattern Recognition 41, Algorithm 1) from the top-K singular triplets of X
 * (right vectors and values from the eigenpairs of XᵀX via {@link Numerics#topEigenCompact}, left vectors
 * X v / σ), entries below 1e-6 set to the mean of X; {@code nndsvd} leaves them at zero; {@code
 * random} draws |N(0,1)|·sqrt(mean(X)/K) in Java from the seed (scikit-learn's "random").
 *
 * <p>Report: objective ½||X - WH||²_F (scikit-learn's {@code reconstruction_err_} = ||X - WH||_F
 * goes to extra), relative reconstruction error ||X - WH||²/||X||², code sparsity = fraction of
 * exactly-zero entries of W, dead directions = components whose code column is all zero (or whose
 * H row is, which would make the direction undefined).
 */
final class NmfDirections implements DirectionFinder {
    static final int DEFAULT_MAX_ITER = 200;
    static final double DEFAULT_TOL = 1e-4;
    /** NNDSVD entries below this become the fill value (scikit-learn's eps). */
    static final double NNDSVD_EPS = 1e-6;

    private static final Set<String> INITS = Set.of("nndsvda", "nndsvd", "random");

    private static final PluginInfo INFO = new PluginInfo("nmf",
            "non-negative matrix factorisation, Frobenius loss, HALS/coordinate descent from NNDSVD-a"
                    + " (Cichocki & Phan 2009; Boutsidis & Gallopoulos 2008)", "K = --k (ipb candidates and benchmark runs use C, the layer's width, when it is not given)" + "; X must be non-negative",
            Set.of(), List.of(new OptionSpec("init", "nndsvda", "initialisation: nndsvda, nndsvd or random"),
                    new OptionSpec("max-iter", String.valueOf(DEFAULT_MAX_ITER), "outer iterations at most"),
                    new OptionSpec("tol", String.valueOf(DEFAULT_TOL),
                            "stop when the projected-gradient violation falls to tol x its first value")),
            List.of());

    @Override
    public PluginInfo describe() {
        return INFO;
    }

    @Override
    public void validate(ActivationMatrix x, DirectionRequest request, int k) {
        DirectionFinding.requireAtMostColumns(x, k, name());
        options(request);
        float[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            if (d[i] < 0) {
                throw new UserError(x.label() + ": nmf needs non-negative activations; found " + d[i] + " at row "
                        + (i / x.cols()) + ", column " + (i % x.cols()));
            }
        }
    }

    @Override
    public FitResult fit(ActivationMatrix x, int k, DirectionRequest request, Numerics numerics) {
        return fit(x, k, request, numerics, BLOCK);
    }

    /** {@link #fit} with the stimuli in blocks of {@code blockRows} (tests use small blocks). */
    FitResult fit(ActivationMatrix x, int k, DirectionRequest request, Numerics numerics, int blockRows) {
        Options o = options(request);
        int n = x.rows();
        int c = x.cols();
        try (NDManager m = numerics.manager().newSubManager();
                Numerics.Staging upW = new Numerics.Staging();
                Numerics.Staging upH = new Numerics.Staging()) {
            NDArray xm = Numerics.matrix(m, x);
            Blocks blocks = new Blocks(n, k, blockRows);
            float[] w = new float[k * n]; // Wᵀ block by block: block b holds K x nb, row-major, from b.offset
            float[] h = new float[k * c];
            NDArray[] init = initialise(x, xm, k, o.init, request.seed(), numerics);
            float[] wtInit = new float[k * n];
            Numerics.copyInto(init[0], wtInit, 0);
            Numerics.copyInto(init[1], h, 0);
            init[0].close();
            init[1].close();
            for (int b = 0; b < blocks.count; b++) {
                for (int t = 0; t < k; t++) {
                    System.arraycopy(wtInit, t * n + blocks.from(b), w, blocks.offset(b) + t * blocks.width(b),
                            blocks.width(b));
                }
            }
            wtInit = null;
            NDArray[] xb = new NDArray[blocks.count]; // row blocks of X: views, no copy
            for (int b = 0; b < blocks.count; b++) {
                xb[b] = xm.get(new NDIndex("{}:{}", blocks.from(b), blocks.from(b) + blocks.width(b)));
            }
            float[] gram = new float[k * k];
            float[] cross = new float[blocks.size * k];
            float[] small = new float[k * Math.max(k, c)];
            double[] wwSum = new double[k * k];
            double[] wxSum = new double[k * c];
            float[] gramW = new float[k * k];
            float[] crossW = new float[k * c];
            double violationInit = 0;
            double ratio = Double.NaN;
            boolean converged = false;
            int iterations = 0;
            for (int it = 1; it <= o.maxIter; it++) {
                iterations = it;
                // W half: HHᵀ and H X_bᵀ (block by block), then WWᵀ and W X of the new W for the H half.
                NDArray hm = upH.put(m, h, 0, k, c);
                gramOfRows(hm, gram);
                java.util.Arrays.fill(wwSum, 0);
                java.util.Arrays.fill(wxSum, 0);
                double violation = 0;
                for (int b = 0; b < blocks.count; b++) {
                    int nb = blocks.width(b);
                    try (NDArray xbt = xb[b].transpose()) {
                        product(hm, xbt, cross, 0);
                    }
                    violation += HalsSweep.sweep(w, blocks.offset(b), nb, cross, gram, k);
                    NDArray wb = upW.put(m, w, blocks.offset(b), k, nb);
                    gramOfRows(wb, small);
                    add(small, wwSum, k * k);
                    product(wb, xb[b], small, 0);
                    add(small, wxSum, k * c);
                }
                for (int i = 0; i < k * k; i++) {
                    gramW[i] = (float) wwSum[i];
                }
                for (int i = 0; i < k * c; i++) {
                    crossW[i] = (float) wxSum[i];
                }
                violation += HalsSweep.sweep(h, 0, c, crossW, gramW, k);
                if (!Double.isFinite(violation)) {
                    throw new UserError(x.label() + ": nmf diverged (non-finite gradient at iteration " + it + ")");
                }
                if (it == 1) {
                    violationInit = violation;
                }
                if (violationInit == 0) {
                    ratio = 0;
                    converged = true;
                    break;
                }
                ratio = violation / violationInit;
                if (ratio <= o.tol) {
                    converged = true;
                    break;
                }
            }

            // ||X - WH||², block by block: Σ over rows of the per-row float sums, in double.
            NDArray hm = upH.put(m, h, 0, k, c);
            double residual = 0;
            for (int b = 0; b < blocks.count; b++) {
                NDArray wb = upW.put(m, w, blocks.offset(b), k, blocks.width(b));
                try (NDManager s = m.newSubManager(); NDArray wbt = wb.transpose(); NDArray fit = wbt.matMul(hm)) {
                    NDArray r = xb[b].sub(fit);
                    r.attach(s); // with the temporaries of sumSquares
                    residual += Reconstruction.sumSquares(r);
                }
            }
            double total;
            try (NDManager s = m.newSubManager()) {
                xm.tempAttach(s);
                total = Reconstruction.sumSquares(xm);
            }
            long zeros = 0;
            float[] codeMax = new float[k];
            for (int b = 0; b < blocks.count; b++) {
                int nb = blocks.width(b);
                for (int t = 0; t < k; t++) {
                    int row = blocks.offset(b) + t * nb;
                    for (int j = 0; j < nb; j++) {
                        float v = w[row + j];
                        zeros += v == 0 ? 1 : 0;
                        codeMax[t] = Math.max(codeMax[t], v);
                    }
                }
            }
            int dead = 0;
            for (int t = 0; t < k; t++) {
                float rowMax = 0;
                for (int j = 0; j < c; j++) {
                    rowMax = Math.max(rowMax, h[t * c + j]);
                }
                dead += codeMax[t] == 0 || rowMax == 0 ? 1 : 0;
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("solver", "hals (coordinate descent, as scikit-learn cd)");
            extra.put("init", o.init);
            extra.put("maxIter", o.maxIter);
            extra.put("tol", o.tol);
            extra.put("reconstructionErr", Math.sqrt(residual));
            extra.put("violationRatio", Double.isFinite(ratio) ? ratio : -1.0);
            return new FitResult(h, k, "0.5 * ||X - WH||_F^2", 0.5 * residual,
                    total > 0 ? residual / total : 0, (double) zeros / ((double) n * k), dead, iterations, converged,
                    extra);
        }
    }

    /**
     * The stimuli in blocks of {@link #BLOCK} rows (X itself is never transposed or copied): one
     * block up to 65536 stimuli, since fewer, larger products ran faster than blocks of 2048 to 8192
     * (fewer engine calls and sweep dispatches); above it the temporaries stay bounded (16 MiB per
     * product at K = 64).
     */
    private static final class Blocks {
        final int count;
        final int size;
        private final int n;
        private final int k;

        Blocks(int n, int k, int blockRows) {
            this.n = n;
            this.k = k;
            this.size = Math.min(n, blockRows);
            this.count = (n + size - 1) / size;
        }

        int from(int b) {
            return b * size;
        }

        int width(int b) {
            return Math.min(n, (b + 1) * size) - b * size;
        }

        /** Where block b's K x width rows start in the blocked Wᵀ. */
        int offset(int b) {
            return k * from(b);
        }
    }

    /** Stimuli per block of {@link Blocks}. */
    static final int BLOCK = 65536;

    /** a · b into dst from offset; the product is closed once copied. */
    private static void product(NDArray a, NDArray b, float[] dst, int offset) {
        try (NDArray r = a.matMul(b)) {
            Numerics.copyInto(r, dst, offset);
        }
    }

    /** a aᵀ into dst. */
    private static void gramOfRows(NDArray a, float[] dst) {
        try (NDArray at = a.transpose()) {
            product(a, at, dst, 0);
        }
    }

    private static void add(float[] src, double[] sum, int n) {
        for (int i = 0; i < n; i++) {
            sum[i] += src[i];
        }
    }

    /** {Wᵀ (K x N), H (K x C)}, owned by {@code xm}'s manager. */
    private static NDArray[] initialise(ActivationMatrix x, NDArray xm, int k, String init, long seed,
            Numerics numerics) {
        NDManager m = xm.getManager();
        int n = x.rows();
        int c = x.cols();
        double mean = 0;
        for (float v : x.data()) {
            mean += v;
        }
        mean /= (double) n * c;
        if (init.equals("random")) {
            SplittableRandom rnd = new SplittableRandom(seed);
            double avg = Math.sqrt(mean / k);
            float[] hv = new float[k * c];
            for (int i = 0; i < hv.length; i++) {
                hv[i] = (float) (avg * Math.abs(StandardNormal.next(rnd)));
            }
            float[] wv = new float[n * k];
            for (int i = 0; i < wv.length; i++) {
                wv[i] = (float) (avg * Math.abs(StandardNormal.next(rnd)));
            }
            NDArray w = Numerics.matrix(m, wv, n, k);
            NDArray wt = w.transpose().duplicate();
            w.close();
            return new NDArray[] {wt, Numerics.matrix(m, hv, k, c)};
        }
        double fill = init.equals("nndsvda") ? mean : 0;
        NDArray gram = xm.transpose().matMul(xm);
        Numerics.Eigen top = numerics.topEigenCompact(gram, k, seed);
        gram.close();
        RealMatrix v = top.vectors(); // C x K
        double[] sigma = new double[k];
        double[] invSigma = new double[k];
        for (int j = 0; j < k; j++) {
            sigma[j] = Math.sqrt(Math.max(top.values()[j], 0));
            invSigma[j] = sigma[j] > 1e-12 * Math.max(sigma[0], Double.MIN_NORMAL) ? 1 / sigma[j] : 0;
        }
        float[] vt = new float[k * c];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < c; i++) {
                vt[j * c + i] = (float) (v.getEntry(i, j) * invSigma[j]);
            }
        }
        // Left singular vectors, one per row: U_j = X v_j / σ_j (K x N).
        NDArray ut = Numerics.matrix(m, vt, k, c).matMul(xm.transpose());
        NDArray up = ut.maximum(0);
        NDArray un = ut.neg().maximum(0);
        ut.close();
        float[] upNorm = up.square().sum(new int[] {1}).sqrt().toFloatArray();
        float[] unNorm = un.square().sum(new int[] {1}).sqrt().toFloatArray();
        float[] aPos = new float[k];
        float[] aNeg = new float[k];
        float[] hv = new float[k * c];
        for (int j = 0; j < k; j++) {
            double yp = 0;
            double yn = 0;
            for (int i = 0; i < c; i++) {
                double e = v.getEntry(i, j);
                yp += e > 0 ? e * e : 0;
                yn += e < 0 ? e * e : 0;
            }
            yp = Math.sqrt(yp);
            yn = Math.sqrt(yn);
            if (j == 0) {
                // The leading pair can be taken non-negative (Perron–Frobenius): sqrt(σ) |u|, sqrt(σ) |v|.
                double r = Math.sqrt(sigma[0]);
                aPos[0] = (float) r;
                aNeg[0] = (float) r;
                for (int i = 0; i < c; i++) {
                    hv[i] = (float) (r * Math.abs(v.getEntry(i, 0)));
                }
                continue;
            }
            double mp = upNorm[j] * yp;
            double mn = unNorm[j] * yn;
            boolean positive = mp > mn;
            double sig = positive ? mp : mn;
            if (!(sig > 0) || invSigma[j] == 0) {
                continue; // nothing to split: the pair stays zero (then filled)
            }
            double lbd = Math.sqrt(sigma[j] * sig);
            if (positive) {
                aPos[j] = (float) (lbd / upNorm[j]);
            } else {
                aNeg[j] = (float) (lbd / unNorm[j]);
            }
            double yNorm = positive ? yp : yn;
            for (int i = 0; i < c; i++) {
                double e = v.getEntry(i, j);
                double part = positive ? Math.max(e, 0) : Math.max(-e, 0);
                hv[j * c + i] = (float) (lbd * part / yNorm);
            }
        }
        NDArray wt = up.mul(m.create(aPos).reshape(k, 1)).add(un.mul(m.create(aNeg).reshape(k, 1)));
        up.close();
        un.close();
        NDArray wtFilled = NDArrays.where(wt.lt(NNDSVD_EPS), wt.zerosLike().add(fill), wt);
        wt.close();
        for (int i = 0; i < hv.length; i++) {
            if (hv[i] < NNDSVD_EPS) {
                hv[i] = (float) fill;
            }
        }
        return new NDArray[] {wtFilled, Numerics.matrix(m, hv, k, c)};
    }

    private static Options options(DirectionRequest request) {
        int maxIter = request.intOption("max-iter", DEFAULT_MAX_ITER);
        double tol = request.doubleOption("tol", DEFAULT_TOL);
        String init = request.stringOption("init", "nndsvda");
        if (maxIter < 1) {
            throw new UserError("option max-iter must be at least 1, got " + maxIter);
        }
        if (tol < 0) {
            throw new UserError("option tol must be non-negative, got " + tol);
        }
        if (!INITS.contains(init)) {
            throw new UserError("option init must be nndsvda, nndsvd or random, got '" + init + "'");
        }
        return new Options(maxIter, tol, init);
    }

    private record Options(int maxIter, double tol, String init) {}
}
