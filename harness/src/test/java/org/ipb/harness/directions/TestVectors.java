package org.ipb.harness.directions;

import java.util.Random;

/** Test data shared by the finders' known-answer tests. */
final class TestVectors {
    private TestVectors() {}

    /** {@code rows} Gaussian vectors in C dimensions scaled to unit norm, drawn row by row from {@code r}. */
    static double[][] randomUnitRows(Random r, int rows, int c) {
        double[][] v = new double[rows][c];
        for (double[] row : v) {
            double s = 0;
            for (int j = 0; j < c; j++) {
                row[j] = r.nextGaussian();
                s += row[j] * row[j];
            }
            for (int j = 0; j < c; j++) {
                row[j] /= Math.sqrt(s);
            }
        }
        return v;
    }
}
