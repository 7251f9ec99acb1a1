package org.ipb.harness.directions;

import org.ipb.core.StandardNormal;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.ipb.core.UserError;

/**
 * Sparse autoencoder (SAE) dictionary: the K rows of the decoder are the directions.
 *
 * <p><b>Model</b> (Bricken et al. 2023, "Towards Monosemanticity", Anthropic, sparse autoencoder
 * setup; Cunningham et al. 2023, "Sparse autoencoders find highly interpretable features in
 * language models", eqs. 1–2), with the pre-encoder bias b_d shared with the decoder:
 *
 * <pre>
 *   z = act(W_e (x − b_d) + b_e)        W_e: K x C, b_e: K
 *   x̂ = W_dᵀ z + b_d                    W_d: K x C, unit-norm rows, b_d: C
 * </pre>
 *
 * Option {@code sparsity} picks act and the loss:
 *
 * <ul>
 *   <li>{@code topk} (default; Makhzani &amp; Frey 2013, "k-Sparse Autoencoders"; Gao et al. 2024,
 *       "Scaling and evaluating sparse autoencoders", TopK activation): ReLU, then only the
 *       {@code topk} largest activations of each sample are kept. The mask is z ≥ (k-th largest z of the row),
 *       applied as z·mask so the gradient flows through the kept values; it is deterministic, and
 *       exact float ties at the threshold are all kept. Default {@code topk} = max(1, K/16): an
 *       active fraction of 1/16, denser than Gao et al.'s (K in the millions there, tens to
 *       thousands here). Loss = normalised MSE. As in Makhzani &amp; Frey's scheduling of the
 *       sparsity level, k is lowered linearly from min(K, 4k) to k over the first {@code
 *       topk-anneal} (default 0.5) of the epochs, which keeps latents from dying early.
 *   <li>{@code l1} (Bricken et al. 2023; Cunningham et al. 2023 eq. 3): ReLU, loss = normalised MSE
 *       + λ·Σ_k z_k with λ = option {@code l1} (default 0.1). The decoder rows are unit norm, so
 *       this is Bricken et al.'s decoder-norm-weighted L1 penalty.
 * </ul>
 *
 * <p><b>Scale.</b> Training runs on x/σ with σ² = mean_i ||x_i − mean||², so the loss
 * mean_i ||x_i − x̂_i||² on that scale is the normalised MSE ||X − X̂||² / ||X − mean||² of Gao et
 * al. (0 perfect, 1 no better than the mean), the learning rate does not depend on the units of the
 * activations, and λ is dimensionless: a latent must carry more than about λ/2 (in units of σ) to
 * pay for its L1 cost. λ = 0.1 gives a few active latents per sample while reconstructing most of
 * the variance.
 *
 * <p><b>Training.</b> Adam (Kingma &amp; Ba 2015, Algorithm 1: β₁ = 0.9, β₂ = 0.999, ε = 1e-8,
 * constant learning rate {@code lr}, default 1e-3; raise it, e.g. to 1e-2, when N is small and
 * there are few steps), written here on NDArrays rather than DJL's {@code Optimizer.adam}, whose
 * state arrays are detached to the engine's system manager and never freed and cannot be reset
 * row by row. Gradients come from DJL autograd ({@link GradientCollector}) on the numerics engine.
 * Mini-batches of {@code batch-size} (default 256) from a shuffle per epoch drawn with {@code
 * java.util.Random(seed)}; up to {@code epochs} (default 30), stopping early once annealing is
 * over when the mean epoch loss changes by less than {@code tol} (default 1e-4) relative to the
 * previous epoch. As Bricken et al., the gradient component parallel to each decoder row is
 * removed before each step and the rows are renormalised to unit length after it.
 * Initialisation: W_d rows Gaussian and normalised (uniform on the sphere), drawn in Java from
 * the seed; W_e = W_d (tied, as Gao et al. initialise the encoder to the decoder's transpose);
 * b_d = mean of X; b_e = 0. Nothing random is drawn by the engine, so the same input and seed
 * give bitwise-identical directions on the same engine and device.
 *
 * <p><b>Resampling</b> (Bricken et al. 2023, "Neuron resampling", extended from dead to rare
 * latents, which they found to be uninterpretable): every {@code resample-every} epochs (default
 * 5), and whenever the loss plateaus, during the first three quarters of the epochs, each latent
 * whose firing count in the last epoch is below {@code resample-density} (default 0.1) times the
 * mean count gets, from a sample x drawn with probability ∝ its squared reconstruction loss
 * (without replacement, Efraimidis &amp; Spirakis 2006, from the seed), a decoder row (x − b_d) /
 * ||x − b_d||, an encoder row along it with {@code resample-encoder-scale} (default 1 for topk, so
 * that it can win a top-k slot; Bricken et al.'s 0.2 for l1) times the mean encoder norm of the
 * other latents, b_e = 0, and zero Adam moments with a fresh bias-correction count for that
 * latent (the other latents' Adam state is kept). {@code resample-density=0} turns it off.
 *
 * <p><b>Report.</b> objective = normalised MSE over all of X after training (+ λ·mean_i Σ_k z_ik
 * on the σ scale for l1); relative reconstruction error ||X − X̂||²_F / ||X||²_F; code sparsity =
 * fraction of exact zeros in Z over all of X; dead directions = latents zero on every sample;
 * extra: {@code fractionOfVarianceUnexplained} ||X − X̂||² / ||X − mean||², the same figures for the
 * initial dictionary, the per-epoch losses, latent densities and resampling counts.
 */
