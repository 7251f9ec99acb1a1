package org.ipb.harness.directions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The host-engine copies of {@link Numerics} and its host-side centring. */
class NumericsCopyTest {
    @Test
    void copyIntoAndStagingRoundTrip() {
        try (Numerics nx = Numerics.open("PyTorch"); NDManager m = nx.manager().newSubManager();
                Numerics.Staging staging = new Numerics.Staging()) {
            float[] src = {9, 1, 2, 3, 4, 5, 6, 9};
            NDArray a = staging.put(m, src, 1, 2, 3); // src[1..7) as 2 x 3
            assertArrayEquals(new long[] {2, 3}, a.getShape().getShape());
            float[] back = new float[8];
            Numerics.copyInto(a, back, 2);
            assertArrayEquals(new float[] {0, 0, 1, 2, 3, 4, 5, 6}, back);
            assertArrayEquals(new float[] {1 * 1 + 2 * 2 + 3 * 3, 1 * 4 + 2 * 5 + 3 * 6, 1 * 4 + 2 * 5 + 3 * 6,
                4 * 4 + 5 * 5 + 6 * 6}, a.matMul(a.transpose()).toFloatArray());
            // The next put closes the array the previous one made (it may share the buffer).
            java.nio.FloatBuffer buf = staging.reserve(4);
            assertTrue(a.isReleased());
            for (int i = 0; i < 4; i++) {
                buf.put(i, 10 + i);
            }
            NDArray b = staging.publish(m, 2, 2);
            assertArrayEquals(new float[] {10, 11, 12, 13}, b.toFloatArray());
            assertArrayEquals(new float[] {10, 11, 12, 13}, readAll(Numerics.view(b), 4));
        }
    }

    private static float[] readAll(java.nio.FloatBuffer b, int n) {
        float[] f = new float[n];
        b.get(0, f, 0, n);
        return f;
    }

    @Test
    void centredSubtractsTheColumnMeans() {
        int n = 1000;
        int c = 5;
        SplittableRandom r = new SplittableRandom(3);
        float[] d = new float[n * c];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (100 * (i % c) + r.nextDouble()); // large offsets: the mean matters
        }
        ActivationMatrix x = ActivationMatrix.of(d, n, c);
        try (Numerics nx = Numerics.open("PyTorch"); NDManager m = nx.manager().newSubManager()) {
            float[] mean = new float[c];
            float[] xc = Numerics.centred(m, x, mean).toFloatArray();
            for (int j = 0; j < c; j++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += d[i * c + j];
                }
                assertEquals(s / n, mean[j], 1e-4, "mean " + j);
                double cs = 0;
                for (int i = 0; i < n; i++) {
                    assertEquals(d[i * c + j] - mean[j], xc[i * c + j], 0f);
                    cs += xc[i * c + j];
                }
                assertEquals(0, cs / n, 1e-4, "centred column " + j);
            }
        }
    }
}
