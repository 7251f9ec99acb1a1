package org.ipb.scorers.selectivity;

/**
 * Class-selectivity measures of one unit or direction: its activations {@code a[0..N)} over N images
 * with integer class labels {@code y[0..N)}. Definitions follow Gale, Martin, Blackwood and Bowers,
 * "Are there any 'object detectors' in the hidden layers of CNNs trained to identify objects or
 * scenes?", Vision Research 176 (2020).
 *
 * <p>Conventions shared by all measures:
 * <ul>
 *   <li>A class is a label value that occurs in {@code y}; label values that do not occur are not
 *       classes (they do not enter any class average).</li>
 *   <li>The ranking of images is by activation, highest first; equal activations are ranked by
 *       lower image index first. This is a total order, so every result is deterministic.</li>
 *   <li>Inputs must have equal length N &ge; 1, finite activations and non-negative labels; otherwise
 *       an {@link IllegalArgumentException} is thrown. Inputs are never modified.</li>
 *   <li>Each measure takes O(N) time plus O(N log K) for precision's top K; none sorts all N.</li>
 * </ul>
 * Float activations are converted to double exactly; all arithmetic is in double.
 */
public final class Selectivity {
    private Selectivity() {}

    /** Default number of top images for {@link #precision(double[], int[])}, as in Zhou et al. (2015). */
    public static final int DEFAULT_TOP_N = 100;

    /** All four measures of one column. */
    public record Scores(double ccmas, double precision, double localist, int topClass) {}

    /**
     * Class-conditional mean activity selectivity (Morcos et al. 2018, "On the importance of single
     * directions for generalization", ICLR): {@code (muA - muNotA) / (muA + muNotA)}.
     *
     * <p>For each class c, {@code mu_c} is the mean activation over the images of class c. A is the
     * class with the highest {@code mu_c}; {@code muA = mu_A}; {@code muNotA} is the unweighted mean
     * of {@code mu_c} over the other classes. Following Morcos et al. this averages over classes,
     * not over images: a class with 10 images weighs as much as one with 1,000.
     *
     * <p>The measure assumes non-negative activations (post-ReLU), where it lies in [0, 1]: 0 when
     * every class has the same mean, 1 when only one class activates the unit. With negative
     * activations it is unbounded. It is 0 when the denominator {@code muA + muNotA} is exactly 0
     * (for example all activations 0), and 0 when fewer than two classes occur.
     */
    public static double ccmas(double[] a, int[] y) {
        return ccmas(a, labels(a.length, y));
    }

    /** As {@link #ccmas(double[], int[])}, for float activations. */
    public static double ccmas(float[] a, int[] y) {
        return ccmas(toDouble(a), y);
    }

    /**
     * Precision (Zhou et al. 2015, "Object detectors emerge in deep scene CNNs", ICLR), with the
     * default {@link #DEFAULT_TOP_N} = 100 top images.
     *
     * @see #precision(double[], int[], int)
     */
    public static double precision(double[] a, int[] y) {
        return precision(a, y, DEFAULT_TOP_N);
    }

    /** As {@link #precision(double[], int[])}, for float activations. */
    public static double precision(float[] a, int[] y) {
        return precision(toDouble(a), y, DEFAULT_TOP_N);
    }

    /**
     * Precision (Zhou et al. 2015): among the top {@code K = min(topN, N)} images of the ranking,
     * the fraction that belong to the most frequent class among them, i.e.
     * {@code max_c #{top-K images of class c} / K}. (Ties in class frequency are broken by lower
     * class index; they do not change the value.) It lies in [1/K, 1].
     *
     * @param topN number of top images, at least 1; capped at N
     */
    public static double precision(double[] a, int[] y, int topN) {
        return precision(a, labels(a.length, y), topN);
    }

    /** As {@link #precision(double[], int[], int)}, for float activations. */
    public static double precision(float[] a, int[] y, int topN) {
        return precision(toDouble(a), y, topN);
    }