final class SaeDirections implements DirectionFinder {
    static final int DEFAULT_EPOCHS = 30;
    static final int DEFAULT_BATCH = 256;
    static final double DEFAULT_LR = 1e-3;
    static final double DEFAULT_TOL = 1e-4;
    static final double DEFAULT_L1 = 0.1;
    static final int DEFAULT_RESAMPLE_EVERY = 5;
    static final double DEFAULT_RESAMPLE_DENSITY = 0.1;
    static final double DEFAULT_ANNEAL = 0.5;

    @Override
    public String name() {
        return "sae";
    }

    @Override
    public String description() {
        return "sparse autoencoder decoder rows; options sparsity=topk|l1, topk, l1, lr, epochs, batch-size "
                + "(Bricken et al. 2023; Gao et al. 2024)";
    }

    static int defaultTopK(int k) {
        return Math.max(1, k / 16);
    }

    @Override
    public void validate(ActivationMatrix x, DirectionRequest request, int k) {
        String l = x.label() + ": sae option ";
        Settings s = Settings.of(request, k, x.label());
        if (s.epochs < 1) {
            throw new UserError(l + "epochs must be at least 1, got " + s.epochs);
        }
        if (s.batch < 1) {
            throw new UserError(l + "batch-size must be at least 1, got " + s.batch);
        }
        if (!(s.lr > 0)) {
            throw new UserError(l + "lr must be positive, got " + s.lr);
        }
        if (s.tol < 0) {
            throw new UserError(l + "tol must be non-negative, got " + s.tol);
        }
        if (s.resampleEvery < 1) {
            throw new UserError(l + "resample-every must be at least 1, got " + s.resampleEvery);
        }
        if (s.resampleDensity < 0) {
            throw new UserError(l + "resample-density must be non-negative (0 turns resampling off), got "
                    + s.resampleDensity);
        }
        if (!(s.encoderScale > 0)) {
            throw new UserError(l + "resample-encoder-scale must be positive, got " + s.encoderScale);
        }
        if (s.topk) {
            if (s.activeK < 1 || s.activeK > k) {
                throw new UserError(l + "topk must be between 1 and --k " + k + ", got " + s.activeK);
            }
            if (s.anneal < 0 || s.anneal > 1) {
                throw new UserError(l + "topk-anneal must be between 0 and 1, got " + s.anneal);
            }
            if (request.options().containsKey("l1")) {
                throw new UserError(l + "l1 applies to sparsity=l1, not sparsity=topk");
            }
        } else {
            if (s.lambda < 0) {
                throw new UserError(l + "l1 must be non-negative, got " + s.lambda);
            }
            if (request.options().containsKey("topk") || request.options().containsKey("topk-anneal")) {
                throw new UserError(l + "topk and topk-anneal apply to sparsity=topk, not sparsity=l1");
            }
        }
    }

