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

class KmeansDirectionsTest {
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
     * Four points in the plane, two clusters: {(2,0), (1,1)} has concept vector at 22.5°, {(-1,0),
     * (0,-5)} at 225°. Objective = (2 cos 22.5° + 2 cos 45°)/4; reconstruction error = Σ ||x||²
     * (1 - cos²) / Σ ||x||² = (6 (1 - cos² 22.5°) + 26 (1 - cos² 45°)) / 32.
     */
    @Test
    void handCheckedFourPoints() {
        ActivationMatrix x = ActivationMatrix.of(new float[] {2, 0, 1, 1, -1, 0, 0, -5}, 4, 2);
        DirectionSet set = DirectionFinding.run(new KmeansDirections(), x, DirectionRequest.of(2, 3), numerics);
        double c22 = Math.cos(Math.PI / 8);
        double c45 = Math.cos(Math.PI / 4);
        assertEquals((2 * c22 + 2 * c45) / 4, set.report().objective(), 1e-6);
        assertEquals((6 * (1 - c22 * c22) + 26 * (1 - c45 * c45)) / 32, set.report().relativeReconstructionError(),
                1e-6);
        assertEquals(0.5, set.report().codeSparsity(), 1e-12);
        assertEquals(0, set.report().deadDirections());
        assertTrue(set.report().converged());
        // The concept vectors themselves (before the shared sign convention, which flips the
        // 22.5° one: (0, -5) projects on it at -1.91, beyond (2, 0) at +1.85).
        float[] d = new KmeansDirections().fit(x, 2, DirectionRequest.of(2, 3), numerics).directions();
        double[][] expected = {{c22, Math.sin(Math.PI / 8)}, {-c45, -c45}};
        for (double[] e : expected) {
            double best = Math.max(e[0] * d[0] + e[1] * d[1], e[0] * d[2] + e[1] * d[3]);
            assertEquals(1, best, 1e-6);
        }
        assertEquals(1, set.report().signFlips());
        assertEquals(2, set.report().extra().get("clusterSizeMin"));
        assertEquals(2, set.report().extra().get("clusterSizeMax"));
    }

    /**
     * K = 5 well-separated directions in C = 16; each row is a centre plus tight angular noise,
     * times a random positive scale in [0.1, 10] (so only the direction identifies the cluster),
     * plus 3 all-zero rows that must be skipped.
     */
    @Test
    void recoversSeparatedClustersOnTheSphere() {
        int k = 5;
        int c = 16;
        int n = 1000;
        int zeros = 3;
        Random r = new Random(11);
        double[][] centres = TestVectors.randomUnitRows(r, k, c);
        float[] data = new float[(n + zeros) * c];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = i % k;
            double scale = Math.exp(Math.log(0.1) + r.nextDouble() * Math.log(100));
            for (int j = 0; j < c; j++) {
                data[i * c + j] = (float) (scale * (centres[truth[i]][j] + 0.03 * r.nextGaussian()));
            }
        }
        ActivationMatrix x = ActivationMatrix.of(data, n + zeros, c);
        DirectionSet set = DirectionFinding.run(new KmeansDirections(), x, DirectionRequest.of(k, 5), numerics);
        float[] d = set.directions();

        boolean[] taken = new boolean[k];
        for (int t = 0; t < k; t++) {
            int best = -1;
            double bestCos = -2;
            for (int f = 0; f < k; f++) {
                double cos = 0;
                for (int j = 0; j < c; j++) {
                    cos += centres[t][j] * d[f * c + j];
                }
                if (cos > bestCos) {
                    bestCos = cos;
                    best = f;
                }
            }
            assertTrue(bestCos > 0.99, "centre " + t + " best cosine " + bestCos);
            assertTrue(!taken[best], "centre " + t + " matched a direction already taken");
            taken[best] = true;
        }

