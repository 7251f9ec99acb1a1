package org.ipb.harness.directions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;

class NmfDirectionsTest {
    private static final int N = 400;
    private static final int C = 20;
    private static final int K = 4;

    /** Sparse non-negative H0 (K x C): component t owns columns 5t..5t+4, plus a few shared ones. */
    static double[][] plantedH(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] h = new double[K][C];
        for (int t = 0; t < K; t++) {
            for (int j = 0; j < C; j++) {
                if (j / 5 == t) {
                    h[t][j] = 0.5 + r.nextDouble();
                } else if (r.nextDouble() < 0.15) {
                    h[t][j] = 0.5 * r.nextDouble();
                }
            }
        }
        return h;
    }

    /** Sparse non-negative W0 (N x K): each entry non-zero with probability 0.4. */
    static double[][] plantedW(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] w = new double[N][K];
        for (int i = 0; i < N; i++) {
            for (int t = 0; t < K; t++) {
                if (r.nextDouble() < 0.4) {
                    w[i][t] = 0.2 + r.nextDouble();
                }
            }
        }
        return w;
    }

    static ActivationMatrix product(double[][] w, double[][] h) {
        int n = w.length;
        int c = h[0].length;
        float[] x = new float[n * c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                double v = 0;
                for (int t = 0; t < h.length; t++) {
                    v += w[i][t] * h[t][j];
                }
                x[i * c + j] = (float) v;
            }
        }
        return ActivationMatrix.of(x, n, c);
    }

    /** Smallest cosine over the best one-to-one matching of H0's rows to the (unit) directions. */
    static double worstMatchedCosine(double[][] h, DirectionSet set) {
        double[][] cos = new double[K][set.k()];
        for (int t = 0; t < K; t++) {
            double norm = 0;
            for (double v : h[t]) {
                norm += v * v;
            }
            for (int d = 0; d < set.k(); d++) {
                double dot = 0;
                for (int j = 0; j < C; j++) {
                    dot += h[t][j] * set.directions()[d * C + j];
                }
                cos[t][d] = dot / Math.sqrt(norm);
            }
        }
        return IcaDirectionsTest.worstMatched(cos);
    }

    @Test
    void recoversPlantedFactorisation() {
        double[][] h = plantedH(3);
        ActivationMatrix x = product(plantedW(4), h);
        try (Numerics nx = Numerics.open("PyTorch")) {
            DirectionSet set = DirectionFinding.run(new NmfDirections(), x, DirectionRequest.of(K, 0), nx);
            DirectionReport r = set.report();
            assertTrue(r.relativeReconstructionError() < 1e-6, "relative error " + r.relativeReconstructionError());
            double relFrobenius = (double) r.extra().get("reconstructionErr") / frobenius(x);
            assertTrue(relFrobenius < 1e-3, "||X - WH|| / ||X|| = " + relFrobenius);
            assertEquals(0.5 * Math.pow((double) r.extra().get("reconstructionErr"), 2), r.objective(), 1e-9);
            double worst = worstMatchedCosine(h, set);
            assertTrue(worst > 0.99, "worst matched cosine " + worst);
            // The planted codes are 60% zeros; the fit's codes should be sparse too.
            assertTrue(r.codeSparsity() > 0.4, "code sparsity " + r.codeSparsity());
            assertEquals(0, r.deadDirections());
        }
    }

    @Test
    void rankOneMatrixIsFactorisedExactlyByNndsvd() {
        // X = u vᵀ with u, v > 0: NNDSVD starts at the exact factorisation, direction v / |v|.
        double[] u = {1, 2, 0.5, 3, 1.5, 0.25};
        double[] v = {0.1, 0.7, 0.2, 0.4};
        float[] x = new float[u.length * v.length];
        for (int i = 0; i < u.length; i++) {
            for (int j = 0; j < v.length; j++) {
                x[i * v.length + j] = (float) (u[i] * v[j]);
            }
        }
        try (Numerics nx = Numerics.open("PyTorch")) {
            DirectionSet set = DirectionFinding.run(new NmfDirections(), ActivationMatrix.of(x, u.length, v.length),
                    DirectionRequest.of(1, 0).withOption("init", "nndsvd"), nx);
            double vn = Math.sqrt(0.01 + 0.49 + 0.04 + 0.16);
            for (int j = 0; j < v.length; j++) {
                assertEquals(v[j] / vn, set.directions()[j], 1e-5);
            }
            assertTrue(set.report().relativeReconstructionError() < 1e-10);
            assertEquals(0, set.report().codeSparsity());
        }
    }

    @Test
    void moreIterationsNeverIncreaseTheObjective() {
        ActivationMatrix x = product(plantedW(8), plantedH(9));
        try (Numerics nx = Numerics.open("PyTorch")) {
            double previous = Double.POSITIVE_INFINITY;
            for (int iters : new int[] {1, 2, 10}) {
                DirectionSet set = DirectionFinding.run(new NmfDirections(), x,
                        DirectionRequest.of(3, 0).withOption("max-iter", "" + iters).withOption("tol", "0"), nx);
                assertEquals(iters, set.report().iterations());
                assertTrue(set.report().objective() <= previous * (1 + 1e-6), iters + ": " + set.report().objective());
                previous = set.report().objective();
            }
        }
    }

    @Test
    void sameSeedGivesIdenticalDirections() {
        ActivationMatrix x = product(plantedW(5), plantedH(6));
        try (Numerics nx = Numerics.open("PyTorch")) {
            for (String init : new String[] {"nndsvda", "random"}) {
                DirectionRequest req = DirectionRequest.of(3, 17).withOption("init", init).withOption("max-iter", "5");
                DirectionSet a = DirectionFinding.run(new NmfDirections(), x, req, nx);
                DirectionSet b = DirectionFinding.run(new NmfDirections(), x, req, nx);
                assertArrayEquals(a.directions(), b.directions());
                assertEquals(a.report().objective(), b.report().objective());
            }
        }
    }

    @Test
    void blocksOfStimuliGiveTheSameFit() {
        // One block (the default at this size) against blocks of 64 and 37 rows (a ragged last block):
        // the same factorisation up to the float rounding of the block sums.
        // K = 3 below the planted rank 4, so that the optimum leaves a residual to compare.
        ActivationMatrix x = product(plantedW(10), plantedH(11));
        DirectionRequest req = DirectionRequest.of(3, 0).withOption("max-iter", "40").withOption("tol", "0");
        try (Numerics nx = Numerics.open("PyTorch")) {
            FitResult whole = new NmfDirections().fit(x, 3, req, nx);
            assertTrue(whole.relativeReconstructionError() > 1e-3, "residual " + whole.relativeReconstructionError());
            for (int rows : new int[] {64, 37}) {
                FitResult blocked = new NmfDirections().fit(x, 3, req, nx, rows);
                assertEquals(whole.objective(), blocked.objective(), 1e-4 * whole.objective(), "blocks of " + rows);
                assertEquals(whole.codeSparsity(), blocked.codeSparsity(), 0.01);
                assertArrayEquals(whole.directions(), blocked.directions(), 1e-3f);
            }
        }
    }

    @Test
    void negativeActivationIsAUserError() {
        ActivationMatrix good = product(plantedW(1), plantedH(2));
        float[] d = good.data().clone();
        d[3 * C + 7] = -0.5f;
        ActivationMatrix x = ActivationMatrix.of(d, N, C);
        UserError e = assertThrows(UserError.class, () -> new NmfDirections().validate(x, DirectionRequest.of(K, 0), K));
        assertEquals("activations: nmf needs non-negative activations; found -0.5 at row 3, column 7", e.getMessage());
    }

    @Test
    void validateRejectsKAboveCAndBadOptions() {
        ActivationMatrix x = product(plantedW(1), plantedH(2));
        UserError e = assertThrows(UserError.class,
                () -> new NmfDirections().validate(x, DirectionRequest.of(C + 1, 0), C + 1));
        assertTrue(e.getMessage().startsWith("activations: nmf gives at most C = 20"), e.getMessage());
        assertThrows(UserError.class,
                () -> new NmfDirections().validate(x, DirectionRequest.of(2, 0).withOption("init", "svd"), 2));
        assertThrows(UserError.class,
                () -> new NmfDirections().validate(x, DirectionRequest.of(2, 0).withOption("max-iter", "0"), 2));
    }

    private static double frobenius(ActivationMatrix x) {
        double s = 0;
        for (float v : x.data()) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }
}