    @Override
    public FitResult fit(ActivationMatrix x, int k, DirectionRequest request, Numerics numerics) {
        Settings s = Settings.of(request, k, x.label());
        int n = x.rows();
        int c = x.cols();
        try (NDManager fm = numerics.manager().newSubManager()) {
            Engine engine = fm.getEngine();
            engine.setRandomSeed((int) (request.seed() ^ (request.seed() >>> 32)));

            // The data on the σ scale and its mean.
            NDArray xs;
            NDArray mean;
            double sigma;
            try (NDManager tmp = fm.newSubManager()) {
                NDArray raw = Numerics.matrix(tmp, x);
                NDArray mu = raw.mean(new int[] {0});
                double centred = Reconstruction.sumSquares(raw.sub(mu)) / n;
                double meanSq = Reconstruction.sumSquares(raw) / n;
                sigma = Math.sqrt(centred > 1e-12 * meanSq && centred > 0 ? centred : meanSq > 0 ? meanSq : 1);
                xs = raw.div((float) sigma);
                xs.attach(fm);
                mean = mu.div((float) sigma);
                mean.attach(fm);
            }

            Params p = Params.init(fm, mean, k, c, request.seed());
            Adam adam = new Adam(fm, p, s.lr);
            Stats before = evaluate(fm, xs, n, p, s, s.activeK, null);

            Random rnd = new Random(request.seed());
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            List<Double> epochLosses = new ArrayList<>();
            boolean converged = false;
            int epochs = 0;
            int resampled = 0;
            int resampleRounds = 0;
            boolean justResampled = false;
            int stepsPerEpoch = (n + s.batch - 1) / s.batch;
            int annealEpochs = s.topk ? (int) Math.floor(s.anneal * s.epochs) : 0;
            long annealSteps = (long) annealEpochs * stepsPerEpoch;
            int startK = Math.min(k, 4 * s.activeK);
            long stepIndex = 0;
            long[] order = new long[n];
            for (int epoch = 0; epoch < s.epochs; epoch++) {
                for (int i = n - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                }
                for (int i = 0; i < n; i++) {
                    order[i] = perm[i];
                }
                double sum = 0;
                float[] firing;
                try (NDManager em = fm.newSubManager()) {
                    NDArray orderNd = em.create(order);
                    NDArray counts = em.zeros(new Shape(k));
                    for (int start = 0; start < n; start += s.batch) {
                        int end = Math.min(n, start + s.batch);
                        int activeK = s.activeK;
                        if (s.topk && stepIndex < annealSteps) {
                            double t = (double) stepIndex / annealSteps;
                            activeK = (int) Math.round(startK + (s.activeK - startK) * t);
                        }
                        stepIndex++;
                        NDArray idx = orderNd.get(em, new NDIndex("{}:{}", start, end));
                        sum += step(fm, xs, idx, p, s, adam, engine, counts, activeK) * (end - start);
                        idx.close();
                    }
                    firing = counts.toFloatArray();
                }
                double loss = sum / n;
                if (!Double.isFinite(loss)) {
                    throw new UserError(x.label() + ": sae training diverged (loss " + loss + " in epoch "
                            + (epoch + 1) + "); try a smaller lr");
                }
                epochLosses.add(loss);
                epochs = epoch + 1;
                double previous = epoch > 0 ? epochLosses.get(epoch - 1) : Double.NaN;
                boolean plateau = epoch > 0 && !justResampled && epochs > annealEpochs
                        && Math.abs(previous - loss) <= s.tol * Math.max(Math.abs(previous), 1e-30);
                justResampled = false;
                boolean mayResample = s.resampleDensity > 0 && 4L * epochs <= 3L * s.epochs;
                if (mayResample && (plateau || epochs % s.resampleEvery == 0)) {
                    List<Integer> rare = rareLatents(firing, s.resampleDensity);
                    int r = rare.isEmpty() ? 0 : resample(fm, xs, n, p, s, adam, rare, rnd);
                    if (r > 0) {
                        resampled += r;
                        resampleRounds++;
                        justResampled = true;
                        continue;
                    }
                }
                if (plateau) {
                    converged = true;
                    break;
                }
            }

            Stats after = evaluate(fm, xs, n, p, s, s.activeK, null);
            float[] directions = p.wD.toFloatArray();
            double nmse = after.residual / n;
            double objective = s.topk ? nmse : nmse + s.lambda * after.l1 / n;
            double[] density = new double[k];
            for (int j = 0; j < k; j++) {
                density[j] = after.firing[j] / n;
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("sparsity", s.topk ? "topk" : "l1");
            if (s.topk) {
                extra.put("topk", s.activeK);
            } else {
                extra.put("l1", s.lambda);
            }
            extra.put("lr", s.lr);
            extra.put("batchSize", s.batch);
            extra.put("fractionOfVarianceUnexplained", after.fvu());
            extra.put("meanActiveLatents", finite(after.active / n));
            extra.put("initialRelativeReconstructionError", before.relative());
            extra.put("initialFractionOfVarianceUnexplained", before.fvu());
            extra.put("epochLosses", epochLosses.stream().mapToDouble(Double::doubleValue).toArray());
            extra.put("latentDensity", density);
            extra.put("resampledLatents", resampled);
            extra.put("resampleRounds", resampleRounds);
            extra.put("inputScale", finite(sigma));
            return new FitResult(directions, k, s.topk ? "normalised MSE" : "normalised MSE + l1 * mean sum z",
                    finite(objective), after.relative(), (double) after.zeros / ((double) n * k), after.dead(),
                    epochs, converged, extra);
        }
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    /**
     * One Adam step on the rows {@code idx} of X; returns the batch loss and adds each latent's
     * firing count to {@code counts}. Temporaries live in a per-step manager: every product starts
     * from a step-owned array, and gradients are moved there before use.
     */
    private static double step(NDManager fm, NDArray xs, NDArray idx, Params p, Settings s, Adam adam, Engine engine,
            NDArray counts, int activeK) {
        try (NDManager sm = fm.newSubManager()) {
            NDArray xb = xs.get(sm, new NDIndex("{}", idx));
            double lossValue;
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray z = encode(xb, p, s, activeK);
                NDArray xhat = z.matMul(p.wD).add(p.bD);
                NDArray loss = xb.sub(xhat).square().sum(new int[] {1}).mean();
                if (!s.topk && s.lambda > 0) {
                    loss = loss.add(z.sum(new int[] {1}).mean().mul((float) s.lambda));
                }
                gc.backward(loss);
                lossValue = loss.getFloat();
                counts.addi(z.stopGradient().gt(0f).toType(DataType.FLOAT32, false).sum(new int[] {0}));
            }
            NDArray[] grads = new NDArray[4];
            for (int i = 0; i < 4; i++) {
                grads[i] = p.all[i].getGradient();
                grads[i].attach(sm);
            }
            // Remove the component of each decoder row's gradient parallel to the row.
            NDArray gWd = grads[Params.WD];
            NDArray tangent = gWd.sub(gWd.mul(p.wD).sum(new int[] {1}, true).mul(p.wD));
            adam.step(sm, new NDArray[] {grads[Params.WE], grads[Params.BE], tangent, grads[Params.BD]});
            // PyTorch accumulates gradients across backward passes: clear them for the next step.
            for (NDArray g : grads) {
                g.subi(g);
            }
            NDArray norms = own(sm, p.wD.norm(new int[] {1}, true));
            p.wD.divi(norms.maximum(1e-12f));
            return lossValue;
        }
    }

    /** Moves {@code a} (the result of an operation on a long-lived array) to {@code m}. */
    private static NDArray own(NDManager m, NDArray a) {
        a.attach(m);
        return a;
    }

    /** Latents whose firing count in the last epoch is below {@code fraction} of the mean count. */
    private static List<Integer> rareLatents(float[] firing, double fraction) {
        double total = 0;
        for (float f : firing) {
            total += f;
        }
        double threshold = fraction * total / firing.length;
        List<Integer> rare = new ArrayList<>();
        for (int j = 0; j < firing.length; j++) {
            if (firing[j] < threshold || firing[j] == 0) {
                rare.add(j);
            }
        }
        return rare;
    }

    /** Resampling of the {@code rare} latents (see the class comment); returns how many were reset. */
    private static int resample(NDManager fm, NDArray xs, int n, Params p, Settings s, Adam adam, List<Integer> rare,
            Random rnd) {
        int k = (int) p.wD.getShape().get(0);
        float[] err = new float[n];
        evaluate(fm, xs, n, p, s, s.activeK, err);
        // Efraimidis & Spirakis (2006): the d largest keys log(u) / w are a sample without
        // replacement with probabilities proportional to the weights w = loss².
        double[] key = new double[n];
        int positive = 0;
        for (int i = 0; i < n; i++) {
            double w = (double) err[i] * err[i];
            double u = rnd.nextDouble();
            key[i] = w > 0 ? Math.log(Math.max(u, Double.MIN_VALUE)) / w : Double.NEGATIVE_INFINITY;
            positive += w > 0 ? 1 : 0;
        }
        int d = Math.min(rare.size(), positive);
        if (d == 0) {
            return 0;
        }
        Integer[] byKey = new Integer[n];
        for (int i = 0; i < n; i++) {
            byKey[i] = i;
        }
        Arrays.sort(byKey, (a, b) -> key[a] != key[b] ? Double.compare(key[b], key[a]) : Integer.compare(a, b));
        long[] chosen = new long[d];
        for (int i = 0; i < d; i++) {
            chosen[i] = byKey[i];
        }
        try (NDManager sm = fm.newSubManager()) {
            NDArray xb = xs.get(sm, new NDIndex("{}", sm.create(chosen)));
            NDArray centred = xb.sub(p.bD);
            NDArray norms = centred.norm(new int[] {1}, true);
            float[] normValues = norms.toFloatArray();
            NDArray v = centred.div(norms.maximum(1e-12f)); // d x C, unit rows
            float[] encNorms = own(sm, p.wEt.norm(new int[] {0})).toFloatArray();
            float[] select = new float[d * k];
            float[] keep = new float[k];
            Arrays.fill(keep, 1f);
            int replaced = 0;
            for (int i = 0; i < d; i++) {
                if (normValues[i] > 0) {
                    int j = rare.get(i);
                    select[i * k + j] = 1f;
                    keep[j] = 0f;
                    replaced++;
                }
            }
            if (replaced == 0) {
                return 0;
            }
            double normSum = 0;
            int kept = 0;
            for (int j = 0; j < k; j++) {
                if (keep[j] == 1f) {
                    normSum += encNorms[j];
                    kept++;
                }
            }
            double encNorm = kept > 0 ? normSum / kept : 1;
            NDArray keepCol = sm.create(keep, new Shape(k, 1));
            NDArray newRows = sm.create(select, new Shape(d, k)).transpose().matMul(v); // K x C
            p.wD.muli(keepCol).addi(newRows);
            p.wEt.muli(keepCol.reshape(1, k)).addi(newRows.transpose().mul((float) (s.encoderScale * encNorm)));
            p.bE.muli(keepCol.reshape(k));
            adam.reset(keepCol, keep);
            return replaced;
        }
    }

    /** The sparse code of a batch (owned by the batch's manager). */
    private static NDArray encode(NDArray xb, Params p, Settings s, int activeK) {
        NDArray z = Activation.relu(xb.sub(p.bD).matMul(p.wEt).add(p.bE));
        if (s.topk && activeK < z.getShape().get(1)) {
            NDArray free = z.stopGradient();
            NDArray threshold = free.topK(activeK, 1, true, false).get(0).min(new int[] {1}, true);
            z = z.mul(free.gte(threshold).toType(DataType.FLOAT32, false));
        }
        return z;
    }

    /**
     * Full pass over X (σ scale) in row chunks: residual, norms, L1, zeros, firing counts; the
     * per-sample squared residuals go to {@code perSample} when it is not null.
     */
    private static Stats evaluate(NDManager fm, NDArray xs, int n, Params p, Settings s, int activeK,
            float[] perSample) {
        int k = (int) p.wD.getShape().get(0);
        int c = (int) p.wD.getShape().get(1);
        int chunk = (int) Math.max(1, Math.min(n, (1L << 22) / Math.max(k, c)));
        Stats st = new Stats(new double[k]);
        for (int start = 0; start < n; start += chunk) {
            int end = Math.min(n, start + chunk);
            try (NDManager sm = fm.newSubManager()) {
                NDArray xb = xs.get(sm, new NDIndex("{}:{}", start, end));
                NDArray z = encode(xb, p, s, activeK);
                NDArray xhat = z.matMul(p.wD).add(p.bD);
                float[] res = xb.sub(xhat).square().sum(new int[] {1}).toFloatArray();
                st.residual += sum(res);
                if (perSample != null) {
                    System.arraycopy(res, 0, perSample, start, res.length);
                }
                st.total += sum(xb.square().sum(new int[] {1}).toFloatArray());
                st.centred += sum(xb.sub(p.mean).square().sum(new int[] {1}).toFloatArray());
                st.l1 += sum(z.sum(new int[] {1}).toFloatArray());
                NDArray nonZero = z.gt(0f).toType(DataType.FLOAT32, false);
                double activeHere = sum(nonZero.sum(new int[] {1}).toFloatArray());
                st.active += activeHere;
                st.zeros += (long) (end - start) * k - Math.round(activeHere);
                float[] counts = nonZero.sum(new int[] {0}).toFloatArray();
                for (int j = 0; j < k; j++) {
                    st.firing[j] += counts[j];
                }
            }
        }
        return st;
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }

    /** Figures of one full pass, on the σ scale. */
    private static final class Stats {
        final double[] firing;
        double residual;
        double total;
        double centred;
        double l1;
        double active;
        long zeros;

        Stats(double[] firing) {
            this.firing = firing;
        }

        double relative() {
            return total > 0 ? finite(residual / total) : 0;
        }

        double fvu() {
            return centred > 0 ? finite(residual / centred) : 0;
        }

        int dead() {
            int d = 0;
            for (double f : firing) {
                d += f > 0 ? 0 : 1;
            }
            return d;
        }
    }

    /**
     * Trainable parameters, owned by the fit's manager: encoder stored transposed (C x K), encoder
     * bias, decoder (K x C), decoder bias; plus the data mean on the σ scale.
     */
    private static final class Params {
        static final int WE = 0;
        static final int BE = 1;
        static final int WD = 2;
        static final int BD = 3;
        final NDArray wEt;
        final NDArray bE;
        final NDArray wD;
        final NDArray bD;
        final NDArray mean;
        final NDArray[] all;

        private Params(NDArray wEt, NDArray bE, NDArray wD, NDArray bD, NDArray mean) {
            this.wEt = wEt;
            this.bE = bE;
            this.wD = wD;
            this.bD = bD;
            this.mean = mean;
            this.all = new NDArray[] {wEt, bE, wD, bD};
        }

        static Params init(NDManager fm, NDArray mean, int k, int c, long seed) {
            SplittableRandom rnd = new SplittableRandom(seed);
            float[] d = new float[k * c];
            float[] dt = new float[c * k];
            double[] row = new double[c];
            for (int i = 0; i < k; i++) {
                double norm = 0;
                while (!(norm > 0)) {
                    norm = 0;
                    for (int j = 0; j < c; j++) {
                        row[j] = StandardNormal.next(rnd);
                        norm += row[j] * row[j];
                    }
                }
                double inv = 1 / Math.sqrt(norm);
                for (int j = 0; j < c; j++) {
                    float v = (float) (row[j] * inv);
                    d[i * c + j] = v;
                    dt[j * k + i] = v;
                }
            }
            NDArray wD = Numerics.matrix(fm, d, k, c);
            NDArray wEt = Numerics.matrix(fm, dt, c, k);
            NDArray bE = fm.zeros(new Shape(k));
            NDArray bD = mean.duplicate();
            bD.attach(fm);
            Params p = new Params(wEt, bE, wD, bD, mean);
            for (NDArray a : p.all) {
                a.setRequiresGradient(true);
            }
            return p;
        }
    }

    /**
     * Adam (Kingma & Ba 2015, Algorithm 1) with its moments in the fit's manager. Each latent has
     * its own step count for the bias correction, so that a latent whose moments were reset by
     * resampling restarts with bias-corrected steps while the others go on.
     */
    private static final class Adam {
        static final double BETA1 = 0.9;
        static final double BETA2 = 0.999;
        static final float EPS = 1e-8f;
        final Params p;
        final NDArray[] m = new NDArray[4];
        final NDArray[] v = new NDArray[4];
        final double lr;
        final int[] latentSteps;
        int t;

        Adam(NDManager fm, Params p, double lr) {
            this.p = p;
            this.lr = lr;
            this.latentSteps = new int[(int) p.bE.getShape().get(0)];
            for (int i = 0; i < 4; i++) {
                m[i] = fm.zeros(p.all[i].getShape());
                v[i] = fm.zeros(p.all[i].getShape());
            }
        }

        private static double correction(double lr, int t) {
            return lr * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
        }

        /** w ← w − lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε), in place; temporaries in {@code sm}. */
        void step(NDManager sm, NDArray[] grads) {
            t++;
            int k = latentSteps.length;
            float[] perLatent = new float[k];
            for (int j = 0; j < k; j++) {
                perLatent[j] = (float) correction(lr, ++latentSteps[j]);
            }
            NDArray col = sm.create(perLatent, new Shape(k, 1));
            NDArray[] scale = {col.reshape(1, k), col.reshape(k), col, sm.create((float) correction(lr, t))};
            for (int i = 0; i < 4; i++) {
                NDArray g = grads[i];
                m[i].muli((float) BETA1).addi(g.mul((float) (1 - BETA1)));
                v[i].muli((float) BETA2).addi(g.square().muli((float) (1 - BETA2)));
                NDArray denominator = own(sm, v[i].sqrt()).addi(EPS);
                p.all[i].subi(own(sm, m[i].div(denominator)).muli(scale[i]));
            }
        }

        /** Zeroes the moments and step counts of the latents where {@code keep} (K x 1) is 0. */
        void reset(NDArray keepCol, float[] keep) {
            int k = latentSteps.length;
            NDArray keepRow = keepCol.reshape(1, k);
            NDArray keepVec = keepCol.reshape(k);
            for (NDArray[] moments : List.of(m, v)) {
                moments[Params.WE].muli(keepRow);
                moments[Params.BE].muli(keepVec);
                moments[Params.WD].muli(keepCol);
            }
            for (int j = 0; j < k; j++) {
                if (keep[j] == 0f) {
                    latentSteps[j] = 0;
                }
            }
        }
    }

    /** Parsed options. */
    private record Settings(boolean topk, int activeK, double lambda, double lr, int epochs, int batch, double tol,
            int resampleEvery, double resampleDensity, double encoderScale, double anneal) {
        static Settings of(DirectionRequest r, int k, String label) {
            String mode = r.stringOption("sparsity", "topk").toLowerCase(Locale.ROOT);
            if (!mode.equals("topk") && !mode.equals("l1")) {
                throw new UserError(label + ": sae option sparsity must be topk or l1, got '" + mode + "'");
            }
            boolean topk = mode.equals("topk");
            return new Settings(topk, r.intOption("topk", defaultTopK(k)), r.doubleOption("l1", DEFAULT_L1),
                    r.doubleOption("lr", DEFAULT_LR), r.intOption("epochs", DEFAULT_EPOCHS),
                    r.intOption("batch-size", DEFAULT_BATCH), r.doubleOption("tol", DEFAULT_TOL),
                    r.intOption("resample-every", DEFAULT_RESAMPLE_EVERY),
                    r.doubleOption("resample-density", DEFAULT_RESAMPLE_DENSITY),
                    r.doubleOption("resample-encoder-scale", topk ? 1.0 : 0.2),
                    r.doubleOption("topk-anneal", DEFAULT_ANNEAL));
        }
    }
}
