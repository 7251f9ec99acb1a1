package org.ipb.harness.visualize;

/**
 * A fixed bilinear resampling of an {@code H x W} image to an image of the same size: every
 * output pixel is a weighted sum of at most four input pixels plus a constant fill (the padding
 * value) for taps that fall outside the image. As a linear map it is differentiable: {@link
 * #adjoint} is its transpose, which carries gradients from the output back to the input.
 */
public final class SamplingMap {
    private final int h;
    private final int w;
    /** Four taps per output pixel: input index, or -1 for the fill value. */
    private final int[] index;
    private final float[] weight;
    private final float fill;

    private SamplingMap(int h, int w, int[] index, float[] weight, float fill) {
        this.h = h;
        this.w = w;
        this.index = index;
        this.weight = weight;
        this.fill = fill;
    }

    /** The identity map. */
    public static SamplingMap identity(int h, int w) {
        return affine(h, w, new double[] {1, 0, 0, 0, 1, 0}, 0f);
    }

    /**
     * Output pixel {@code (i, j)} samples the input at continuous coordinates {@code (x, y) = A
     * (j + 0.5, i + 0.5, 1)}, {@code A} row-major 2 x 3, pixel {@code q} covering {@code [q, q+1)}
     * with its centre at {@code q + 0.5}; bilinear between the four nearest centres, taps outside
     * the image read {@code fill}.
     */
    public static SamplingMap affine(int h, int w, double[] a, float fill) {
        int n = h * w;
        int[] index = new int[4 * n];
        float[] weight = new float[4 * n];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                double u = j + 0.5;
                double v = i + 0.5;
                double fx = a[0] * u + a[1] * v + a[2] - 0.5;
                double fy = a[3] * u + a[4] * v + a[5] - 0.5;
                int x0 = (int) Math.floor(fx);
                int y0 = (int) Math.floor(fy);
                double tx = fx - x0;
                double ty = fy - y0;
                int o = 4 * (i * w + j);
                tap(index, weight, o, x0, y0, (1 - tx) * (1 - ty), h, w);
                tap(index, weight, o + 1, x0 + 1, y0, tx * (1 - ty), h, w);
                tap(index, weight, o + 2, x0, y0 + 1, (1 - tx) * ty, h, w);
                tap(index, weight, o + 3, x0 + 1, y0 + 1, tx * ty, h, w);
            }
        }
        return new SamplingMap(h, w, index, weight, fill);
    }

    private static void tap(int[] index, float[] weight, int o, int x, int y, double wt, int h, int w) {
        index[o] = x >= 0 && x < w && y >= 0 && y < h ? y * w + x : -1;
        weight[o] = (float) wt;
    }

    public int height() {
        return h;
    }

    public int width() {
        return w;
    }

    /** Resamples every channel of a CHW image ({@code channels * H * W} floats). */
    public float[] apply(float[] image, int channels) {
        int plane = h * w;
        float[] out = new float[channels * plane];
        for (int c = 0; c < channels; c++) {
            int base = c * plane;
            for (int p = 0; p < plane; p++) {
                double v = 0;
                for (int t = 4 * p; t < 4 * p + 4; t++) {
                    int q = index[t];
                    v += weight[t] * (q >= 0 ? image[base + q] : fill);
                }
                out[base + p] = (float) v;
            }
        }
        return out;
    }

    /** Transpose of {@link #apply} (without the constant fill): output gradient to input gradient. */
    public float[] adjoint(float[] gradient, int channels) {
        int plane = h * w;
        float[] out = new float[channels * plane];
        for (int c = 0; c < channels; c++) {
            int base = c * plane;
            for (int p = 0; p < plane; p++) {
                float g = gradient[base + p];
                for (int t = 4 * p; t < 4 * p + 4; t++) {
                    int q = index[t];
                    if (q >= 0) {
                        out[base + q] += weight[t] * g;
                    }
                }
            }
        }
        return out;
    }
}
