package org.ipb.harness.bench;

import java.util.SplittableRandom;
import org.ipb.core.StandardNormal;

/**
 * Benchmark matrices that look like a layer's activations: 2C sparse non-negative features in
 * superposition (each active with probability 0.1, exponential magnitude) mixed by random
 * unit-norm directions into C dimensions, plus small Gaussian noise, then ReLU. Seeded, so the
 * Java benchmark and the scikit-learn reference read the same matrix.
 */
public final class SyntheticActivations {
    private SyntheticActivations() {}

    public static float[] generate(int n, int c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int m = 2 * c;
        float[][] atoms = new float[m][c];
        for (float[] atom : atoms) {
            double norm = 0;
            for (int j = 0; j < c; j++) {
                atom[j] = (float) StandardNormal.next(r);
                norm += atom[j] * atom[j];
            }
            for (int j = 0; j < c; j++) {
                atom[j] /= (float) Math.sqrt(norm);
            }
        }
        float[] x = new float[n * c];
        float[] row = new float[c];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(row, 0f);
            for (int f = 0; f < m; f++) {
                if (r.nextDouble() < 0.1) {
                    float a = (float) -Math.log(1 - r.nextDouble());
                    for (int j = 0; j < c; j++) {
                        row[j] += a * atoms[f][j];
                    }
                }
            }
            for (int j = 0; j < c; j++) {
                x[i * c + j] = Math.max(0f, row[j] + (float) (0.05 * StandardNormal.next(r)));
            }
        }
        return x;
    }
}
