package org.ipb.scorers.selectivity;

import java.util.Arrays;

/**
 * Integer class labels recoded densely: the distinct labels that occur, in increasing order, become
 * codes {@code 0..classes()-1}. The recoding keeps label order, so "lower class index" tie-breaks
 * are the same on codes and on labels, and a huge label value costs no memory.
 */
public final class Labels {
    private final int[] codes;
    private final int[] values;

    private Labels(int[] codes, int[] values) {
        this.codes = codes;
        this.values = values;
    }

    /**
     * Validates and recodes labels.
     *
     * @throws IllegalArgumentException if there are no labels or one is negative
     */
    public static Labels of(int[] y) {
        if (y.length == 0) {
            throw new IllegalArgumentException("no labels");
        }
        int max = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0) {
                throw new IllegalArgumentException("label " + i + " is negative (" + y[i] + ")");
            }
            max = Math.max(max, y[i]);
        }
        int[] codes = new int[y.length];
        int[] values;
        if (max <= 4L * y.length + 1024) {
            int[] map = new int[max + 1];
            Arrays.fill(map, -1);
            for (int v : y) {
                map[v] = 0;
            }
            int k = 0;
            for (int v = 0; v <= max; v++) {
                if (map[v] == 0) {
                    map[v] = k++;
                }
            }
            values = new int[k];
            for (int v = 0; v <= max; v++) {
                if (map[v] >= 0) {
                    values[map[v]] = v;
                }
            }
            for (int i = 0; i < y.length; i++) {
                codes[i] = map[y[i]];
            }
        } else {
            values = Arrays.stream(y).distinct().sorted().toArray();
            for (int i = 0; i < y.length; i++) {
                codes[i] = Arrays.binarySearch(values, y[i]);
            }
        }
        return new Labels(codes, values);
    }

    /** Number of images. */
    public int size() {
        return codes.length;
    }

    /** Number of distinct labels that occur. */
    public int classes() {
        return values.length;
    }

    /** Dense code of image {@code i}'s label. */
    int code(int i) {
        return codes[i];
    }

    int[] codes() {
        return codes;
    }

    /** The original label of dense code {@code c}. */
    public int label(int c) {
        return values[c];
    }
}
