package org.ipb.scorers.sparsity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SparsityTest {
    private static final double EPS = 1e-12;

    @Test
    void kurtosisKnownAnswers() {
        // a = [0,0,0,1]: mean 0.25; deviations -0.25 (x3), 0.75
        // m2 = (3*0.0625 + 0.5625)/4 = 0.1875; m4 = (3*0.00390625 + 0.31640625)/4 = 0.08203125
        // m4/m2^2 = 0.08203125/0.03515625 = 7/3; excess = 7/3 - 3 = -2/3 (scipy.stats.kurtosis gives -0.6667)
        assertEquals(-2.0 / 3, Sparsity.kurtosis(new double[] {0, 0, 0, 1}), EPS);
        // a = [1,2,3,4]: mean 2.5; deviations +-1.5, +-0.5; m2 = 5/4; m4 = (2*5.0625 + 2*0.0625)/4 = 2.5625
        // m4/m2^2 = 2.5625/1.5625 = 1.64; excess = -1.36
        assertEquals(-1.36, Sparsity.kurtosis(new float[] {1, 2, 3, 4}), EPS);
        // a = [0 x 9, 1]: mean 0.1; m2 = (9*0.01 + 0.81)/10 = 0.09; m4 = (9*1e-4 + 0.6561)/10 = 0.06570
        // m4/m2^2 = 0.0657/0.0081 = 8.111...; excess = 5.111... = 46/9
        assertEquals(46.0 / 9, Sparsity.kurtosis(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1}), 1e-9);
    }

    @Test
    void kurtosisOfConstantIsZero() {
        assertEquals(0, Sparsity.kurtosis(new double[] {3, 3, 3}));
        assertEquals(0, Sparsity.kurtosis(new double[] {5}));
    }

    @Test
    void hoyerKnownAnswers() {
        // [1,0,0,0]: L1 = 1, L2 = 1, sqrt(N) = 2: (2 - 1)/(2 - 1) = 1
        assertEquals(1, Sparsity.hoyer(new double[] {1, 0, 0, 0}), EPS);
        // [1,1,1,1]: L1 = 4, L2 = 2: (2 - 2)/(2 - 1) = 0
        assertEquals(0, Sparsity.hoyer(new double[] {1, 1, 1, 1}), EPS);
        // [3,4]: L1 = 7, L2 = 5: (sqrt2 - 1.4)/(sqrt2 - 1) = 0.0343145750...
        assertEquals((Math.sqrt(2) - 1.4) / (Math.sqrt(2) - 1), Sparsity.hoyer(new float[] {3, 4}), EPS);
        assertEquals(0.034314575050761, Sparsity.hoyer(new double[] {3, 4}), 1e-12);
        // [1,-1,0,0]: magnitudes count: L1 = 2, L2 = sqrt2: (2 - sqrt2)/(2 - 1) = 0.5857864376...
        assertEquals(2 - Math.sqrt(2), Sparsity.hoyer(new double[] {1, -1, 0, 0}), EPS);
    }

    @Test
    void hoyerEdgeCases() {
        assertEquals(0, Sparsity.hoyer(new double[] {0, 0, 0}));
        assertEquals(0, Sparsity.hoyer(new double[] {7}));
        assertEquals(1, Sparsity.hoyer(new double[] {0, 1e-300, 0}), EPS); // no underflow
        assertEquals(0, Sparsity.hoyer(new double[] {1e300, 1e300}), EPS); // no overflow
        assertThrows(IllegalArgumentException.class, () -> Sparsity.hoyer(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Sparsity.kurtosis(new double[] {1, Double.NaN}));
    }

    @Test
    void propertiesOnSeededRandomInputs() {
        Random r = new Random(42);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + r.nextInt(200);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = r.nextDouble() < 0.5 ? 0 : r.nextGaussian() * 3;
            }
            double h = Sparsity.hoyer(a);
            assertTrue(h >= 0 && h <= 1, "hoyer " + h);
            double k = Sparsity.kurtosis(a);
            assertTrue(k >= -2 - 1e-9, "excess kurtosis is at least -2, got " + k);
            // permutation and scale invariance
            double[] p = a.clone();
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                double t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            assertEquals(h, Sparsity.hoyer(p), 1e-9);
            assertEquals(k, Sparsity.kurtosis(p), 1e-9 * Math.max(1, Math.abs(k)));
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = 2.5 * a[i];
            }
            assertEquals(h, Sparsity.hoyer(s), 1e-9);
        }
    }
}
