package org.ipb.harness.directions;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.ipb.core.StandardNormal;

/**
 * The sparse autoencoder of {@link SaeDirections} (model, activations and loss described there):
 * its trainable parameters, owned by the fit's manager: encoder stored transposed (C x K), encoder
 * bias, decoder (K x C), decoder bias; plus the data mean on the σ scale. Forward passes, and the
 * backward pass of one training step.
 */
final class SparseAutoencoder {
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
    private final SaeSettings s;

    private SparseAutoencoder(NDArray wEt, NDArray bE, NDArray wD, NDArray bD, NDArray mean, SaeSettings s) {
        this.wEt = wEt;
        this.bE = bE;
        this.wD = wD;
        this.bD = bD;
        this.mean = mean;
        this.all = new NDArray[] {wEt, bE, wD, bD};
        this.s = s;
    }

    /**
     * W_d rows Gaussian and normalised (uniform on the sphere), drawn in Java from the seed; W_e =
     * W_d (tied, as Gao et al. 2024 initialise the encoder to the decoder's transpose); b_d =
     * {@code mean}; b_e = 0.
     */
    static SparseAutoencoder init(NDManager fm, NDArray mean, int k, int c, long seed, SaeSettings s) {
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
        SparseAutoencoder p = new SparseAutoencoder(wEt, bE, wD, bD, mean, s);
        for (NDArray a : p.all) {
            a.setRequiresGradient(true);
        }
        return p;
    }

    int latents() {
        return (int) wD.getShape().get(0);
    }

    /**
     * The sparse code of a batch (owned by the batch's manager). Top-k keeps the entries whose
     * score (z after ReLU for topk, |pre-activation| for topk-abs) is at least the k-th largest
     * score of the row; the mask is computed without gradient and multiplied in, so the gradient
     * flows through the kept values only.
     */
    NDArray encode(NDArray xb, int activeK) {
        NDArray pre = xb.sub(bD).matMul(wEt).add(bE);
        NDArray z = s.sparsity() == SaeSettings.Sparsity.TOPK_ABS ? pre : Activation.relu(pre);
        if (s.topk() && activeK < z.getShape().get(1)) {
            NDArray score = s.sparsity() == SaeSettings.Sparsity.TOPK_ABS ? z.stopGradient().abs() : z.stopGradient();
            NDArray threshold = score.topK(activeK, 1, true, false).get(0).min(new int[] {1}, true);
            z = z.mul(score.gte(threshold).toType(DataType.FLOAT32, false));
        }
        return z;
    }

    /**
     * Full pass over X (σ scale) in row chunks: residual, norms, L1, zeros, firing counts; the
     * per-sample squared residuals go to {@code perSample} when it is not null.
     */
    SaePassStats evaluate(NDManager fm, NDArray xs, int n, int activeK, float[] perSample) {
        int k = (int) wD.getShape().get(0);
        int c = (int) wD.getShape().get(1);
        int chunk = (int) Math.max(1, Math.min(n, (1L << 22) / Math.max(k, c)));
        SaePassStats st = new SaePassStats(new double[k]);
        for (int start = 0; start < n; start += chunk) {
            int end = Math.min(n, start + chunk);
            try (NDManager sm = fm.newSubManager()) {
                NDArray xb = xs.get(sm, new NDIndex("{}:{}", start, end));
                NDArray z = encode(xb, activeK);
                NDArray xhat = z.matMul(wD).add(bD);
                float[] res = xb.sub(xhat).square().sum(new int[] {1}).toFloatArray();
                st.residual += sum(res);
                if (perSample != null) {
                    System.arraycopy(res, 0, perSample, start, res.length);
                }
                st.total += sum(xb.square().sum(new int[] {1}).toFloatArray());
                st.centred += sum(xb.sub(mean).square().sum(new int[] {1}).toFloatArray());
                st.l1 += sum(z.abs().sum(new int[] {1}).toFloatArray());
                NDArray nonZero = z.neq(0f).toType(DataType.FLOAT32, false);
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

    /**
     * One Adam step on the rows {@code idx} of X; returns the batch loss and adds each latent's
     * firing count to {@code counts}. Temporaries live in a per-step manager: every product starts
     * from a step-owned array, and gradients are moved there before use.
     */
    double trainStep(NDManager fm, NDArray xs, NDArray idx, AdamOptimizer adam, Engine engine, NDArray counts,
            int activeK) {
        try (NDManager sm = fm.newSubManager()) {
            NDArray xb = xs.get(sm, new NDIndex("{}", idx));
            double lossValue;
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray z = encode(xb, activeK);
                NDArray xhat = z.matMul(wD).add(bD);
                NDArray loss = xb.sub(xhat).square().sum(new int[] {1}).mean();
                if (!s.topk() && s.lambda() > 0) {
                    loss = loss.add(z.sum(new int[] {1}).mean().mul((float) s.lambda()));
                }
                gc.backward(loss);
                lossValue = loss.getFloat();
                counts.addi(z.stopGradient().neq(0f).toType(DataType.FLOAT32, false).sum(new int[] {0}));
            }
            NDArray[] grads = new NDArray[4];
            for (int i = 0; i < 4; i++) {
                grads[i] = all[i].getGradient();
                grads[i].attach(sm);
            }
            // Remove the component of each decoder row's gradient parallel to the row.
            NDArray gWd = grads[WD];
            NDArray tangent = gWd.sub(gWd.mul(wD).sum(new int[] {1}, true).mul(wD));
            adam.step(sm, new NDArray[] {grads[WE], grads[BE], tangent, grads[BD]});
            // PyTorch accumulates gradients across backward passes: clear them for the next step.
            for (NDArray g : grads) {
                g.subi(g);
            }
            NDArray norms = own(sm, wD.norm(new int[] {1}, true));
            wD.divi(norms.maximum(1e-12f));
            return lossValue;
        }
    }

    /** Moves {@code a} (the result of an operation on a long-lived array) to {@code m}. */
    static NDArray own(NDManager m, NDArray a) {
        a.attach(m);
        return a;
    }
}