        // Purity: every found cluster (rows assigned by largest cosine) holds a single true label.
        int[][] table = new int[k][k];
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestDot = Double.NEGATIVE_INFINITY;
            for (int f = 0; f < k; f++) {
                double dot = 0;
                for (int j = 0; j < c; j++) {
                    dot += data[i * c + j] * d[f * c + j];
                }
                if (dot > bestDot) {
                    bestDot = dot;
                    best = f;
                }
            }
            table[best][truth[i]]++;
        }
        int majority = 0;
        for (int[] row : table) {
            int m = 0;
            for (int v : row) {
                m = Math.max(m, v);
            }
            majority += m;
        }
        assertEquals(n, majority, "purity must be 100 %");

        DirectionReport rep = set.report();
        assertEquals(0, rep.deadDirections());
        assertTrue(rep.converged());
        assertEquals(zeros, rep.extra().get("skippedZeroRows"));
        assertEquals(n / k, rep.extra().get("clusterSizeMin"));
        assertEquals(n / k, rep.extra().get("clusterSizeMax"));
        // Noise 0.03 per coordinate in 16-D: cos ≈ 1/sqrt(1 + 16 · 0.03²) ≈ 0.993.
        assertEquals(1 / Math.sqrt(1 + c * 0.03 * 0.03), rep.objective(), 0.002);
        assertTrue(rep.relativeReconstructionError() < 0.02, "error " + rep.relativeReconstructionError());
        assertEquals(1 - (double) n / ((n + zeros) * k), rep.codeSparsity(), 1e-12);
        assertEquals(0, rep.signFlips());
    }

    @Test
    void deterministicGivenSeed() {
        Random r = new Random(2);
        int n = 300;
        int c = 12;
        float[] data = new float[n * c];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.max(0, r.nextGaussian());
        }
        ActivationMatrix x = ActivationMatrix.of(data, n, c);
        DirectionRequest req = DirectionRequest.of(8, 42).withOption("n-init", "2");
        DirectionSet a = DirectionFinding.run(new KmeansDirections(), x, req, numerics);
        DirectionSet b = DirectionFinding.run(new KmeansDirections(), x, req, numerics);
        assertArrayEquals(a.directions(), b.directions());
        assertEquals(a.report().objective(), b.report().objective());
        assertEquals(a.report().iterations(), b.report().iterations());
    }

    @Test
    void duplicateDirectionsReseedEmptyClusters() {
        // Only two distinct directions but K = 3: seeding must duplicate a centre, and the empty
        // cluster is re-seeded instead of failing.
        float[] data = new float[10 * 2];
        for (int i = 0; i < 10; i++) {
            data[i * 2 + (i % 2)] = 1 + i;
        }
        ActivationMatrix x = ActivationMatrix.of(data, 10, 2);
        DirectionSet set = DirectionFinding.run(new KmeansDirections(), x, DirectionRequest.of(3, 1), numerics);
        assertEquals(1.0, set.report().objective(), 1e-6);
        assertEquals(0.0, set.report().relativeReconstructionError(), 1e-6);
        assertTrue(set.report().deadDirections() <= 1);
        for (float v : set.directions()) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void rejectsImpossibleK() {
        ActivationMatrix x = ActivationMatrix.of(new float[] {1, 0, 0, 1, 0, 0}, 3, 2);
        UserError tooMany = assertThrows(UserError.class,
                () -> DirectionFinding.run(new KmeansDirections(), x, DirectionRequest.of(4, 0), numerics));
        assertTrue(tooMany.getMessage().contains("activations"), tooMany.getMessage());
        UserError zeroRows = assertThrows(UserError.class,
                () -> DirectionFinding.run(new KmeansDirections(), x, DirectionRequest.of(3, 0), numerics));
        assertTrue(zeroRows.getMessage().contains("non-zero"), zeroRows.getMessage());
        assertThrows(UserError.class, () -> DirectionFinding.run(new KmeansDirections(), x,
                DirectionRequest.of(2, 0).withOption("max-iter", "0"), numerics));
    }
}