    /**
     * Localist selectivity (Bowers et al.; as in Gale et al. 2020): if every activation of some
     * class A is strictly above every activation of every other class, {@code min_A - max_notA}
     * (the gap between A's lowest activation and the highest activation outside A, &gt; 0);
     * otherwise 0. Only the class of the top image can be such an A. It is 0 when only one class
     * occurs (there is no other class to be separated from).
     */
    public static double localist(double[] a, int[] y) {
        return localist(a, labels(a.length, y));
    }

    /** As {@link #localist(double[], int[])}, for float activations. */
    public static double localist(float[] a, int[] y) {
        return localist(toDouble(a), y);
    }

    /**
     * Top-class selectivity (Gale et al. 2020): in the ranking, the winning class is the class of
     * the top image; the result is the number of images of that class ranked before the first
     * image of any other class (at least 1). When only one class occurs it is N.
     */
    public static int topClass(double[] a, int[] y) {
        return topClass(a, labels(a.length, y));
    }

    /** As {@link #topClass(double[], int[])}, for float activations. */
    public static int topClass(float[] a, int[] y) {
        return topClass(toDouble(a), y);
    }

    /** All four measures in two passes over the data (plus a heap of the top K). */
    public static Scores all(double[] a, int[] y, int topN) {
        return all(a, labels(a.length, y), topN);
    }

    /** As {@link #all(double[], int[], int)}, for float activations. */
    public static Scores all(float[] a, int[] y, int topN) {
        return all(toDouble(a), y, topN);
    }

    // ---- implementations over recoded labels (shared with SelectivityTable) ----

    static Scores all(double[] a, Labels y, int topN) {
        checkTopN(topN);
        checkActivations(a);
        ClassStats s = ClassStats.of(a, y);
        return new Scores(ccmas(s), precisionChecked(a, y, topN), localist(s), topClass(a, y, s));
    }

    static double ccmas(double[] a, Labels y) {
        checkActivations(a);
        return ccmas(ClassStats.of(a, y));
    }

    static double precision(double[] a, Labels y, int topN) {
        checkTopN(topN);
        checkActivations(a);
        return precisionChecked(a, y, topN);
    }

    static double localist(double[] a, Labels y) {
        checkActivations(a);
        return localist(ClassStats.of(a, y));
    }

    static int topClass(double[] a, Labels y) {
        checkActivations(a);
        return topClass(a, y, ClassStats.of(a, y));
    }

    private static double ccmas(ClassStats s) {
        int l = s.count.length;
        if (l < 2) {
            return 0;
        }
        double[] mean = new double[l];
        int best = 0;
        for (int c = 0; c < l; c++) {
            mean[c] = s.sum[c] / s.count[c];
            if (mean[c] > mean[best]) {
                best = c;
            }
        }
        double others = 0;
        for (int c = 0; c < l; c++) {
            if (c != best) {
                others += mean[c];
            }
        }
        double muA = mean[best];
        double muNotA = others / (l - 1);
        double denominator = muA + muNotA;
        return denominator == 0 ? 0 : (muA - muNotA) / denominator;
    }

