package org.ipb.harness.visualize;

import java.util.Random;

/**
 * Lucid's image parameterisation (Olah et al. 2017, "Feature Visualization", Distill; lucid
 * {@code param.spatial.fft_image} and {@code param.color.to_valid_rgb}): the image is the inverse
 * real 2-D DFT of a spectrum scaled by 1/f, divided by 4, colour-decorrelated for RGB, and mapped
 * into the valid pixel range (0, 1) by a sigmoid.
 *
 * <p>The spectrum of one image holds, per channel, the real and imaginary parts of the
 * {@code H x (W/2+1)} non-redundant frequencies, laid out {@code [channel][re|im][k][l]} (lucid's
 * {@code (2, ch, H, W/2+1)}, channel-major). The scale of frequency {@code (k, l)} is
 * {@code sqrt(H W) / max(f, 1/max(H, W))^decay}, {@code f = sqrt(fy^2 + fx^2)} with numpy's
 * {@code fftfreq} frequencies (cycles per pixel), as in lucid. For odd {@code W} lucid keeps one
 * extra column that its crop discards; we keep the standard {@code W/2+1}.
 *
 * <p>The inverse DFT is written out as a fixed linear map (two separable passes of cosine/sine
 * tables) rather than an engine FFT op: it is cheap at these sizes, identical on every engine, and
 * its adjoint ({@link #linearAdjoint}) is exact, which is what the gradient with respect to the
 * spectrum needs. As numpy's {@code irfft2}, it ignores the imaginary parts of the {@code l = 0}
 * and (even {@code W}) {@code l = W/2} columns' Hermitian-redundant bins through the real part
 * taken in the last pass:
 *
 * <pre>
 * x[n,m] = 1/(H W) * sum_{k,l} c_l * (re[k,l] cos(theta) - im[k,l] sin(theta)),
 * theta = 2 pi (k n / H + l m / W), c_l = 1 for l = 0 and l = W/2 (even W), 2 otherwise.
 * </pre>
 */
public final class FftParameterization {
    /** Standard deviation of lucid's random initial spectrum. */
    public static final double INITIAL_SD = 0.01;

    /** lucid's {@code color_correlation_svd_sqrt} (ImageNet RGB). */
    static final double[][] COLOR_CORRELATION_SVD_SQRT = {
        {0.26, 0.09, 0.02},
        {0.27, 0.00, -0.05},
        {0.27, -0.09, 0.03}};

    private final int channels;
    private final int h;
    private final int w;
    private final int wf;
    private final double decayPower;
    /** sqrt(HW)/max(f, 1/max(H,W))^decay / 4, per (k, l): the whole linear factor before the DFT. */
    private final double[] scale;
    private final double[] cosH;
    private final double[] sinH;
    private final double[] cosW;
    private final double[] sinW;
    private final double[] decorrelation;

