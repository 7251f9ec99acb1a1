package org.ipb.scorers.selectivity;

import java.util.stream.IntStream;

/**
 * The four selectivity measures of {@link Selectivity} for every column (unit or direction) of an
 * N x C activation matrix, given one class label per row (image).
 *
 * <p>Labels are validated and recoded once; each column is copied out once and scored in two
 * linear passes plus a size-K heap for precision, so the cost is O(N C log K). Columns are scored
 * in parallel; the results do not depend on the number of threads.
 */
public final class SelectivityTable {
    private final double[] ccmas;
    private final double[] precision;
    private final double[] localist;
    private final int[] topClass;

    private SelectivityTable(int c) {
        ccmas = new double[c];
        precision = new double[c];
        localist = new double[c];
        topClass = new int[c];
    }

    /**
     * Scores every column of a row-major float matrix.
     *
     * @param x row-major N x C activations ({@code x[i * c + j]} is image i, column j)
     * @param n number of rows (images), at least 1
     * @param c number of columns
     * @param y N labels, non-negative
     * @param topN precision's number of top images, at least 1 (capped at N)
     * @throws IllegalArgumentException for inconsistent sizes, a negative label or a non-finite activation
     */
    public static SelectivityTable compute(float[] x, int n, int c, int[] y, int topN) {
        checkSize(x.length, n, c);
        return compute(n, c, y, topN, (j, col) -> {
            for (int i = 0; i < n; i++) {
                col[i] = x[i * c + j];
            }
        });
    }

    /** As {@link #compute(float[], int, int, int[], int)}, for a double matrix. */
    public static SelectivityTable compute(double[] x, int n, int c, int[] y, int topN) {
        checkSize(x.length, n, c);
        return compute(n, c, y, topN, (j, col) -> {
            for (int i = 0; i < n; i++) {
                col[i] = x[i * c + j];
            }
        });
    }

    private interface ColumnReader {
        void read(int column, double[] into);
    }

    private static SelectivityTable compute(int n, int c, int[] y, int topN, ColumnReader reader) {
        if (n < 1) {
            throw new IllegalArgumentException("no images");
        }
        if (topN < 1) {
            throw new IllegalArgumentException("top N must be at least 1, not " + topN);
        }
        Labels labels = Selectivity.labels(n, y);
        SelectivityTable t = new SelectivityTable(c);
        ThreadLocal<double[]> buffers = ThreadLocal.withInitial(() -> new double[n]);
        IntStream.range(0, c).parallel().forEach(j -> {
            double[] col = buffers.get();
            reader.read(j, col);
            Selectivity.Scores s;
            try {
                s = Selectivity.all(col, labels, topN);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("column " + j + ": " + e.getMessage(), e);
            }
            t.ccmas[j] = s.ccmas();
            t.precision[j] = s.precision();
            t.localist[j] = s.localist();
            t.topClass[j] = s.topClass();
        });
        return t;
    }

    private static void checkSize(int length, int n, int c) {
        if (n < 0 || c < 0 || (long) n * c != length) {
            throw new IllegalArgumentException(length + " values cannot be an " + n + " x " + c + " matrix");
        }
    }

    /** Number of columns. */
    public int columns() {
        return ccmas.length;
    }

    /** CCMAS of column j; see {@link Selectivity#ccmas(double[], int[])}. */
    public double ccmas(int j) {
        return ccmas[j];
    }

    /** Precision of column j; see {@link Selectivity#precision(double[], int[], int)}. */
    public double precision(int j) {
        return precision[j];
    }

    /** Localist selectivity of column j; see {@link Selectivity#localist(double[], int[])}. */
    public double localist(int j) {
        return localist[j];
    }

    /** Top-class selectivity of column j; see {@link Selectivity#topClass(double[], int[])}. */
    public int topClass(int j) {
        return topClass[j];
    }
}
