package org.ipb.leaderboards.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class CorrelationsTest {
    // Five points with a tie in x (2, 2) and a tie in y (4, 4).
    private static final double[] X = {1, 2, 2, 3, 5};
    private static final double[] Y = {2, 1, 4, 4, 5};

    @Test
    void pearsonKnownAnswer() {
        // dx = (-1.6, -0.6, -0.6, 0.4, 2.4), dy = (-1.2, -2.2, 0.8, 0.8, 1.8):
        // Σdxdy = 7.4, Σdx² = 9.2, Σdy² = 10.8.
        assertEquals(7.4 / Math.sqrt(9.2 * 10.8), Correlations.pearson(X, Y), 1e-12);
    }

    @Test
    void averageRanksShareTiedRanks() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4, 5}, Correlations.averageRanks(X), 0);
        assertArrayEquals(new double[] {2, 1, 3.5, 3.5, 5}, Correlations.averageRanks(Y), 0);
        assertArrayEquals(new double[] {2, 2, 2}, Correlations.averageRanks(new double[] {7, 7, 7}), 0);
    }

    @Test
    void spearmanKnownAnswerWithTies() {
        // Ranks (1, 2.5, 2.5, 4, 5) and (2, 1, 3.5, 3.5, 5): Σ = 7.25, Σdx² = Σdy² = 9.5.
        assertEquals(7.25 / 9.5, Correlations.spearman(X, Y), 1e-12);
    }

    @Test
    void kendallTauBKnownAnswerWithTies() {
        // 10 pairs: 7 concordant, 1 discordant (0,1), 1 tied in x (1,2), 1 tied in y (2,3).
        assertEquals(6.0 / Math.sqrt(9 * 9), Correlations.kendallTauB(X, Y), 1e-12);
    }

    @Test
    void kendallWithoutTiesIsTauA() {
        double[] x = {1, 2, 3, 4};
        double[] y = {1, 3, 2, 4};
        assertEquals((5 - 1) / 6.0, Correlations.kendallTauB(x, y), 1e-12);
    }

    @Test
    void perfectAndReversedOrder() {
        double[] x = {0.1, 0.4, 0.5, 0.9};
        double[] up = {1, 2, 3, 10};
        double[] down = {10, 3, 2, 1};
        for (Correlations.Method m : new Correlations.Method[] {Correlations.Method.SPEARMAN, Correlations.Method.KENDALL_TAU_B}) {
            assertEquals(1, m.apply(x, up), 1e-12);
            assertEquals(-1, m.apply(x, down), 1e-12);
        }
    }

    @Test
    void rankCorrelationsAreInvariantToMonotoneTransforms() {
        SplittableRandom rng = new SplittableRandom(7);
        DoubleUnaryOperator[] transforms = {Math::exp, v -> v * v * v, v -> 3 * v - 2, Math::atan};
        for (int trial = 0; trial < 20; trial++) {
            int n = 5 + rng.nextInt(20);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = Math.round(rng.nextGaussian() * 4) / 2.0; // coarse, so ties occur
                y[i] = x[i] + rng.nextGaussian();
            }
            double rho = Correlations.spearman(x, y);
            double tau = Correlations.kendallTauB(x, y);
            for (DoubleUnaryOperator t : transforms) {
                double[] tx = java.util.Arrays.stream(x).map(t).toArray();
                assertEquals(rho, Correlations.spearman(tx, y), 1e-12);
                assertEquals(tau, Correlations.kendallTauB(tx, y), 1e-12);
            }
        }
    }

    @Test
    void pearsonIsNotRankInvariant() {
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {1, 2, 3, 4, 5};
        double[] ex = java.util.Arrays.stream(x).map(Math::exp).toArray();
        assertEquals(1, Correlations.pearson(x, y), 1e-12);
        assertNotEquals(1, Correlations.pearson(ex, y), 1e-3);
    }

    @Test
    void correlationsAreSymmetric() {
        for (Correlations.Method m : Correlations.Method.values()) {
            assertEquals(m.apply(X, Y), m.apply(Y, X), 1e-12);
        }
    }

    @Test
    void undefinedCasesAreNaN() {
        double[] flat = {3, 3, 3};
        double[] y = {1, 2, 3};
        for (Correlations.Method m : Correlations.Method.values()) {
            assertTrue(Double.isNaN(m.apply(flat, y)), m.name());
            assertTrue(Double.isNaN(m.apply(new double[] {1}, new double[] {2})), m.name());
        }
        assertThrows(IllegalArgumentException.class, () -> Correlations.pearson(new double[2], new double[3]));
    }

    @Test
    void spearmanBrownKnownAnswers() {
        assertEquals(0.75, Correlations.spearmanBrown(0.6), 1e-12);
        assertEquals(2.0 / 3, Correlations.spearmanBrown(0.5), 1e-12);
        assertEquals(1, Correlations.spearmanBrown(1), 0);
        assertEquals(0, Correlations.spearmanBrown(0), 0);
        // Tripling a test of reliability 0.5: 1.5 / 2.
        assertEquals(0.75, Correlations.spearmanBrown(0.5, 3), 1e-12);
        assertTrue(Double.isNaN(Correlations.spearmanBrown(-1)));
    }
}
