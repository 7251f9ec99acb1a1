package org.ipb.harness.directions;

import static org.ipb.harness.directions.SparseAutoencoder.own;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Resampling of rare latents of a {@link SparseAutoencoder} (Bricken et al. 2023, "Neuron
 * resampling", extended from dead to rare latents, which they found to be uninterpretable): each
 * latent whose firing count in the last epoch is below {@code resample-density} (default 0.1) times
 * the mean count gets, from a sample x drawn with probability ∝ its squared reconstruction loss
 * (without replacement, Efraimidis &amp; Spirakis 2006, from the seed), a decoder row (x − b_d) /
 * ||x − b_d||, an encoder row along it with {@code resample-encoder-scale} (default 1 for topk, so
 * that it can win a top-k slot; Bricken et al.'s 0.2 for l1) times the mean encoder norm of the
 * other latents, b_e = 0, and zero Adam moments with a fresh bias-correction count for that latent
 * (the other latents' Adam state is kept). When it runs is up to {@link SaeDirections}.
 */
final class LatentResampler {
    private LatentResampler() {}

    /** Latents whose firing count in the last epoch is below {@code fraction} of the mean count. */
    static List<Integer> rareLatents(float[] firing, double fraction) {
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
    static int resample(NDManager fm, NDArray xs, int n, SparseAutoencoder p, SaeSettings s, AdamOptimizer adam,
            List<Integer> rare, Random rnd) {
        int k = p.latents();
        float[] err = new float[n];
        p.evaluate(fm, xs, n, s.activeK(), err);
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
            p.wEt.muli(keepCol.reshape(1, k)).addi(newRows.transpose().mul((float) (s.encoderScale() * encNorm)));
            p.bE.muli(keepCol.reshape(k));
            adam.reset(keepCol, keep);
            return replaced;
        }
    }
}
