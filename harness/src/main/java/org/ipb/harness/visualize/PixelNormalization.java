package org.ipb.harness.visualize;

import org.ipb.manifest.StimulusSetManifest;

/**
 * From pixels in [0, 1] to network input, exactly as a stimulus set's preprocessing treats natural
 * images: a pixel {@code p} is the byte value {@code 255 p}, which preprocessing turns into
 * {@code (255 p * scale - mean[c]) / std[c]}.
 */
public record PixelNormalization(double scale, double[] mean, double[] std) {
    public PixelNormalization {
        mean = mean.clone();
        std = std.clone();
        if (mean.length != std.length || mean.length < 1) {
            throw new IllegalArgumentException("mean and std need one value per channel");
        }
    }

    public static PixelNormalization of(StimulusSetManifest.Preprocessing p) {
        return new PixelNormalization(p.scale(), p.mean(), p.std());
    }

    /** Identity (for tests): input = pixel. */
    public static PixelNormalization identity(int channels) {
        double[] zero = new double[channels];
        double[] one = new double[channels];
        java.util.Arrays.fill(one, 1.0);
        return new PixelNormalization(1 / 255.0, zero, one);
    }

    public int channels() {
        return mean.length;
    }

    /** d input / d pixel of channel {@code c}. */
    public double slope(int c) {
        return 255 * scale / std[c];
    }

    /** Normalises a CHW pixel image into {@code out} at {@code offset}. */
    public void apply(float[] pixels, float[] out, int offset) {
        int plane = pixels.length / mean.length;
        for (int c = 0; c < mean.length; c++) {
            double a = slope(c);
            double b = mean[c] / std[c];
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                out[offset + i] = (float) (pixels[i] * a - b);
            }
        }
    }

    /** Gradient with respect to the pixels from one with respect to the input (at {@code offset}). */
    public float[] backward(float[] gInput, int offset, int size) {
        int plane = size / mean.length;
        float[] g = new float[size];
        for (int c = 0; c < mean.length; c++) {
            float a = (float) slope(c);
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                g[i] = gInput[offset + i] * a;
            }
        }
        return g;
    }
}
