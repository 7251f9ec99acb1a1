package org.ipb.harness.directions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ipb.core.UserError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DictionaryDirectionsTest {
    private static Numerics numerics;

    @BeforeAll
    static void open() {
        numerics = Numerics.open("PyTorch");
    }

    @AfterAll
    static void close() {
        numerics.close();
    }

    /**
     * Rank one: every row is s u with u = (0.6, 0.8), s ∈ {1, 2, 3, 4}. With K = 1 and λ = 0.5 the
     * atom is u and the lasso code is s - λ, so the loss per row is 0.5 λ² + λ (s - λ): mean
     * 0.125 + 0.5 (2.5 - 0.5) = 1.125; the error is λ² / mean(s²) = 0.25 / 7.5.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cd", "fista"})
    void handCheckedRankOne(String solver) {
        int n = 200;
        float[] data = new float[n * 2];
        for (int i = 0; i < n; i++) {
            int s = 1 + i % 4;
            data[i * 2] = 0.6f * s;
            data[i * 2 + 1] = 0.8f * s;
        }
        ActivationMatrix x = ActivationMatrix.of(data, n, 2);
        DirectionSet set = DirectionFinding.run(new DictionaryDirections(), x,
                DirectionRequest.of(1, 7).withOption("alpha", "0.5").withOption("solver", solver), numerics);
        assertEquals(0.6, set.directions()[0], 1e-5);
        assertEquals(0.8, set.directions()[1], 1e-5);
        DirectionReport rep = set.report();
        assertEquals(1.125, rep.objective(), 1e-4);
        assertEquals(0.25 / 7.5, rep.relativeReconstructionError(), 1e-4);
        assertEquals(0.0, rep.codeSparsity());
        assertEquals(0, rep.deadDirections());
        assertEquals(0.5, (double) rep.extra().get("alpha"), 0);
        assertEquals(solver, rep.extra().get("solver"));
    }

    /**
     * Superposition: 32 random unit atoms in C = 16, each of 4000 samples a non-negative
     * combination of 1–3 of them (coefficients in [0.5, 1.5], tiny noise). K = 32 must find them.
     */
    @Test
    void recoversPlantedAtomsInSuperposition() {
        int c = 16;
        int atoms = 32;
        int n = 4000;
        Random r = new Random(2024);
        double[][] truth = TestVectors.randomUnitRows(r, atoms, c);
        float[] data = new float[n * c];
        for (int i = 0; i < n; i++) {
            int m = 1 + r.nextInt(3);
            int[] chosen = r.ints(0, atoms).distinct().limit(m).toArray();
            for (int a : chosen) {
                double coef = 0.5 + r.nextDouble();
                for (int j = 0; j < c; j++) {
                    data[i * c + j] += (float) (coef * truth[a][j]);
                }
            }
            for (int j = 0; j < c; j++) {
                data[i * c + j] += (float) (1e-3 * r.nextGaussian());
            }
        }
        ActivationMatrix x = ActivationMatrix.of(data, n, c);
        long t0 = System.nanoTime();
        DirectionSet set = DirectionFinding.run(new DictionaryDirections(), x, DirectionRequest.of(atoms, 1),
                numerics);
        double seconds = (System.nanoTime() - t0) / 1e9;
        float[] d = set.directions();
        int recovered = 0;
        double meanMax = 0;
        for (double[] t : truth) {
            double best = 0;
            for (int f = 0; f < atoms; f++) {
                double dot = 0;
                for (int j = 0; j < c; j++) {
                    dot += t[j] * d[f * c + j];
                }
                best = Math.max(best, Math.abs(dot));
            }
            meanMax += best / atoms;
            recovered += best > 0.95 ? 1 : 0;
        }
        DirectionReport rep = set.report();
        System.out.printf("dict planted: recovered %d/%d, mean max|cos| %.4f, objective %.5f, error %.4f,"
                + " sparsity %.3f, dead %d, epochs %d, %.2f s, extra %s%n", recovered, atoms, meanMax,
                rep.objective(), rep.relativeReconstructionError(), rep.codeSparsity(), rep.deadDirections(),
                rep.iterations(), seconds, rep.extra());
        assertTrue(recovered >= 29, "recovered " + recovered + " of " + atoms + ", mean max|cos| " + meanMax);
        assertTrue(meanMax > 0.97, "mean max|cos| " + meanMax);
        assertTrue(rep.codeSparsity() > 0.85, "sparsity " + rep.codeSparsity());
        assertTrue(rep.relativeReconstructionError() < 0.05, "error " + rep.relativeReconstructionError());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cd", "fista"})
    void deterministicGivenSeed(String solver) {
        Random r = new Random(5);
        int n = 400;
        int c = 8;
        float[] data = new float[n * c];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.max(0, r.nextGaussian());
        }
        ActivationMatrix x = ActivationMatrix.of(data, n, c);
        // FISTA converges slowly on overcomplete dictionaries of non-negative data: K < C for it.
        int k = solver.equals("cd") ? 12 : 6;
        DirectionRequest req = DirectionRequest.of(k, 9).withOption("max-iter", "2").withOption("batch-size", "100")
                .withOption("solver", solver).withOption("code-max-iter", "10");
        DirectionSet a = DirectionFinding.run(new DictionaryDirections(), x, req, numerics);
        DirectionSet b = DirectionFinding.run(new DictionaryDirections(), x, req, numerics);
        assertArrayEquals(a.directions(), b.directions());
        assertEquals(a.report().objective(), b.report().objective());
        assertEquals(a.report().codeSparsity(), b.report().codeSparsity());
    }

    /** The blocked dictionary update is the same sweep as one block of K atoms, up to rounding. */
    @Test
    void blockedUpdateMatchesSequentialSweep() {
        Random r = new Random(8);
        int n = 300;
        int c = 10;
        float[] data = new float[n * c];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.max(0, r.nextGaussian());
        }
        ActivationMatrix x = ActivationMatrix.of(data, n, c);
        DirectionRequest req = DirectionRequest.of(24, 4).withOption("max-iter", "2").withOption("batch-size", "100");
        DirectionSet blocked = DirectionFinding.run(new DictionaryDirections(), x, req.withOption("bcd-block", "5"),
                numerics);
        DirectionSet whole = DirectionFinding.run(new DictionaryDirections(), x, req.withOption("bcd-block", "24"),
                numerics);
        float[] a = blocked.directions();
        float[] b = whole.directions();
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 1e-3, "entry " + i);
        }
        assertEquals(whole.report().objective(), blocked.report().objective(), 1e-4 * whole.report().objective());
    }

    @Test
    void positiveCodesOption() {
        Random r = new Random(3);
        int n = 400;
        int c = 6;
        float[] data = new float[n * c];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) r.nextGaussian();
        }
        ActivationMatrix x = ActivationMatrix.of(data, n, c);
        DirectionSet set = DirectionFinding.run(new DictionaryDirections(), x,
                DirectionRequest.of(8, 1).withOption("positive", "true").withOption("max-iter", "2"), numerics);
        assertEquals(true, set.report().extra().get("positive"));
        assertTrue(set.report().relativeReconstructionError() < 1);
    }

    @Test
    void rejectsBadInput() {
        ActivationMatrix zeros = ActivationMatrix.of(new float[6], 3, 2);
        UserError allZero = assertThrows(UserError.class,
                () -> DirectionFinding.run(new DictionaryDirections(), zeros, DirectionRequest.of(2, 0), numerics));
        assertTrue(allZero.getMessage().startsWith("activations:"), allZero.getMessage());
        ActivationMatrix x = ActivationMatrix.of(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        assertThrows(UserError.class,
                () -> DirectionFinding.run(new DictionaryDirections(), x, DirectionRequest.of(4, 0), numerics));
        assertThrows(UserError.class, () -> DirectionFinding.run(new DictionaryDirections(), x,
                DirectionRequest.of(2, 0).withOption("alpha", "-1"), numerics));
        assertThrows(UserError.class, () -> DirectionFinding.run(new DictionaryDirections(), x,
                DirectionRequest.of(2, 0).withOption("batch-size", "0"), numerics));
        UserError forgetting = assertThrows(UserError.class, () -> DirectionFinding.run(new DictionaryDirections(), x,
                DirectionRequest.of(2, 0).withOption("forgetting", "sometimes"), numerics));
        assertTrue(forgetting.getMessage().contains("past, minibatch or none"), forgetting.getMessage());
    }
}
