package org.ipb.scorers.selectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SelectivityTableTest {
    @Test
    void everyColumnMatchesTheSingleDirectionFunctions() {
        Random r = new Random(5);
        int n = 257;
        int c = 13;
        float[] x = new float[n * c];
        double[] xd = new double[n * c];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.max(0, r.nextGaussian());
            xd[i] = x[i];
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(10);
        }
        SelectivityTable t = SelectivityTable.compute(x, n, c, y, 50);
        SelectivityTable td = SelectivityTable.compute(xd, n, c, y, 50);
        assertEquals(c, t.columns());
        for (int j = 0; j < c; j++) {
            float[] col = new float[n];
            for (int i = 0; i < n; i++) {
                col[i] = x[i * c + j];
            }
            assertEquals(Selectivity.ccmas(col, y), t.ccmas(j), 0);
            assertEquals(Selectivity.precision(col, y, 50), t.precision(j), 0);
            assertEquals(Selectivity.localist(col, y), t.localist(j), 0);
            assertEquals(Selectivity.topClass(col, y), t.topClass(j));
            assertEquals(t.ccmas(j), td.ccmas(j), 0);
            assertEquals(t.topClass(j), td.topClass(j));
        }
    }

    @Test
    void handComputedTwoColumnMatrix() {
        // rows (images) with labels y = [0,0,1,1]; column 0 = [1,2,3,4], column 1 = [4,0,0,0]
        // col 0: mu = 1.5, 3.5 -> (3.5-1.5)/(5) = 0.4; top 100 -> K = 4, 2 per class -> 0.5;
        //        class 1 = {3,4} > class 0 max 2 -> localist 3 - 2 = 1; ranking 3:1, 2:1, 1:0 -> top class 2
        // col 1: mu = 2, 0 -> (2-0)/(2+0) = 1; precision 0.5; class 0 = {4,0}, min 0 not > 0 -> 0;
        //        ranking 0:0, then 1:0 (tie at 0, lower index first), then 2:1 -> top class 2
        float[] x = {1, 4, 2, 0, 3, 0, 4, 0};
        SelectivityTable t = SelectivityTable.compute(x, 4, 2, new int[] {0, 0, 1, 1}, 100);
        assertEquals(0.4, t.ccmas(0), 1e-12);
        assertEquals(0.5, t.precision(0));
        assertEquals(1, t.localist(0));
        assertEquals(2, t.topClass(0));
        assertEquals(1, t.ccmas(1), 1e-12);
        assertEquals(0.5, t.precision(1));
        assertEquals(0, t.localist(1));
        assertEquals(2, t.topClass(1));
    }

    @Test
    void rejectsInconsistentSizes() {
        assertThrows(IllegalArgumentException.class, () -> SelectivityTable.compute(new float[5], 2, 3, new int[2], 10));
        assertThrows(IllegalArgumentException.class, () -> SelectivityTable.compute(new float[6], 2, 3, new int[3], 10));
        assertThrows(IllegalArgumentException.class, () -> SelectivityTable.compute(new float[6], 2, 3, new int[2], 0));
    }

    @Test
    void largeMatrixRunsInSeconds() {
        int n = 60_000;
        int c = 256;
        Random r = new Random(1);
        float[] x = new float[n * c];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(0f, (float) r.nextGaussian());
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(1000);
        }
        long t0 = System.nanoTime();
        SelectivityTable t = SelectivityTable.compute(x, n, c, y, 100);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(c, t.columns());
        assertTrue(seconds < 20, "took " + seconds + " s");
    }
}
