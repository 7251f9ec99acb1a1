package org.ipb.harness.directions;

import static org.ipb.harness.directions.SparseAutoencoder.own;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Adam (Kingma & Ba 2015, Algorithm 1) for a {@link SparseAutoencoder}, with its moments in the
 * fit's manager. Each latent has its own step count for the bias correction, so that a latent
 * whose moments were reset by resampling restarts with bias-corrected steps while the others go
 * on. Written on NDArrays rather than DJL's {@code Optimizer.adam}, whose state arrays are detached
 * to the engine's system manager and never freed and cannot be reset row by row.
 */
final class AdamOptimizer {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final float EPS = 1e-8f;
    final SparseAutoencoder p;
    final NDArray[] m = new NDArray[4];
    final NDArray[] v = new NDArray[4];
    final double lr;
    final int[] latentSteps;
    int t;

    AdamOptimizer(NDManager fm, SparseAutoencoder p, double lr) {
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
            moments[SparseAutoencoder.WE].muli(keepRow);
            moments[SparseAutoencoder.BE].muli(keepVec);
            moments[SparseAutoencoder.WD].muli(keepCol);
        }
        for (int j = 0; j < k; j++) {
            if (keep[j] == 0f) {
                latentSteps[j] = 0;
            }
        }
    }
}
