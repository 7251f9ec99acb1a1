package org.ipb.harness.directions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
    /** A Aᵀ for a random n x n A (positive semi-definite, generic spectrum). */
    private static double[][] randomGram(int n, long seed) {
        Random r = new Random(seed);
        double[][] a = new double[n][n];
        for (double[] row : a) {
            for (int j = 0; j < n; j++) {
                row[j] = r.nextGaussian();
            }
        }
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int l = 0; l < n; l++) {
                    s[i][j] += a[i][l] * a[j][l];
                }
            }
        }
        return s;
    }

    /** max |S v_i - λ_i v_i| and max |V Vᵀ - I|, relative to the largest |λ|. */
    private static void assertDecomposes(double[][] s, SymmetricEigen.Result e, double tol) {
        int n = s.length;
        double scale = Math.max(Math.abs(e.values()[0]), Math.abs(e.values()[n - 1]));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sv = 0;
                double vv = 0;
                for (int l = 0; l < n; l++) {
                    sv += s[j][l] * e.vectors()[i][l];
                    vv += e.vectors()[i][l] * e.vectors()[j][l];
                }
                assertEquals(e.values()[i] * e.vectors()[i][j], sv, tol * Math.max(scale, 1), "S v = λ v");
                assertEquals(i == j ? 1 : 0, vv, tol, "orthonormal");
            }
            if (i > 0) {
                assertEquals(true, e.values()[i] <= e.values()[i - 1], "descending");
            }
        }
    }

    @Test
    void agreesWithCommonsMathOnRandomMatrices() {
        for (int n : new int[] {1, 2, 3, 7, 64, 200}) {
            double[][] s = randomGram(n, n);
            double[][] copy = new double[n][];
            for (int i = 0; i < n; i++) {
                copy[i] = s[i].clone();
            }
            SymmetricEigen.Result e = SymmetricEigen.of(s);
            for (int i = 0; i < n; i++) {
                assertArrayEquals(copy[i], s[i], 0, "input left unchanged");
            }
            assertDecomposes(s, e, 1e-11);
            double[] commons = Numerics.symmetricEigen(new Array2DRowRealMatrix(s)).values();
            for (int i = 0; i < n; i++) {
                assertEquals(commons[i], e.values()[i], 1e-12 * commons[0], "eigenvalue " + i + " of " + n);
            }
        }
    }

    @Test
    void knownSpectra() {
        // [[2, 1], [1, 2]]: eigenvalues 3, 1 with vectors (1, 1)/√2, (1, -1)/√2 up to sign.
        SymmetricEigen.Result e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
        assertArrayEquals(new double[] {3, 1}, e.values(), 1e-15);
        assertEquals(1 / Math.sqrt(2), Math.abs(e.vectors()[0][0]), 1e-15);
        assertEquals(e.vectors()[0][0], e.vectors()[0][1], 1e-15);
        assertEquals(-e.vectors()[1][0], e.vectors()[1][1], 1e-15);
        // The tridiagonal 1-D Laplacian (2 on the diagonal, -1 beside): λ_j = 2 - 2 cos(jπ/(n+1)).
        int n = 30;
        double[][] lap = new double[n][n];
        for (int i = 0; i < n; i++) {
            lap[i][i] = 2;
            if (i + 1 < n) {
                lap[i][i + 1] = -1;
                lap[i + 1][i] = -1;
            }
        }
        SymmetricEigen.Result l = SymmetricEigen.of(lap);
        for (int j = 1; j <= n; j++) {
            assertEquals(2 - 2 * Math.cos((n + 1 - j) * Math.PI / (n + 1)), l.values()[j - 1], 1e-13);
        }
        assertDecomposes(lap, l, 1e-13);
    }

    @Test
    void diagonalRepeatedAndZeroMatrices() {
        double[][] d = {{1, 0, 0}, {0, 5, 0}, {0, 0, -2}};
        SymmetricEigen.Result e = SymmetricEigen.of(d);
        assertArrayEquals(new double[] {5, 1, -2}, e.values(), 0);
        assertDecomposes(d, e, 0);
        double[][] id = new double[6][6];
        for (int i = 0; i < 6; i++) {
            id[i][i] = 4;
        }
        SymmetricEigen.Result ei = SymmetricEigen.of(id);
        assertArrayEquals(new double[] {4, 4, 4, 4, 4, 4}, ei.values(), 1e-15);
        assertDecomposes(id, ei, 1e-15);
        SymmetricEigen.Result z = SymmetricEigen.of(new double[4][4]);
        assertArrayEquals(new double[4], z.values(), 0);
        assertDecomposes(new double[4][4], z, 0);
        // Rank one u uᵀ: one eigenvalue |u|², the rest zero.
        double[] u = {1, -2, 3, 0.5};
        double[][] r1 = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                r1[i][j] = u[i] * u[j];
            }
        }
        SymmetricEigen.Result er = SymmetricEigen.of(r1);
        assertEquals(14.25, er.values()[0], 1e-13);
        for (int i = 1; i < 4; i++) {
            assertEquals(0, er.values()[i], 1e-13);
        }
        assertDecomposes(r1, er, 1e-13);
    }
}
