package org.ipb.manifest;

/**
 * Pillow's {@code Image.resize(size, Image.BILINEAR)} on 8-bit images (libImaging/Resample.c, as
 * in Pillow 9): a separable triangle filter, horizontal pass then vertical pass, each rounding to
 * 8 bits.
 *
 * <p>Per axis, output pixel {@code i} is centred at input coordinate {@code c = (i + 0.5) * s},
 * {@code s = in / out}, in PIL's convention that pixel {@code j} covers {@code [j, j + 1)}. When
 * downscaling the filter is widened by {@code s} (antialiasing): support {@code max(s, 1)}, weight
 * {@code tri((j + 0.5 - c) / max(s, 1))} for inputs {@code j} from {@code (int) (c - support + 0.5)}
 * to {@code (int) (c + support + 0.5)} (exclusive) clipped to the image, normalised to sum 1, then
 * converted to fixed point with {@link #PRECISION_BITS} fraction bits rounding half away from
 * zero. A pass sums {@code sample * weight} from {@code 2^(PRECISION_BITS - 1)} (rounding half up)
 * and keeps {@code sum >> PRECISION_BITS} clipped to 0..255. An axis whose size does not change is
 * not resampled, as in Pillow.
 *
 * <p>Only a window of the output is computed (the centre crop); each output pixel depends only on
 * its own taps, so the window equals the same window of a full resize.
 */
final class PillowBilinear {
    /** Pillow: 32 bits less 8 for the result and 2 for overflow of filters with negative lobes. */
    static final int PRECISION_BITS = 32 - 8 - 2;

    private PillowBilinear() {}

    /** For each output index along one axis: the first input index, how many inputs, their weights. */
    static final class Taps {
        final int[] first;
        final int[] count;
        /** Fixed-point weights, {@link #ksize} slots per output index. */
        final int[] weights;
        final int ksize;

        private Taps(int[] first, int[] count, int[] weights, int ksize) {
            this.first = first;
            this.count = count;
            this.weights = weights;
            this.ksize = ksize;
        }

        /** Inputs [first, end) used by outputs [from, to): the band a later pass reads. */
        int end(int to) {
            return first[to - 1] + count[to - 1];
        }
    }

    static Taps taps(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale; // the triangle's support is 1
        int ksize = (int) Math.ceil(support) * 2 + 1;
        int[] first = new int[outSize];
        int[] count = new int[outSize];
        int[] weights = new int[outSize * ksize];
        double[] w = new double[ksize];
        for (int i = 0; i < outSize; i++) {
            double centre = (i + 0.5) * scale;
            int min = Math.max((int) (centre - support + 0.5), 0); // (int) truncates toward zero, as C does
            int max = Math.min((int) (centre + support + 0.5), inSize);
            int n = max - min;
            double sum = 0;
            for (int j = 0; j < n; j++) {
                w[j] = triangle((j + min - centre + 0.5) / filterScale);
                sum += w[j];
            }
            for (int j = 0; j < n; j++) {
                double v = sum != 0 ? w[j] / sum : w[j];
                weights[i * ksize + j] = (int) (v < 0 ? v * (1 << PRECISION_BITS) - 0.5 : v * (1 << PRECISION_BITS) + 0.5);
            }
            first[i] = min;
            count[i] = n;
        }
        return new Taps(first, count, weights, ksize);
    }

    private static double triangle(double x) {
        x = Math.abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    /** Pillow's clip8: the rounded fixed-point sum as a byte value 0..255. */
    static int clip8(int sum) {
        int v = sum >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /**
     * Horizontal pass over rows {@code [rowFrom, rowTo)} of an interleaved {@code channels}-byte
     * image {@code inW} wide, for output columns {@code [colFrom, colFrom + cols)}: writes
     * {@code (rowTo - rowFrom) x cols} interleaved pixels to {@code out} from index 0.
     */
    static void horizontal(byte[] in, int inW, int channels, int rowFrom, int rowTo, Taps t, int colFrom, int cols,
            byte[] out) {
        int half = 1 << (PRECISION_BITS - 1);
        int o = 0;
        for (int y = rowFrom; y < rowTo; y++) {
            int row = y * inW;
            for (int x = colFrom; x < colFrom + cols; x++) {
                int k = x * t.ksize;
                int n = t.count[x];
                int p = (row + t.first[x]) * channels;
                if (channels == 3) {
                    int s0 = half;
                    int s1 = half;
                    int s2 = half;
                    for (int j = 0; j < n; j++, p += 3) {
                        int wj = t.weights[k + j];
                        s0 += (in[p] & 0xFF) * wj;
                        s1 += (in[p + 1] & 0xFF) * wj;
                        s2 += (in[p + 2] & 0xFF) * wj;
                    }
                    out[o++] = (byte) clip8(s0);
                    out[o++] = (byte) clip8(s1);
                    out[o++] = (byte) clip8(s2);
                } else {
                    int s = half;
                    for (int j = 0; j < n; j++) {
                        s += (in[p + j] & 0xFF) * t.weights[k + j];
                    }
                    out[o++] = (byte) clip8(s);
                }
            }
        }
    }

    /**
     * Vertical pass for output row {@code y} (an index into {@code t}): fixed-point sums of the
     * rows it takes, {@code sums.length} bytes each from {@code at} in the first input row, rows
     * {@code stride} bytes apart, {@code rowBase} the input row stored first in {@code in}. Row by
     * row rather than column by column, so each tap adds one contiguous run; {@link #clip8} the sums.
     */
    static void verticalSums(byte[] in, int at, int stride, int rowBase, Taps t, int y, int[] sums) {
        java.util.Arrays.fill(sums, 1 << (PRECISION_BITS - 1));
        int k = y * t.ksize;
        for (int j = 0, n = t.count[y]; j < n; j++) {
            int w = t.weights[k + j];
            int p = at + (t.first[y] + j - rowBase) * stride;
            for (int i = 0; i < sums.length; i++) {
                sums[i] += (in[p + i] & 0xFF) * w;
            }
        }
    }
}
