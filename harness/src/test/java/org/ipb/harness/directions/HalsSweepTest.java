package org.ipb.harness.directions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalsSweepTest {
    /**
     * The textbook pass, one column and one coordinate at a time, with the same float operations in
     * the same order as the kernel: grad = -P_tj + Σ_s G_ts A_sj (s ascending), A_tj ← max(A_tj -
     * grad / G_tt, 0).
     */
    private static double reference(float[] a, int m, float[] p, float[] g, int k) {
        double violation = 0;
        for (int j = 0; j < m; j++) {
            for (int t = 0; t < k; t++) {
                float hess = g[t * k + t];
                if (hess == 0) {
                    continue;
                }
                float grad = -p[t * m + j];
                for (int s = 0; s < k; s++) {
                    grad = grad + g[t * k + s] * a[s * m + j];
                }
                float old = a[t * m + j];
                violation += Math.abs(old > 0 ? grad : Math.min(grad, 0f));
                a[t * m + j] = Math.max(old - grad / hess, 0f);
            }
        }
        return violation;
    }

    /** A random Gram H Hᵀ (k x k) of a non-negative H, a non-negative A and its cross product P. */
    private static float[][] problem(int k, int m, long seed, boolean deadComponent) {
        SplittableRandom r = new SplittableRandom(seed);
        int c = 7;
        float[] h = new float[k * c];
        for (int i = 0; i < h.length; i++) {
            h[i] = (float) r.nextDouble();
        }
        if (deadComponent) {
            java.util.Arrays.fill(h, c, 2 * c, 0f); // component 1 of the fixed factor is all zero
        }
        float[] g = new float[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                float s = 0;
                for (int l = 0; l < c; l++) {
                    s += h[i * c + l] * h[j * c + l];
                }
                g[i * k + j] = s;
            }
        }
        float[] a = new float[k * m];
        float[] p = new float[k * m];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble() < 0.3 ? 0f : (float) r.nextDouble();
            p[i] = (float) (3 * r.nextDouble());
        }
        return new float[][] {a, p, g};
    }

    @Test
    void equalsTheSequentialCoordinateUpdateBitForBit() {
        // k not a multiple of the unroll (4); m below one tile, one tile exactly, several with a ragged end.
        for (int k : new int[] {1, 3, 4, 9, 64}) {
            for (int m : new int[] {1, 5, HalsSweep.TILE, 3 * HalsSweep.TILE + 17}) {
                for (boolean dead : new boolean[] {false, true}) {
                    if (dead && k < 2) {
                        continue;
                    }
                    float[][] pr = problem(k, m, 31L * k + m, dead);
                    float[] expected = pr[0].clone();
                    double vExpected = reference(expected, m, pr[1], pr[2], k);
                    float[] actual = pr[0].clone();
                    double v = HalsSweep.sweep(actual, 0, m, pr[1], pr[2], k);
                    assertArrayEquals(expected, actual, "k " + k + ", m " + m);
                    assertEquals(vExpected, v, 1e-9 * vExpected, "violation, k " + k + ", m " + m);
                }
            }
        }
    }

    @Test
    void updatesOnlyItsPanelOfALargerArray() {
        int k = 5;
        int m = 300;
        float[][] pr = problem(k, m, 7, false);
        float[] big = new float[11 + k * m + 13];
        java.util.Arrays.fill(big, -1f);
        System.arraycopy(pr[0], 0, big, 11, k * m);
        HalsSweep.sweep(big, 11, m, pr[1], pr[2], k);
        float[] expected = pr[0].clone();
        reference(expected, m, pr[1], pr[2], k);
        for (int i = 0; i < 11; i++) {
            assertEquals(-1f, big[i]);
            assertEquals(-1f, big[big.length - 1 - i]);
        }
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(big, 11, 11 + k * m));
    }

    @Test
    void solvesOneNonNegativeLeastSquaresCoordinateExactly() {
        // k = 1: A ← max(P / G, 0), the exact minimiser of ½G a² - P a over a ≥ 0; the violation is
        // |G a_old - P| where a_old > 0 and max(P - G a_old, 0)... i.e. |min(grad, 0)| at a_old = 0.
        float[] a = {2f, 0f, 0f};
        float[] p = {3f, 4f, -1f};
        float[] g = {2f};
        double v = HalsSweep.sweep(a, 0, 3, p, g, 1);
        assertArrayEquals(new float[] {1.5f, 2f, 0f}, a);
        // grads: 2*2 - 3 = 1 (a > 0: |1|); 0 - 4 = -4 (a = 0, min(-4, 0): 4); 0 + 1 = 1 (a = 0, min(1, 0): 0)
        assertEquals(5.0, v, 0);
        assertTrue(v > 0);
    }
}
