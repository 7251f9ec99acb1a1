package org.ipb.scorers.selectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SelectivityTest {
    private static final double EPS = 1e-12;

    // Example A: a = [0,0,0,2,4,6], y = [0,0,0,1,2,2]
    // class means: mu0 = 0, mu1 = 2, mu2 = 5; ranking (index:class): 5:2, 4:2, 3:1, 0:0, 1:0, 2:0
    private static final double[] A = {0, 0, 0, 2, 4, 6};
    private static final int[] YA = {0, 0, 0, 1, 2, 2};

    @Test
    void ccmasAveragesOverClassesNotImages() {
        // A = class 2 (mu 5); muNotA = (mu0 + mu1)/2 = (0 + 2)/2 = 1; (5 - 1)/(5 + 1) = 2/3.
        // (Averaging over the 4 other images instead would give muNotA = 0.5 and 4.5/5.5.)
        assertEquals(2.0 / 3, Selectivity.ccmas(A, YA), EPS);
        assertEquals(2.0 / 3, Selectivity.ccmas(new float[] {0, 0, 0, 2, 4, 6}, YA), EPS);
    }

    @Test
    void ccmasSecondExample() {
        // a = [1,2,3,4,0,0], y = [0,0,1,1,2,2]: mu = 1.5, 3.5, 0; A = 1; muNotA = (1.5 + 0)/2 = 0.75
        // (3.5 - 0.75)/(3.5 + 0.75) = 2.75/4.25 = 11/17
        assertEquals(11.0 / 17, Selectivity.ccmas(new double[] {1, 2, 3, 4, 0, 0}, new int[] {0, 0, 1, 1, 2, 2}), EPS);
    }

    @Test
    void ccmasIgnoresLabelsThatDoNotOccur() {
        // y = [0,5,5], a = [1,2,3]: classes are only 0 and 5; mu0 = 1, mu5 = 2.5
        // (2.5 - 1)/(2.5 + 1) = 1.5/3.5 = 3/7 (labels 1..4 are not classes with mean 0)
        assertEquals(3.0 / 7, Selectivity.ccmas(new double[] {1, 2, 3}, new int[] {0, 5, 5}), EPS);
        // a huge label value costs no memory and means the same
        assertEquals(3.0 / 7, Selectivity.ccmas(new double[] {1, 2, 3}, new int[] {0, 2_000_000_000, 2_000_000_000}), EPS);
    }

    @Test
    void ccmasEdgeCases() {
        // constant: all class means 2: (2 - 2)/(2 + 2) = 0
        assertEquals(0, Selectivity.ccmas(new double[] {2, 2, 2, 2}, new int[] {0, 1, 0, 1}));
        // all zero: denominator 0 -> 0
        assertEquals(0, Selectivity.ccmas(new double[] {0, 0, 0}, new int[] {0, 1, 2}));
        // single class: no other class -> 0
        assertEquals(0, Selectivity.ccmas(new double[] {1, 3, 2}, new int[] {7, 7, 7}));
        // only one class active: mu = [0, 4]: (4 - 0)/(4 + 0) = 1
        assertEquals(1, Selectivity.ccmas(new double[] {0, 0, 4, 4}, new int[] {0, 0, 1, 1}), EPS);
    }

    @Test
    void precisionKnownAnswers() {
        // Example A, top 3 = indices 5,4,3 with classes 2,2,1: most frequent class 2 has 2 -> 2/3
        assertEquals(2.0 / 3, Selectivity.precision(A, YA, 3), EPS);
        // top 1 -> 1/1
        assertEquals(1, Selectivity.precision(A, YA, 1), EPS);
        // default 100 > N = 6: K = 6, counts class0 3, class1 1, class2 2 -> 3/6
        assertEquals(0.5, Selectivity.precision(A, YA), EPS);
        assertEquals(0.5, Selectivity.precision(new float[] {0, 0, 0, 2, 4, 6}, YA), EPS);
    }

    @Test
    void precisionBreaksActivationTiesByLowerIndex() {
        // a = [1,5,5,5,5], y = [1,0,0,1,1]: ranking 1:0, 2:0, 3:1, 4:1, 0:1
        // top 2 = indices 1,2 (both class 0) -> 1; a larger index with an equal value does not enter
        assertEquals(1, Selectivity.precision(new double[] {1, 5, 5, 5, 5}, new int[] {1, 0, 0, 1, 1}, 2), EPS);
        // top 3 = 1:0, 2:0, 3:1 -> 2/3
        assertEquals(2.0 / 3, Selectivity.precision(new double[] {1, 5, 5, 5, 5}, new int[] {1, 0, 0, 1, 1}, 3), EPS);
    }

    @Test
    void localistKnownAnswers() {
        // Example A: winner class 2 = {4, 6}; min 4; max of others = 2 -> 4 - 2 = 2
        assertEquals(2, Selectivity.localist(A, YA), EPS);
        // overlap: a = [3,1,2,0.5], y = [0,0,1,1]: class 0 min 1 < class 1 max 2 -> 0
        assertEquals(0, Selectivity.localist(new double[] {3, 1, 2, 0.5}, new int[] {0, 0, 1, 1}));
        // touching is not strictly above: a = [5,5,5,1], y = [1,0,1,0]: min1 = 5 = max0 -> 0
        assertEquals(0, Selectivity.localist(new double[] {5, 5, 5, 1}, new int[] {1, 0, 1, 0}));
        // single class -> 0; constant -> 0
        assertEquals(0, Selectivity.localist(new double[] {1, 2}, new int[] {3, 3}));
        assertEquals(0, Selectivity.localist(new double[] {2, 2, 2}, new int[] {0, 1, 2}));
        // a lower-activity class separated from below does not count: a = [10,0,9,1], y = [0,1,0,1]
        // class 0 = {10,9} above class 1 = {0,1}: 9 - 1 = 8
        assertEquals(8, Selectivity.localist(new double[] {10, 0, 9, 1}, new int[] {0, 1, 0, 1}), EPS);
    }

    @Test
    void topClassKnownAnswers() {
        // Example A: ranking classes 2,2,1,... -> 2
        assertEquals(2, Selectivity.topClass(A, YA));
        // ties: a = [5,5,5,1], y = [1,0,1,0]: ranking 0:1, 1:0, 2:1, 3:0; winner class 1; first other at
        // rank 2 -> 1
        assertEquals(1, Selectivity.topClass(new double[] {5, 5, 5, 1}, new int[] {1, 0, 1, 0}));
        // same values, labels swapped at the tie: y = [1,1,0,0]: ranking 0:1, 1:1, 2:0 -> 2
        assertEquals(2, Selectivity.topClass(new double[] {5, 5, 5, 1}, new int[] {1, 1, 0, 0}));
        // a = [1,9,8,7,8.5], y = [0,1,1,0,1]: ranking 1:1, 4:1, 2:1, 3:0 -> 3
        assertEquals(3, Selectivity.topClass(new double[] {1, 9, 8, 7, 8.5}, new int[] {0, 1, 1, 0, 1}));
        // single class: every image precedes the (absent) first other -> N = 3
        assertEquals(3, Selectivity.topClass(new float[] {1, 3, 2}, new int[] {4, 4, 4}));
        // constant: ranking by index: 0:0, 1:1 -> 1
        assertEquals(1, Selectivity.topClass(new double[] {2, 2, 2, 2}, new int[] {0, 1, 0, 1}));
    }

    @Test
    void constantActivations() {
        double[] a = {2, 2, 2, 2};
        int[] y = {0, 1, 0, 1};
        // K = min(100, 4) = 4: two of each class -> 2/4
        assertEquals(new Selectivity.Scores(0, 0.5, 0, 1), Selectivity.all(a, y, 100));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Selectivity.ccmas(new double[] {1, 2}, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> Selectivity.ccmas(new double[] {1, 2}, new int[] {0, -1}));
        assertThrows(IllegalArgumentException.class, () -> Selectivity.ccmas(new double[0], new int[0]));
        assertThrows(IllegalArgumentException.class, () -> Selectivity.precision(new double[] {1}, new int[] {0}, 0));
        assertThrows(IllegalArgumentException.class, () -> Selectivity.localist(new double[] {1, Double.NaN}, new int[] {0, 1}));
    }

    // ---- brute-force references straight from the definitions (full sort), for the property tests ----

    private static Integer[] ranking(double[] a) {
        Integer[] idx = IntStream.range(0, a.length).boxed().toArray(Integer[]::new);
        Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> -a[i]).thenComparingInt(i -> i));
        return idx;
    }

    static double refPrecision(double[] a, int[] y, int topN) {
        Integer[] r = ranking(a);
        int k = Math.min(topN, a.length);
        int[] freq = new int[Arrays.stream(y).max().getAsInt() + 1];
        int most = 0;
        for (int i = 0; i < k; i++) {
            most = Math.max(most, ++freq[y[r[i]]]);
        }
        return (double) most / k;
    }

    static int refTopClass(double[] a, int[] y) {
        Integer[] r = ranking(a);
        int n = 0;
        while (n < r.length && y[r[n]] == y[r[0]]) {
            n++;
        }
        return n;
    }

    static double refLocalist(double[] a, int[] y) {
        double best = 0;
        for (int c : Arrays.stream(y).distinct().toArray()) {
            double min = Double.POSITIVE_INFINITY;
            double maxOther = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < a.length; i++) {
                if (y[i] == c) {
                    min = Math.min(min, a[i]);
                } else {
                    maxOther = Math.max(maxOther, a[i]);
                }
            }
            if (maxOther > Double.NEGATIVE_INFINITY && min > maxOther) {
                best = min - maxOther;
            }
        }
        return best;
    }

    static double refCcmas(double[] a, int[] y) {
        int[] classes = Arrays.stream(y).distinct().toArray();
        if (classes.length < 2) {
            return 0;
        }
        double[] mu = new double[classes.length];
        for (int k = 0; k < classes.length; k++) {
            int c = classes[k];
            mu[k] = IntStream.range(0, a.length).filter(i -> y[i] == c).mapToDouble(i -> a[i]).average().getAsDouble();
        }
        double muA = Arrays.stream(mu).max().getAsDouble();
        double muNotA = (Arrays.stream(mu).sum() - muA) / (mu.length - 1);
        return muA + muNotA == 0 ? 0 : (muA - muNotA) / (muA + muNotA);
    }

    private static int[] randomLabels(Random r, int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
        }
        return y;
    }

    @Test
    void matchesFullSortReferenceIncludingTies() {
        Random r = new Random(7);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + r.nextInt(150);
            int classes = 1 + r.nextInt(5);
            double[] a = new double[n];
            boolean ties = r.nextBoolean();
            for (int i = 0; i < n; i++) {
                double v = Math.max(0, r.nextGaussian() + (ties ? 0 : 0.3));
                a[i] = ties ? Math.floor(3 * v) : v; // few distinct values -> many ties
            }
            int[] y = randomLabels(r, n, classes);
            int topN = 1 + r.nextInt(120);
            String ctx = "trial " + trial;
            assertEquals(refCcmas(a, y), Selectivity.ccmas(a, y), 1e-12, ctx);
            assertEquals(refPrecision(a, y, topN), Selectivity.precision(a, y, topN), 0, ctx);
            assertEquals(refLocalist(a, y), Selectivity.localist(a, y), 0, ctx);
            assertEquals(refTopClass(a, y), Selectivity.topClass(a, y), ctx);
            Selectivity.Scores s = Selectivity.all(a, y, topN);
            assertEquals(new Selectivity.Scores(Selectivity.ccmas(a, y), Selectivity.precision(a, y, topN),
                    Selectivity.localist(a, y), Selectivity.topClass(a, y)), s, ctx);
            // ranges for non-negative activations
            assertTrue(s.ccmas() >= 0 && s.ccmas() <= 1, ctx + " ccmas " + s.ccmas());
            int k = Math.min(topN, n);
            assertTrue(s.precision() >= 1.0 / k - 1e-15 && s.precision() <= 1, ctx);
            assertTrue(s.localist() >= 0, ctx);
            assertTrue(s.topClass() >= 1 && s.topClass() <= n, ctx);
        }
    }

    @Test
    void ccmasStaysInMinusOneOneForNonNegativeInputs() {
        Random r = new Random(11);
        for (int trial = 0; trial < 1000; trial++) {
            int n = 1 + r.nextInt(60);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = r.nextDouble() < 0.4 ? 0 : r.nextDouble() * 10;
            }
            double c = Selectivity.ccmas(a, randomLabels(r, n, 1 + r.nextInt(8)));
            assertTrue(c >= -1 && c <= 1, "ccmas " + c);
        }
    }

    @Test
    void permutingImagesWithLabelsChangesNothing() {
        Random r = new Random(3);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + r.nextInt(300);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = Math.max(0, r.nextGaussian()) + 1e-9 * i; // distinct, so order ties cannot matter
            }
            int[] y = randomLabels(r, n, 1 + r.nextInt(6));
            int[] perm = IntStream.range(0, n).toArray();
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            double[] pa = new double[n];
            int[] py = new int[n];
            for (int i = 0; i < n; i++) {
                pa[i] = a[perm[i]];
                py[i] = y[perm[i]];
            }
            Selectivity.Scores s = Selectivity.all(a, y, 100);
            Selectivity.Scores p = Selectivity.all(pa, py, 100);
            assertEquals(s.ccmas(), p.ccmas(), 1e-12);
            assertEquals(s.precision(), p.precision(), 0);
            assertEquals(s.localist(), p.localist(), 0);
            assertEquals(s.topClass(), p.topClass());
        }
    }
}
