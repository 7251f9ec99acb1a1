package org.ipb.harness.directions;

import org.ipb.core.plugin.PluginInfo;
import org.ipb.core.plugin.OptionSpec;
import java.util.List;

import org.ipb.core.StandardNormal;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
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
 * The Gram and cross products run on the NDArray engine; the sweep's K²N multiply-adds (as
 * scikit-learn's) run in Java, column blocks in parallel, because the columns are independent. A
 * component whose Gram diagonal is zero is skipped, as in scikit-learn.
 *
 * <p><b>Stopping</b> (scikit-learn's "cd" rule): the projected-gradient violation Σ|∇ᴾ| summed
 * over both half-sweeps, each coordinate's gradient taken just before its update (∇ᴾ = ∇ where the
 * coordinate is positive, min(∇, 0) where it is zero), divided by that of the first iteration; stop
 * when the ratio is ≤ {@code tol} (default 1e-4) or after {@code max-iter} (default 200) iterations.
 *
 * <p><b>Initialisation</b> (option {@code init}): {@code nndsvda} (default) — NNDSVD of Boutsidis
 * &amp; Gallopoulos 2008 (Pattern Recognition 41, Algorithm 1) from the top-K singular triplets of X
 * (right vectors and values from the eigenpairs of XᵀX via {@link Numerics#topEigen}, left vectors
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
        Options o = options(request);
        int n = x.rows();
        int c = x.cols();
        try (NDManager m = numerics.manager().newSubManager()) {
            NDArray xm = Numerics.matrix(m, x);
            NDArray[] init = initialise(x, xm, k, o.init, request.seed(), numerics);
            NDArray wt = init[0]; // K x N: the codes, transposed so that a component is a contiguous row
            NDArray h = init[1]; // K x C
            // Xᵀ once, contiguous: a transposed view would be re-laid out by every product.
            NDArray xt = xm.transpose().duplicate();
            double violationInit = 0;
            double ratio = Double.NaN;
            boolean converged = false;
            int iterations = 0;
            for (int it = 1; it <= o.maxIter; it++) {
                iterations = it;
                double violation;
                NDArray newWt;
                NDArray newH;
                try (NDManager s = m.newSubManager()) {
                    // Temporaries of this iteration belong to s (results go to the first operand's manager).
                    xm.tempAttach(s);
                    xt.tempAttach(s);
                    h.tempAttach(s);
                    wt.tempAttach(s);
                    Sweep sw = sweep(wt, h.matMul(h.transpose()), h.matMul(xt));
                    newWt = sw.factor();
                    Sweep sh = sweep(h, newWt.matMul(newWt.transpose()), newWt.matMul(xm));
                    newH = sh.factor();
                    violation = sw.violation() + sh.violation();
                    newWt.attach(m);
                    newH.attach(m);
                }
                wt.close();
                h.close();
                wt = newWt;
                h = newH;
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

            double residual = Reconstruction.sumSquares(xm.sub(wt.transpose().matMul(h)));
            double total = Reconstruction.sumSquares(xm);
            long zeros = wt.eq(0).toType(DataType.INT64, false).sum().getLong();
            float[] codeMax = wt.max(new int[] {1}).toFloatArray();
            float[] rowMax = h.max(new int[] {1}).toFloatArray();
            int dead = 0;
            for (int t = 0; t < k; t++) {
                dead += codeMax[t] == 0 || rowMax[t] == 0 ? 1 : 0;
            }
            float[] directions = h.toFloatArray();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("solver", "hals (coordinate descent, as scikit-learn cd)");
            extra.put("init", o.init);
            extra.put("maxIter", o.maxIter);
            extra.put("tol", o.tol);
            extra.put("reconstructionErr", Math.sqrt(residual));
            extra.put("violationRatio", Double.isFinite(ratio) ? ratio : -1.0);
            return new FitResult(directions, k, "0.5 * ||X - WH||_F^2", 0.5 * residual,
                    total > 0 ? residual / total : 0, (double) zeros / ((double) n * k), dead, iterations, converged,
                    extra);
        }
    }

    /** A factor after one HALS pass, and the pass's projected-gradient violation Σ|∇ᴾ|. */
    private record Sweep(NDArray factor, double violation) {}

    /**
     * One HALS pass over the K rows of {@code a} (K x M, the factor being updated, one component
     * per row) with Gram {@code g} (K x K) and cross product {@code p} (K x M) of the fixed factor;
     * returns the new factor (owned by {@code a}'s manager) and the violation.
     *
     * <p>Row t's step (G_t A - P_t) / G_tt sees the rows already updated in this pass, but only
     * within the same column: the M columns are independent. So the pass runs column block by
     * column block in Java, blocks in parallel, each block's K x B slice in cache; the O(K²M)
     * work no longer pays one engine call per row (nine calls x K rows before). Each column is
     * computed the same way whatever the thread, and the per-block violation sums are added in
     * block order, so the result does not depend on the number of threads.
     */
    private static Sweep sweep(NDArray a, NDArray g, NDArray p) {
        int k = (int) a.getShape().get(0);
        int m = (int) a.getShape().get(1);
        float[] gram = g.toFloatArray();
        float[] cur = a.toFloatArray();
        float[] cross = p.toFloatArray();
        double[] scale = new double[k];
        for (int t = 0; t < k; t++) {
            double d = gram[t * k + t];
            scale[t] = d != 0 ? 1 / d : 0;
        }
        int blocks = (m + SWEEP_BLOCK - 1) / SWEEP_BLOCK;
        double[][] violationPerBlock = new double[blocks][];
        java.util.stream.IntStream.range(0, blocks).parallel().forEach(b ->
                violationPerBlock[b] = sweepBlock(cur, cross, gram, scale, k, m, b * SWEEP_BLOCK,
                        Math.min(m, (b + 1) * SWEEP_BLOCK)));
        double v = 0;
        for (double[] perRow : violationPerBlock) {
            for (int t = 0; t < k; t++) {
                v += perRow[t] * gram[t * k + t];
            }
        }
        return new Sweep(a.getManager().create(cur, a.getShape()), v);
    }

    /** Columns handled together by one task of {@link #sweep}: K x 256 floats stay in L2 cache. */
    static final int SWEEP_BLOCK = 256;

    /**
     * Updates columns [from, to) of {@code cur} in place; returns Σ_j |∇ᴾ| per row (∇ᴾ = the step
     * where the coordinate was positive before its update, min(step, 0) where it was zero).
     */
    private static double[] sweepBlock(float[] cur, float[] cross, float[] gram, double[] scale, int k, int m,
            int from, int to) {
        int width = to - from;
        // Column-major copy of the block: column j's K values are contiguous.
        float[] col = new float[width * k];
        for (int t = 0; t < k; t++) {
            for (int j = 0; j < width; j++) {
                col[j * k + t] = cur[t * m + from + j];
            }
        }
        double[] violation = new double[k];
        for (int j = 0; j < width; j++) {
            int base = j * k;
            for (int t = 0; t < k; t++) {
                if (scale[t] == 0) {
                    continue; // a zero component of the fixed factor: gradient and update are zero
                }
                double dot = 0;
                int row = t * k;
                for (int s = 0; s < k; s++) {
                    dot += gram[row + s] * col[base + s];
                }
                double step = (dot - cross[t * m + from + j]) * scale[t];
                float old = col[base + t];
                violation[t] += Math.abs(old > 0 ? step : Math.min(step, 0));
                col[base + t] = (float) Math.max(0, old - step);
            }
        }
        for (int t = 0; t < k; t++) {
            for (int j = 0; j < width; j++) {
                cur[t * m + from + j] = col[j * k + t];
            }
        }
        return violation;
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
        Numerics.Eigen top = numerics.topEigen(gram, k, seed);
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