    public FftParameterization(int channels, int height, int width, double decayPower) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("bad image size " + height + "x" + width);
        }
        this.channels = channels;
        this.h = height;
        this.w = width;
        this.wf = width / 2 + 1;
        this.decayPower = decayPower;
        double[] freqs = frequencies(height, width);
        this.scale = new double[h * wf];
        double floor = 1.0 / Math.max(h, w);
        for (int i = 0; i < scale.length; i++) {
            scale[i] = Math.sqrt((double) h * w) / Math.pow(Math.max(freqs[i], floor), decayPower) / 4.0;
        }
        this.cosH = new double[h * h];
        this.sinH = new double[h * h];
        for (int k = 0; k < h; k++) {
            for (int n = 0; n < h; n++) {
                double t = 2 * Math.PI * (((long) k * n) % h) / h;
                cosH[k * h + n] = Math.cos(t);
                sinH[k * h + n] = Math.sin(t);
            }
        }
        this.cosW = new double[wf * w];
        this.sinW = new double[wf * w];
        for (int l = 0; l < wf; l++) {
            for (int m = 0; m < w; m++) {
                double t = 2 * Math.PI * (((long) l * m) % w) / w;
                cosW[l * w + m] = Math.cos(t);
                sinW[l * w + m] = Math.sin(t);
            }
        }
        this.decorrelation = channels == 3 ? decorrelationMatrix() : null;
    }

    /** lucid's {@code rfft2d_freqs}: |f| of frequency (k, l) in cycles per pixel, row-major H x (W/2+1). */
    public static double[] frequencies(int h, int w) {
        int wf = w / 2 + 1;
        double[] f = new double[h * wf];
        for (int k = 0; k < h; k++) {
            double fy = (k < (h + 1) / 2 ? k : k - h) / (double) h;
            for (int l = 0; l < wf; l++) {
                double fx = l / (double) w;
                f[k * wf + l] = Math.sqrt(fx * fx + fy * fy);
            }
        }
        return f;
    }

    /** lucid's 1/f scale of frequency (k, l), {@code sqrt(HW)/max(f, 1/max(H,W))^decay} (before the /4). */
    public double spectrumScale(int k, int l) {
        return scale[k * wf + l] * 4.0;
    }

    /** Colour decorrelation: lucid's square root of the colour correlation over its largest column norm. */
    static double[] decorrelationMatrix() {
        double maxNorm = 0;
        for (int j = 0; j < 3; j++) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
                s += COLOR_CORRELATION_SVD_SQRT[i][j] * COLOR_CORRELATION_SVD_SQRT[i][j];
            }
            maxNorm = Math.max(maxNorm, Math.sqrt(s));
        }
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[i * 3 + j] = COLOR_CORRELATION_SVD_SQRT[i][j] / maxNorm;
            }
        }
        return m;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return h;
    }

    public int width() {
        return w;
    }

    public double decayPower() {
        return decayPower;
    }

    /** Floats in one image's spectrum: channels x 2 x H x (W/2+1). */
    public int spectrumSize() {
        return channels * 2 * h * wf;
    }

    /** Floats in one image: channels x H x W (CHW). */
    public int imageSize() {
        return channels * h * w;
    }

    /** lucid's initial spectrum: independent normals with standard deviation {@link #INITIAL_SD}. */
    public float[] initialSpectrum(Random random) {
        float[] s = new float[spectrumSize()];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (random.nextGaussian() * INITIAL_SD);
        }
        return s;
    }

    /**
     * The plain inverse real DFT (numpy {@code irfft2} with output size H x W) of one channel's
     * spectrum {@code re, im}, each H x (W/2+1): {@code out} gets H x W values at {@code offset}.
     */
    void irfft2(double[] re, double[] im, double[] out, int offset) {
        double[] yr = new double[h * wf];
        double[] yi = new double[h * wf];
        for (int k = 0; k < h; k++) {
            for (int l = 0; l < wf; l++) {
                double a = re[k * wf + l];
                double b = im[k * wf + l];
                if (a == 0 && b == 0) {
                    continue;
                }
                for (int n = 0; n < h; n++) {
                    double c = cosH[k * h + n];
                    double s = sinH[k * h + n];
                    yr[n * wf + l] += a * c - b * s;
                    yi[n * wf + l] += a * s + b * c;
                }
            }
        }
        double norm = 1.0 / ((double) h * w);
        for (int n = 0; n < h; n++) {
            for (int m = 0; m < w; m++) {
                double v = 0;
                for (int l = 0; l < wf; l++) {
                    v += weight(l) * (yr[n * wf + l] * cosW[l * w + m] - yi[n * wf + l] * sinW[l * w + m]);
                }
                out[offset + n * w + m] = v * norm;
            }
        }
    }

    /** Adjoint of {@link #irfft2}: {@code g} (H x W at offset) to gradients of re and im. */
    void irfft2Adjoint(double[] g, int offset, double[] gre, double[] gim) {
        double norm = 1.0 / ((double) h * w);
        double[] gyr = new double[h * wf];
        double[] gyi = new double[h * wf];
        for (int n = 0; n < h; n++) {
            for (int l = 0; l < wf; l++) {
                double sr = 0;
                double si = 0;
                for (int m = 0; m < w; m++) {
                    double v = g[offset + n * w + m];
                    sr += v * cosW[l * w + m];
                    si -= v * sinW[l * w + m];
                }
                gyr[n * wf + l] = sr * weight(l) * norm;
                gyi[n * wf + l] = si * weight(l) * norm;
            }
        }
        for (int k = 0; k < h; k++) {
            for (int l = 0; l < wf; l++) {
                double a = 0;
                double b = 0;
                for (int n = 0; n < h; n++) {
                    double c = cosH[k * h + n];
                    double s = sinH[k * h + n];
                    double r = gyr[n * wf + l];
                    double i = gyi[n * wf + l];
                    a += r * c + i * s;
                    b += -r * s + i * c;
                }
                gre[k * wf + l] = a;
                gim[k * wf + l] = b;
            }
        }
    }

    private double weight(int l) {
        return l == 0 || (w % 2 == 0 && l == w / 2) ? 1.0 : 2.0;
    }

    /** The image before the sigmoid: irfft2(scale * spectrum) / 4, colour-decorrelated for RGB; CHW. */
    public double[] linear(float[] spectrum) {
        checkSize(spectrum.length, spectrumSize(), "spectrum");
        int plane = h * wf;
        double[] out = new double[imageSize()];
        double[] re = new double[plane];
        double[] im = new double[plane];
        for (int c = 0; c < channels; c++) {
            int base = c * 2 * plane;
            for (int i = 0; i < plane; i++) {
                re[i] = spectrum[base + i] * scale[i];
                im[i] = spectrum[base + plane + i] * scale[i];
            }
            irfft2(re, im, out, c * h * w);
        }
        return decorrelation == null ? out : mixChannels(out, false);
    }

    /** Adjoint of {@link #linear}: gradient with respect to the pre-sigmoid image to the spectrum's. */
    public float[] linearAdjoint(double[] g) {
        checkSize(g.length, imageSize(), "image gradient");
        double[] gi = decorrelation == null ? g : mixChannels(g, true);
        int plane = h * wf;
        float[] out = new float[spectrumSize()];
        double[] gre = new double[plane];
        double[] gim = new double[plane];
        for (int c = 0; c < channels; c++) {
            irfft2Adjoint(gi, c * h * w, gre, gim);
            int base = c * 2 * plane;
            for (int i = 0; i < plane; i++) {
                out[base + i] = (float) (gre[i] * scale[i]);
                out[base + plane + i] = (float) (gim[i] * scale[i]);
            }
        }
        return out;
    }

    /** Pixels in (0, 1): sigmoid of {@link #linear}; CHW. */
    public float[] pixels(float[] spectrum) {
        double[] z = linear(spectrum);
        float[] p = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = (float) (1.0 / (1.0 + Math.exp(-z[i])));
        }
        return p;
    }

    /** Gradient with respect to the spectrum from one with respect to {@code pixels = pixels(spectrum)}. */
    public float[] pixelsBackward(float[] pixels, float[] gPixels) {
        double[] g = new double[pixels.length];
        for (int i = 0; i < g.length; i++) {
            double p = pixels[i];
            g[i] = gPixels[i] * p * (1 - p);
        }
        return linearAdjoint(g);
    }

    /** out[c] = sum_j M[c][j] in[j] per pixel, or with M transposed. */
    private double[] mixChannels(double[] in, boolean transpose) {
        int plane = h * w;
        double[] out = new double[in.length];
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                double v = 0;
                for (int j = 0; j < 3; j++) {
                    double m = transpose ? decorrelation[j * 3 + c] : decorrelation[c * 3 + j];
                    v += m * in[j * plane + p];
                }
                out[c * plane + p] = v;
            }
        }
        return out;
    }

    private static void checkSize(int got, int want, String what) {
        if (got != want) {
            throw new IllegalArgumentException(what + " has " + got + " values, expected " + want);
        }
    }
}
