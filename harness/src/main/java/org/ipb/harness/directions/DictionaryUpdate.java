package org.ipb.harness.directions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.SplittableRandom;

/**
 * The dictionary update of {@link DictionaryDirections}: one sweep of block-coordinate descent
 * (Mairal et al., JMLR 11, 2010, Algorithm 2) in blocks of atoms, so that the O(K²C) work is BLAS,
 * with the purging of unused atoms of its §3.4.
 */
final class DictionaryUpdate {
    private DictionaryUpdate() {}

    /**
     * One sweep of block-coordinate descent on the atoms (JMLR Algorithm 2), modifying {@code
     * dict}; returns how many atoms were replaced by a batch sample.
     */
    static int sweep(NDArray a, NDArray b, NDArray dn, float[] dict, int k, int c, double meanDiag,
            float[] xb, int size, SplittableRandom rnd, int block) {
        NDManager owner = dn.getManager();
        NDArray residual = b.sub(a.matMul(dn)); // B - A D, rows = atoms
        double threshold = 1e-6 * meanDiag;
        int resampled = 0;
        double[] res = new double[c];
        for (int s = 0; s < k; s += block) {
            int e = Math.min(k, s + block);
            int w = e - s;
            try (NDManager blk = owner.newSubManager()) {
                float[] rb = residual.get(blk, new NDIndex(s + ":" + e)).toFloatArray();
                float[] ab = a.get(blk, new NDIndex(s + ":" + e + "," + s + ":" + e)).toFloatArray();
                float[] delta = new float[w * c];
                for (int jj = 0; jj < w; jj++) {
                    int j = s + jj;
                    double ajj = ab[jj * w + jj];
                    float[] updated = new float[c];
                    if (!(ajj > threshold)) {
                        int row = rnd.nextInt(size);
                        double sq = 0;
                        for (int q = 0; q < c; q++) {
                            sq += (double) xb[row * c + q] * xb[row * c + q];
                        }
                        if (sq > 0) {
                            setUnit(updated, 0, xb, row * c, c);
                            resampled++;
                        } else {
                            System.arraycopy(dict, j * c, updated, 0, c);
                        }
                    } else {
                        for (int q = 0; q < c; q++) {
                            res[q] = rb[jj * c + q];
                        }
                        for (int kk = 0; kk < jj; kk++) {
                            double coef = ab[jj * w + kk];
                            if (coef != 0) {
                                int base = kk * c;
                                for (int q = 0; q < c; q++) {
                                    res[q] -= coef * delta[base + q];
                                }
                            }
                        }
                        double sq = 0;
                        for (int q = 0; q < c; q++) {
                            res[q] = dict[j * c + q] + res[q] / ajj;
                            sq += res[q] * res[q];
                        }
                        double scale = 1 / Math.max(Math.sqrt(sq), 1);
                        for (int q = 0; q < c; q++) {
                            updated[q] = (float) (res[q] * scale);
                        }
                    }
                    for (int q = 0; q < c; q++) {
                        delta[jj * c + q] = updated[q] - dict[j * c + q];
                        dict[j * c + q] = updated[q];
                    }
                }
                if (e < k) {
                    NDArray cols = a.get(blk, new NDIndex(":," + s + ":" + e));
                    residual.subi(cols.matMul(Numerics.matrix(blk, delta, w, c)));
                }
            }
        }
        return resampled;
    }

    /** Row {@code atom} of {@code dict} ← the C values of {@code src} at {@code offset}, scaled to unit norm. */
    static void setUnit(float[] dict, int atom, float[] src, int offset, int c) {
        double s = 0;
        for (int t = 0; t < c; t++) {
            s += (double) src[offset + t] * src[offset + t];
        }
        double inv = 1 / Math.sqrt(s);
        for (int t = 0; t < c; t++) {
            dict[atom * c + t] = (float) (src[offset + t] * inv);
        }
    }
}
