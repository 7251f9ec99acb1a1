package org.ipb.scorers.observers;

import org.ipb.manifest.RawImage;

/**
 * Embeds an image as its own downsampled, mean-removed pixels.
 *
 * <ol>
 *   <li>Colour: in grey mode (the default) each pixel becomes its luma Y = 0.299 R + 0.587 G +
 *       0.114 B (ITU-R BT.601 weights); grey images keep their grey value. In colour mode the colour
 *       channels are kept (1 for grey, 3 for RGB). Alpha channels are always ignored.</li>
 *   <li>Size: area-average resampling to side × side (default {@link #DEFAULT_SIDE} = 16): output
 *       pixel (x, y) is the mean of the source over the rectangle [x·W/S, (x+1)·W/S) ×
 *       [y·H/S, (y+1)·H/S), each source pixel weighted by the area it shares with the rectangle.
 *       Non-square images are stretched to a square. 16 keeps the coarse shape of a 28 × 28
 *       Fashion-MNIST image while smoothing pixel-level noise, and gives 256 numbers per grey
 *       image.</li>
 *   <li>Flatten in channel-major order (c, y, x), as floats in 0..255 units.</li>
 *   <li>Subtract the mean of all the values of the image. Cosine similarity then compares spatial
 *       patterns (it becomes the Pearson correlation of the pixels) instead of being dominated by
 *       overall brightness: two non-negative images always have cosine ≥ 0, and brighter images
 *       look alike to a raw-pixel cosine whatever their shape. A uniform image becomes the zero
 *       vector, which {@link org.ipb.scorers.mis.Cosine} treats as similar to nothing.</li>
 * </ol>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PixelObserver {
    /** Default output side S. */
    public static final int DEFAULT_SIDE = 16;

    private final int side;
    private final boolean grey;

    /** Grey, side {@link #DEFAULT_SIDE}. */
    public PixelObserver() {
        this(DEFAULT_SIDE, true);
    }

    /**
     * @param side output side S, at least 1
     * @param grey true to convert to luma, false to keep the colour channels
     * @throws IllegalArgumentException if side &lt; 1
     */
    public PixelObserver(int side, boolean grey) {
        if (side < 1) {
            throw new IllegalArgumentException("side must be at least 1, got " + side);
        }
        this.side = side;
        this.grey = grey;
    }

    public int side() {
        return side;
    }

    public boolean grey() {
        return grey;
    }

    /** Embedding length for an image with {@code channels} channels (1..4). */
    public int dimension(int channels) {
        return outputChannels(channels) * side * side;
    }

    private int outputChannels(int channels) {
        return grey || channels < 3 ? 1 : 3;
    }

    /** The embedding of {@code image}; see the class description. */
    public float[] embed(RawImage image) {
        int w = image.width();
        int h = image.height();
        int ch = image.channels();
        int oc = outputChannels(ch);
        // colour conversion to planes [c][y][x] in double
        double[][] planes = new double[oc][w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (ch < 3) {
                    planes[0][p] = image.sample(x, y, 0);
                } else if (oc == 1) {
                    planes[0][p] = 0.299 * image.sample(x, y, 0) + 0.587 * image.sample(x, y, 1)
                            + 0.114 * image.sample(x, y, 2);
                } else {
                    for (int c = 0; c < 3; c++) {
                        planes[c][p] = image.sample(x, y, c);
                    }
                }
            }
        }
        double[][] wx = areaWeights(w, side);
        double[][] wy = areaWeights(h, side);
        double[] out = new double[oc * side * side];
        double[] rows = new double[side * w];
        for (int c = 0; c < oc; c++) {
            double[] plane = planes[c];
            // vertical pass: rows[oy][x] = Σ_y wy[oy][y] plane[y][x]
            java.util.Arrays.fill(rows, 0);
            for (int oy = 0; oy < side; oy++) {
                for (int y = 0; y < h; y++) {
                    double f = wy[oy][y];
                    if (f != 0) {
                        for (int x = 0; x < w; x++) {
                            rows[oy * w + x] += f * plane[y * w + x];
                        }
                    }
                }
            }
            // horizontal pass
            for (int oy = 0; oy < side; oy++) {
                for (int ox = 0; ox < side; ox++) {
                    double s = 0;
                    for (int x = 0; x < w; x++) {
                        s += wx[ox][x] * rows[oy * w + x];
                    }
                    out[(c * side + oy) * side + ox] = s;
                }
            }
        }
        double mean = 0;
        for (double v : out) {
            mean += v;
        }
        mean /= out.length;
        float[] f = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            f[i] = (float) (out[i] - mean);
        }
        return f;
    }

    /**
     * weights[o][i] = length of [o·n/s, (o+1)·n/s) ∩ [i, i+1), divided by n/s: the share of source
     * cell i in output cell o along one axis. Each row sums to 1.
     */
    static double[][] areaWeights(int n, int s) {
        double scale = (double) n / s;
        double[][] weights = new double[s][n];
        for (int o = 0; o < s; o++) {
            double lo = o * scale;
            double hi = (o + 1) * scale;
            int first = (int) Math.floor(lo);
            int last = Math.min(n - 1, (int) Math.ceil(hi) - 1);
            for (int i = first; i <= last; i++) {
                double overlap = Math.min(hi, i + 1) - Math.max(lo, i);
                if (overlap > 0) {
                    weights[o][i] = overlap / scale;
                }
            }
        }
        return weights;
    }
}
