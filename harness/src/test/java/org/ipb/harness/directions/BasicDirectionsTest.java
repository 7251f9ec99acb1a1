package org.ipb.harness.directions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.ipb.core.UserError;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** basis, random, pca and the shared post-processing, on hand-checkable data. */
class BasicDirectionsTest {
    static Numerics nx;

    @BeforeAll
    static void open() {
        nx = Numerics.open("PyTorch");
    }

    @AfterAll
    static void close() {
        nx.close();
    }

    /**
     * Rows ±a_i u_i for an orthonormal basis u: the mean is exactly 0 and the sample covariance is
     * Σ_i 2 a_i² u_i u_iᵀ / (2C - 1), so the principal axes are the u_i in order of a_i and the
     * explained variance ratio of the top K is Σ_{i≤K} a_i² / Σ_i a_i².
     */
    static ActivationMatrix plantedAxes(int c, double[] a, double[][] u) {
        float[] x = new float[2 * c * c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                x[(2 * i) * c + j] = (float) (a[i] * u[i][j]);
                x[(2 * i + 1) * c + j] = (float) (-a[i] * u[i][j]);
            }
        }
        return ActivationMatrix.of(x, 2 * c, c);
    }

    static double[][] orthonormalBasis(int c, long seed) {
        Random r = new Random(seed);
        double[][] u = new double[c][c];
        for (double[] row : u) {
            for (int j = 0; j < c; j++) {
                row[j] = r.nextGaussian();
            }
        }
        RandomDirections.gramSchmidt(u);
        return u;
    }

    static void pcaRecoversAnalyticAxes(int c, int k) {
        double[][] u = orthonormalBasis(c, 11);
        double[] a = new double[c];
        double total = 0;
        for (int i = 0; i < c; i++) {
            a[i] = 10.0 / (1 + i); // distinct, decreasing
            total += a[i] * a[i];
        }
        DirectionSet s = DirectionFinding.run(new PcaDirections(), plantedAxes(c, a, u), DirectionRequest.of(k, 1), nx);
        double expected = 0;
        for (int i = 0; i < k; i++) {
            expected += a[i] * a[i] / total;
            double cos = 0;
            for (int j = 0; j < c; j++) {
                cos += s.direction(i)[j] * u[i][j];
            }
            assertEquals(1.0, Math.abs(cos), 1e-4, "component " + i + " of C=" + c);
        }
        assertEquals(expected, s.report().objective(), 1e-5);
        assertEquals(1 - expected, s.report().relativeReconstructionError(), 1e-5);
        assertTrue(s.report().maxPairwiseCosine() < 1e-3, "principal axes are orthogonal");
    }

    @Test
    void pcaExactSolverRecoversTheAnalyticPrincipalAxes() {
        pcaRecoversAnalyticAxes(12, 4);
    }

    @Test
    void pcaSubspaceIterationRecoversTheAnalyticPrincipalAxes() {
        pcaRecoversAnalyticAxes(Numerics.EXACT_EIGEN_LIMIT + 32, 5);
    }

    @Test
    void everyDirectionIsUnitNormAndItsLargestProjectionIsPositive() {
        Random r = new Random(3);
        int n = 300;
        int c = 10;
        float[] x = new float[n * c];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() - (i % c == 0 ? 4 : 0)); // column 0 mostly negative
        }
        ActivationMatrix m = ActivationMatrix.of(x, n, c);
        for (DirectionFinder f : new DirectionFinder[] {new PcaDirections(), new RandomDirections()}) {
            DirectionSet s = DirectionFinding.run(f, m, DirectionRequest.of(6, 5), nx);
            for (int i = 0; i < s.k(); i++) {
                float[] d = s.direction(i);
                double norm = 0;
                double max = Double.NEGATIVE_INFINITY;
                double min = Double.POSITIVE_INFINITY;
                for (float v : d) {
                    norm += v * v;
                }
                for (int row = 0; row < n; row++) {
                    double p = 0;
                    for (int j = 0; j < c; j++) {
                        p += m.get(row, j) * d[j];
                    }
                    max = Math.max(max, p);
                    min = Math.min(min, p);
                }
                assertEquals(1.0, norm, 1e-5);
                assertTrue(max >= -min, f.name() + " direction " + i + ": max " + max + " min " + min);
            }
        }
    }

    @Test
    void basisIsTheIdentityAndCountsSilentUnits() {
        float[] x = {0, 1, 2, 0, 3, 4}; // 2 x 3; unit 0 never active
        DirectionSet s = DirectionFinding.run(new BasisDirections(), ActivationMatrix.of(x, 2, 3), DirectionRequest.of(0, 0), nx);
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, s.directions());
        assertEquals(1, s.report().deadDirections());
        assertEquals(2.0 / 6, s.report().codeSparsity(), 1e-12);
        assertThrows(UserError.class, () -> DirectionFinding.run(new BasisDirections(), ActivationMatrix.of(x, 2, 3),
                DirectionRequest.of(2, 0), nx));
    }

    @Test
    void randomDirectionsAreReproducibleAndOptionallyOrthonormal() {
        ActivationMatrix m = ActivationMatrix.of(new float[40 * 8], 40, 8);
        DirectionRequest r = DirectionRequest.of(5, 42).withOption("orthonormal", "true");
        DirectionSet a = DirectionFinding.run(new RandomDirections(), m, r, nx);
        DirectionSet b = DirectionFinding.run(new RandomDirections(), m, r, nx);
        assertArrayEquals(a.directions(), b.directions());
        assertTrue(a.report().maxPairwiseCosine() < 1e-6, "orthonormal");
        DirectionSet other = DirectionFinding.run(new RandomDirections(), m, DirectionRequest.of(5, 43), nx);
        assertTrue(other.report().maxPairwiseCosine() > 1e-3, "plain Gaussian directions are not orthogonal");
        assertThrows(UserError.class, () -> DirectionFinding.run(new RandomDirections(), m,
                DirectionRequest.of(9, 1).withOption("orthonormal", "true"), nx));
    }

    @Test
    void randomDirectionsReconstructWhatTheirSpanCovers() {
        float[] x = new float[50 * 4];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        ActivationMatrix m = ActivationMatrix.of(x, 50, 4);
        DirectionSet full = DirectionFinding.run(new RandomDirections(), m, DirectionRequest.of(4, 2), nx);
        assertEquals(0, full.report().relativeReconstructionError(), 1e-5, "K = C spans everything");
        DirectionSet half = DirectionFinding.run(new RandomDirections(), m, DirectionRequest.of(2, 2), nx);
        assertTrue(half.report().relativeReconstructionError() > 0.2);
    }

    @Test
    void badInputsAreUserErrorsNamingTheFile(@TempDir Path tmp) {
        Path nan = tmp.resolve("nan.npy");
        Npy.write(nan, NpyArray.ofFloats(new float[] {1, 2, Float.NaN, 4}, 2, 2));
        UserError e = assertThrows(UserError.class, () -> ActivationMatrix.load(nan));
        assertEquals(nan + ": non-finite value NaN at row 1, column 0", e.getMessage());

        Path flat = tmp.resolve("flat.npy");
        Npy.write(flat, NpyArray.ofFloats(new float[] {1, 2, 3}, 3));
        e = assertThrows(UserError.class, () -> ActivationMatrix.load(flat));
        assertTrue(e.getMessage().startsWith(flat + ": activations must be a 2-D"), e.getMessage());

        Path ints = tmp.resolve("ints.npy");
        Npy.write(ints, NpyArray.ofInts(new int[] {1, 2}, 1, 2));
        e = assertThrows(UserError.class, () -> ActivationMatrix.load(ints));
        assertTrue(e.getMessage().contains("float32 or float64"), e.getMessage());

        Path small = tmp.resolve("small.npy");
        Npy.write(small, NpyArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
        ActivationMatrix m = ActivationMatrix.load(small);
        e = assertThrows(UserError.class, () -> DirectionFinding.run(new RandomDirections(), m, DirectionRequest.of(4, 0), nx));
        assertEquals(small + ": --k 4 exceeds the number of stimuli N = 3", e.getMessage());
        e = assertThrows(UserError.class, () -> DirectionFinding.run(new PcaDirections(), m, DirectionRequest.of(3, 0), nx));
        assertTrue(e.getMessage().contains("at most C = 2"), e.getMessage());
    }
}
