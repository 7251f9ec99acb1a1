package org.ipb.harness.directions;

import org.ipb.core.StandardNormal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;

class IcaDirectionsTest {
    private static final int N = 5000;
    private static final int K = 4;

    /** N x K independent unit-variance Laplacian sources: difference of two Exp(1), scaled by 1/sqrt 2. */
    static double[][] laplaceSources(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] s = new double[N][K];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < K; j++) {
                s[i][j] = (-Math.log(1 - r.nextDouble()) + Math.log(1 - r.nextDouble())) / Math.sqrt(2);
            }
        }
        return s;
    }

    /** Random C x K mixing matrix, 2 on the diagonal plus N(0, 0.5²), checked well-conditioned. */
    static double[][] mixing(int c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] a = new double[c][K];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < K; j++) {
                a[i][j] = (i == j ? 2 : 0) + 0.5 * StandardNormal.next(r);
            }
        }
        double cond = new SingularValueDecomposition(new Array2DRowRealMatrix(a)).getConditionNumber();
        assertTrue(cond < 10, "mixing matrix condition number " + cond);
        return a;
    }

    /** X = S Aᵀ + offset (the offset checks the centring). */
    static ActivationMatrix mix(double[][] s, double[][] a) {
        int c = a.length;
        float[] x = new float[N * c];
        for (int i = 0; i < N; i++) {
            for (int f = 0; f < c; f++) {
                double v = 3.0 + f;
                for (int j = 0; j < K; j++) {
                    v += a[f][j] * s[i][j];
                }
                x[i * c + f] = (float) v;
            }
        }
        return ActivationMatrix.of(x, N, c);
    }

    /** |corr| of each recovered component (X dᵀ) with each true source. */
    static double[][] correlations(ActivationMatrix x, DirectionSet set, double[][] s) {
        int c = x.cols();
        double[][] corr = new double[set.k()][K];
        for (int d = 0; d < set.k(); d++) {
            double[] y = new double[N];
            for (int i = 0; i < N; i++) {
                for (int f = 0; f < c; f++) {
                    y[i] += x.get(i, f) * set.directions()[d * c + f];
                }
            }
            for (int j = 0; j < K; j++) {
                double[] sj = new double[N];
                for (int i = 0; i < N; i++) {
                    sj[i] = s[i][j];
                }
                corr[d][j] = Math.abs(new org.apache.commons.math3.stat.correlation.PearsonsCorrelation()
                        .correlation(y, sj));
            }
        }
        return corr;
    }

    /** The best one-to-one matching (all permutations, K = 4): its smallest |corr|. */
    static double worstMatched(double[][] corr) {
        return bestPermutation(corr, new boolean[corr.length], 0);
    }

    private static double bestPermutation(double[][] corr, boolean[] used, int row) {
        if (row == corr.length) {
            return Double.POSITIVE_INFINITY;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < corr[row].length; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.max(best, Math.min(corr[row][j], bestPermutation(corr, used, row + 1)));
                used[j] = false;
            }
        }
        return best;
    }

    private static void assertRecovers(int c, long seed) {
        double[][] s = laplaceSources(seed);
        ActivationMatrix x = mix(s, mixing(c, seed + 1));
        try (Numerics nx = Numerics.open("PyTorch")) {
            DirectionSet set = DirectionFinding.run(new IcaDirections(), x, DirectionRequest.of(K, 7), nx);
            double worst = worstMatched(correlations(x, set, s));
            assertTrue(worst > 0.98, "worst matched |corr| " + worst);
            DirectionReport r = set.report();
            assertTrue(r.converged(), "converged in " + r.iterations());
            assertTrue(r.iterations() < 200);
            // Laplacian sources: J = (E log cosh(L) - E log cosh(ν))² for unit-variance Laplace L.
            double expected = Math.pow(laplaceLogCosh() - 0.3745672075, 2);
            assertEquals(expected, r.objective(), 0.2 * expected, "mean negentropy " + r.objective());
            assertTrue((double) r.extra().get("convergence") < 1e-4);
            // The centred data live in the K-dimensional whitened subspace: nothing is lost.
            assertEquals(0, r.relativeReconstructionError(), 1e-5);
        }
    }

    /** E log cosh(L), L ~ Laplace with unit variance (scale 1/sqrt 2), by the trapezoid rule. */
    static double laplaceLogCosh() {
        double b = 1 / Math.sqrt(2);
        double h = 1e-4;
        double sum = 0;
        for (double y = h / 2; y < 40; y += h) {
            double lc = y + Math.log1p(Math.exp(-2 * y)) - Math.log(2);
            sum += lc * Math.exp(-y / b) / b * h; // both halves: 2 * (1 / 2b)
        }
        return sum;
    }

    @Test
    void recoversLaplacianSourcesFromSquareMixture() {
        assertRecovers(4, 11);
    }

    @Test
    void recoversLaplacianSourcesFromTallMixture() {
        assertRecovers(6, 23);
    }

    @Test
    void otherContrastsRecoverLaplacianSourcesToo() {
        double[][] s = laplaceSources(31);
        ActivationMatrix x = mix(s, mixing(4, 32));
        try (Numerics nx = Numerics.open("PyTorch")) {
            for (String fun : new String[] {"exp", "cube"}) {
                DirectionSet set = DirectionFinding.run(new IcaDirections(), x,
                        DirectionRequest.of(K, 3).withOption("fun", fun), nx);
                double worst = worstMatched(correlations(x, set, s));
                assertTrue(worst > 0.98, fun + ": worst matched |corr| " + worst);
                assertTrue(set.report().converged(), fun);
            }
        }
    }

    @Test
    void sameSeedGivesIdenticalDirections() {
        double[][] s = laplaceSources(5);
        ActivationMatrix x = mix(s, mixing(6, 6));
        try (Numerics nx = Numerics.open("PyTorch")) {
            DirectionSet a = DirectionFinding.run(new IcaDirections(), x, DirectionRequest.of(3, 9), nx);
            DirectionSet b = DirectionFinding.run(new IcaDirections(), x, DirectionRequest.of(3, 9), nx);
            assertArrayEquals(a.directions(), b.directions());
            assertEquals(a.report().objective(), b.report().objective());
        }
    }

    @Test
    void gaussianReferenceValues() {
        assertEquals(0.3745672075, new IcaDirections.Options(1, 1, 1, "logcosh").gaussianExpectation(), 1e-9);
        assertEquals(-1 / Math.sqrt(2), new IcaDirections.Options(1, 1, 1, "exp").gaussianExpectation(), 1e-10);
        assertEquals(0.75, new IcaDirections.Options(1, 1, 1, "cube").gaussianExpectation(), 1e-10);
    }

    @Test
    void symmetricDecorrelationIsThePolarFactor() {
        // A = Q diag(3, 0.01) with Q a rotation: its polar factor (A Aᵀ)^(-1/2) A is Q.
        double th = 0.3;
        float[] a = {(float) (3 * Math.cos(th)), (float) (-0.01 * Math.sin(th)), (float) (3 * Math.sin(th)),
            (float) (0.01 * Math.cos(th))};
        float[] q = {(float) Math.cos(th), (float) -Math.sin(th), (float) Math.sin(th), (float) Math.cos(th)};
        try (Numerics nx = Numerics.open("PyTorch")) {
            var m = nx.manager();
            assertArrayEquals(q, IcaDirections.eigenPolar(m, Numerics.matrix(m, a, 2, 2)).toFloatArray(), 1e-6f);
            assertArrayEquals(q, IcaDirections.newtonPolar(m, Numerics.matrix(m, a, 2, 2)).toFloatArray(), 1e-6f);
            // A singular matrix: Newton gives up, the eigendecomposition still returns a finite result.
            float[] singular = {1, 2, 2, 4};
            assertEquals(null, IcaDirections.newtonPolar(m, Numerics.matrix(m, singular, 2, 2)));
            // K = 100 (> 64) takes the Newton path; it must agree with the eigendecomposition.
            SplittableRandom r = new SplittableRandom(4);
            float[] big = new float[100 * 100];
            for (int i = 0; i < big.length; i++) {
                big[i] = (float) StandardNormal.next(r);
            }
            IcaDirections.Polar p = IcaDirections.polarFactor(m, Numerics.matrix(m, big, 100, 100));
            assertEquals(IcaDirections.PolarMethod.NEWTON, p.method());
            float[] exact = IcaDirections.eigenPolar(m, Numerics.matrix(m, big, 100, 100)).toFloatArray();
            assertArrayEquals(exact, p.u().toFloatArray(), 1e-5f);
            float[] gram = p.u().matMul(p.u().transpose()).toFloatArray();
            for (int i = 0; i < 100; i++) {
                for (int j = 0; j < 100; j++) {
                    assertEquals(i == j ? 1 : 0, gram[i * 100 + j], 1e-5);
                }
            }
        }
    }

    @Test
    void validateRejectsKAboveC() {
        ActivationMatrix x = mix(laplaceSources(1), mixing(4, 2));
        UserError e = assertThrows(UserError.class, () -> new IcaDirections().validate(x, DirectionRequest.of(5, 0), 5));
        assertTrue(e.getMessage().startsWith("activations: ica gives at most C = 4"), e.getMessage());
        assertThrows(UserError.class,
                () -> new IcaDirections().validate(x, DirectionRequest.of(2, 0).withOption("fun", "tanh"), 2));
        assertThrows(UserError.class,
                () -> new IcaDirections().validate(x, DirectionRequest.of(2, 0).withOption("alpha", "3"), 2));
    }

    @Test
    void rankDeficientDataIsAUserError() {
        // Six columns spanned by four sources: K = 5 would whiten noise.
        ActivationMatrix x = mix(laplaceSources(3), mixing(6, 4));
        try (Numerics nx = Numerics.open("PyTorch")) {
            UserError e = assertThrows(UserError.class,
                    () -> DirectionFinding.run(new IcaDirections(), x, DirectionRequest.of(5, 0), nx));
            assertTrue(e.getMessage().contains("only 4"), e.getMessage());
        }
    }
}