    private static double localist(ClassStats s) {
        int l = s.count.length;
        if (l < 2) {
            return 0;
        }
        int w = s.winner;
        double maxOther = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < l; c++) {
            if (c != w) {
                maxOther = Math.max(maxOther, s.max[c]);
            }
        }
        double gap = s.min[w] - maxOther;
        return gap > 0 ? gap : 0;
    }

    private static int topClass(double[] a, Labels y, ClassStats s) {
        int w = s.winner;
        // the first image of another class: the best-ranked image among the other classes' tops
        int first = -1;
        for (int c = 0; c < s.count.length; c++) {
            if (c != w && (first < 0 || before(a, s.top[c], first))) {
                first = s.top[c];
            }
        }
        if (first < 0) {
            return s.count[w];
        }
        int[] codes = y.codes();
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (codes[i] == w && before(a, i, first)) {
                n++;
            }
        }
        return n;
    }

    private static double precisionChecked(double[] a, Labels y, int topN) {
        int k = Math.min(topN, a.length);
        int[] heap = topK(a, k);
        int[] freq = new int[y.classes()];
        int[] codes = y.codes();
        int most = 0;
        for (int i : heap) {
            most = Math.max(most, ++freq[codes[i]]);
        }
        return (double) most / k;
    }

    /** True when image i is ranked before image j: higher activation, or equal and lower index. */
    static boolean before(double[] a, int i, int j) {
        return a[i] > a[j] || (a[i] == a[j] && i < j);
    }

    /**
     * The indices of the top k images of the ranking (in heap order, not sorted): a min-heap whose
     * root is the worst-ranked of those kept. O(N log k).
     */
    static int[] topK(double[] a, int k) {
        int[] heap = new int[k];
        for (int i = 0; i < k; i++) {
            heap[i] = i;
            siftUp(a, heap, i);
        }
        for (int i = k; i < a.length; i++) {
            // i has a larger index than every kept image, so it enters only with a strictly higher activation
            if (a[i] > a[heap[0]]) {
                heap[0] = i;
                siftDown(a, heap, 0, k);
            }
        }
        return heap;
    }

    private static void siftUp(double[] a, int[] heap, int pos) {
        while (pos > 0) {
            int parent = (pos - 1) / 2;
            if (before(a, heap[parent], heap[pos])) {
                int t = heap[parent];
                heap[parent] = heap[pos];
                heap[pos] = t;
                pos = parent;
            } else {
                return;
            }
        }
    }

    private static void siftDown(double[] a, int[] heap, int pos, int size) {
        while (true) {
            int l = 2 * pos + 1;
            if (l >= size) {
                return;
            }
            int worst = l;
            int r = l + 1;
            if (r < size && before(a, heap[l], heap[r])) {
                worst = r;
            }
            if (before(a, heap[pos], heap[worst])) {
                int t = heap[pos];
                heap[pos] = heap[worst];
                heap[worst] = t;
                pos = worst;
            } else {
                return;
            }
        }
    }

    /** Per-class sums, counts, minima, maxima and best-ranked image; and the class of the top image. */
    private static final class ClassStats {
        final double[] sum;
        final int[] count;
        final double[] min;
        final double[] max;
        final int[] top;
        int winner;

        private ClassStats(int l) {
            sum = new double[l];
            count = new int[l];
            min = new double[l];
            max = new double[l];
            top = new int[l];
            java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
            java.util.Arrays.fill(top, -1);
        }

        static ClassStats of(double[] a, Labels y) {
            ClassStats s = new ClassStats(y.classes());
            int[] codes = y.codes();
            int best = 0;
            for (int i = 0; i < a.length; i++) {
                int c = codes[i];
                double v = a[i];
                s.sum[c] += v;
                s.count[c]++;
                if (v < s.min[c]) {
                    s.min[c] = v;
                }
                if (v > s.max[c]) {
                    s.max[c] = v;
                    s.top[c] = i; // strictly greater: the first (lowest) index wins ties
                } else if (s.top[c] < 0) {
                    s.top[c] = i;
                }
                if (v > a[best]) {
                    best = i;
                }
            }
            s.winner = codes[best];
            return s;
        }
    }

    static Labels labels(int n, int[] y) {
        if (y.length != n) {
            throw new IllegalArgumentException(n + " activations but " + y.length + " labels");
        }
        return Labels.of(y);
    }

    private static void checkTopN(int topN) {
        if (topN < 1) {
            throw new IllegalArgumentException("top N must be at least 1, not " + topN);
        }
    }

    private static void checkActivations(double[] a) {
        if (a.length == 0) {
            throw new IllegalArgumentException("no activations");
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException("activation " + i + " is " + a[i]);
            }
        }
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
