package org.ipb.harness.directions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Tanh32Test {
    @Test
    void withinFiveUlpOfTheCorrectlyRoundedTanhOnADenseGrid() {
        // 2^21 points across [-10, 10] plus every float in [0.1, 0.1 + 2^-7) (where the worst case lies).
        int n = 1 << 21;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -10f + 20f * i / (n - 1);
        }
        double worst = Math.max(maxUlp(x), 0);
        int lo = Float.floatToRawIntBits(0.1f);
        float[] dense = new float[1 << 20];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = Float.intBitsToFloat(lo + i);
        }
        worst = Math.max(worst, maxUlp(dense));
        assertTrue(worst <= 4.6, "max error " + worst + " ulp");
    }

    private static double maxUlp(float[] x) {
        float[] t = x.clone();
        Tanh32.inPlace(t, 0, t.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double ref = Math.tanh(x[i]);
            float r32 = (float) ref;
            if (r32 != 0) {
                worst = Math.max(worst, Math.abs(t[i] - ref) / Math.ulp(r32));
            }
        }
        return worst;
    }

    @Test
    void knownValuesSymmetryAndSaturation() {
        assertEquals(0f, Tanh32.of(0f));
        assertEquals((float) Math.tanh(0.5), Tanh32.of(0.5f), 2 * Math.ulp(0.46f));
        assertEquals((float) Math.tanh(1), Tanh32.of(1f), 2 * Math.ulp(0.76f));
        assertEquals((float) Math.tanh(3), Tanh32.of(3f), 3 * Math.ulp(0.99f));
        assertEquals(1e-20f, Tanh32.of(1e-20f)); // tanh x = x below float resolution
        // Beyond the clamp at 9 the result stays that of 9, 0.99999994: 1 ulp below tanh's 1 there.
        for (float v : new float[] {9f, 9.5f, 20f, 1e30f, Float.POSITIVE_INFINITY}) {
            assertEquals(0.99999994f, Tanh32.of(v), v + " -> " + Tanh32.of(v));
            assertEquals(-0.99999994f, Tanh32.of(-v));
        }
        for (float v = -12f; v <= 12f; v += 0.013f) {
            assertEquals(-Tanh32.of(v), Tanh32.of(-v), 0f, "odd at " + v);
        }
        assertTrue(Float.isNaN(Tanh32.of(Float.NaN)));
        float[] a = {-2f, 0.25f, 7f};
        Tanh32.inPlace(a, 1, 2); // only [1, 2)
        assertEquals(-2f, a[0]);
        assertEquals(Tanh32.of(0.25f), a[1]);
        assertEquals(7f, a[2]);
    }
}
