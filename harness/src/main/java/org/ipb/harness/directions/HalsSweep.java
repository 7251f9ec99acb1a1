package org.ipb.harness.directions;

import java.util.stream.IntStream;

/**
 * One pass of exact coordinate descent (HALS) over the rows of one NMF factor, the inner loop of
 * {@link NmfDirections}: for a factor A (k x m, one component per row) with the other factor
 * fixed, its Gram G (k x k) and cross product P (k x m) with X, for t = 0..k-1 in order and every
 * column j,
 *
 * <pre>
 *   grad = -P_tj + Σ_s G_ts A_sj          (rows s &lt; t already updated in this pass)
 *   |∇ᴾ| = |grad| if A_tj &gt; 0, else |min(grad, 0)|
 *   A_tj ← max(A_tj - grad / G_tt, 0)
 * </pre>
 *
 * (Cichocki &amp; Phan 2009, eqs. 12–13; scikit-learn's {@code _update_cdnmf_fast} computes the
 * same, in the same order, in float32). A row with G_tt = 0 belongs to an all-zero component of
 * the fixed factor: its gradient is exactly zero and it is left alone.
 *
 * <p>The columns are independent, so the pass runs in tiles of {@link #TILE} columns, tiles in
 * parallel; within a tile, row t is updated for all its columns before row t + 1. Each column
 * sees the same float operations in the same order whatever the tiling or thread, and the
 * per-tile violations are added in tile order: the result does not depend on the number of
 * threads. The tile is copied into one Java array per row because HotSpot's C2 vectorises
 * {@code y[j] += a * x[j]} only when both arrays are indexed alike; the Σ_s is unrolled by four
 * but still added left to right, so the rounding is that of the plain loop.
 */
final class HalsSweep {
    private HalsSweep() {}

    /** Columns per tile: k x 256 floats of the factor stay in L2 cache. */
    static final int TILE = 256;

    private static final ThreadLocal<Scratch> SCRATCH = new ThreadLocal<>();

    /** Per-thread tile buffers, reused from pass to pass. */
    private static final class Scratch {
        final float[][] rows;
        final float[] grad = new float[TILE];

        Scratch(int k) {
            rows = new float[k][TILE];
        }
    }

    /**
     * Updates A in place and returns the pass's projected-gradient violation Σ|∇ᴾ|.
     *
     * @param a the factor: k rows of m floats, row-major, starting at {@code a[aOffset]}
     * @param p the cross product, k x m row-major from {@code p[0]}
     * @param g the Gram, k x k row-major
     */
    static double sweep(float[] a, int aOffset, int m, float[] p, float[] g, int k) {
        int tiles = (m + TILE - 1) / TILE;
        if (tiles == 1) {
            return tile(a, aOffset, m, p, g, k, 0, m);
        }
        double[] perTile = new double[tiles];
        IntStream.range(0, tiles).parallel().forEach(i -> perTile[i] = tile(a, aOffset, m, p, g, k, i * TILE,
                Math.min(m, (i + 1) * TILE)));
        double v = 0;
        for (double t : perTile) {
            v += t;
        }
        return v;
    }

    /** Columns [from, to) of the pass. */
    private static double tile(float[] a, int aOffset, int m, float[] p, float[] g, int k, int from, int to) {
        Scratch sc = SCRATCH.get();
        if (sc == null || sc.rows.length != k) {
            sc = new Scratch(k);
            SCRATCH.set(sc);
        }
        float[][] w = sc.rows;
        float[] grad = sc.grad;
        int width = to - from;
        for (int s = 0; s < k; s++) {
            System.arraycopy(a, aOffset + s * m + from, w[s], 0, width);
        }
        double violation = 0;
        for (int t = 0; t < k; t++) {
            int gt = t * k;
            float hess = g[gt + t];
            if (hess == 0) {
                continue;
            }
            System.arraycopy(p, t * m + from, grad, 0, width);
            for (int j = 0; j < width; j++) {
                grad[j] = -grad[j];
            }
            int s = 0;
            for (; s + 4 <= k; s += 4) {
                float g0 = g[gt + s];
                float g1 = g[gt + s + 1];
                float g2 = g[gt + s + 2];
                float g3 = g[gt + s + 3];
                float[] w0 = w[s];
                float[] w1 = w[s + 1];
                float[] w2 = w[s + 2];
                float[] w3 = w[s + 3];
                for (int j = 0; j < width; j++) {
                    grad[j] = grad[j] + g0 * w0[j] + g1 * w1[j] + g2 * w2[j] + g3 * w3[j];
                }
            }
            for (; s < k; s++) {
                float gs = g[gt + s];
                float[] ws = w[s];
                for (int j = 0; j < width; j++) {
                    grad[j] += gs * ws[j];
                }
            }
            float[] wt = w[t];
            for (int j = 0; j < width; j++) {
                float gj = grad[j];
                violation += Math.abs(wt[j] > 0 ? gj : Math.min(gj, 0f));
            }
            for (int j = 0; j < width; j++) {
                wt[j] = Math.max(wt[j] - grad[j] / hess, 0f);
            }
        }
        for (int s = 0; s < k; s++) {
            System.arraycopy(w[s], 0, a, aOffset + s * m + from, width);
        }
        return violation;
    }
}
