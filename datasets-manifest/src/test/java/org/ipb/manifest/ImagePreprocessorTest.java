package org.ipb.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-computed values for channel conversion, bilinear resize and normalisation. */
class ImagePreprocessorTest {
    private static final float EPS = 1e-4f;

    private static ImagePreprocessor identity(int h, int w, int c) {
        double[] zeros = new double[c];
        double[] ones = new double[c];
        java.util.Arrays.fill(ones, 1);
        return new ImagePreprocessor(new StimulusSetManifest.Preprocessing(h, w, c, 1, zeros, ones));
    }

    private static RawImage gray(int w, int h, int... values) {
        return new RawImage(w, h, 1, Fixtures.bytes(values));
    }

    @Test
    void rgbToGrayUsesBt601Luma() {
        RawImage rgb = new RawImage(4, 1, 3, Fixtures.bytes(255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30));
        float[] y = identity(1, 4, 1).apply(rgb);
        assertArrayEquals(new float[] {76.245f, 149.685f, 29.07f, 18.15f}, y, EPS); // 0.299*10 + 0.587*20 + 0.114*30 = 18.15
    }

    @Test
    void alphaIsDropped() {
        RawImage rgba = new RawImage(1, 1, 4, Fixtures.bytes(10, 20, 30, 0));
        assertArrayEquals(new float[] {18.15f}, identity(1, 1, 1).apply(rgba), EPS);
        assertArrayEquals(new float[] {10, 20, 30}, identity(1, 1, 3).apply(rgba), EPS);
        RawImage grayAlpha = new RawImage(1, 1, 2, Fixtures.bytes(77, 255));
        assertArrayEquals(new float[] {77}, identity(1, 1, 1).apply(grayAlpha), EPS);
    }

    @Test
    void grayToRgbReplicatesIntoPlanes() {
        float[] x = identity(1, 2, 3).apply(gray(2, 1, 5, 6));
        assertArrayEquals(new float[] {5, 6, 5, 6, 5, 6}, x); // CHW: R plane, G plane, B plane
    }

    @Test
    void rgbStaysPlanar() {
        RawImage rgb = new RawImage(2, 1, 3, Fixtures.bytes(1, 2, 3, 4, 5, 6));
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, identity(1, 2, 3).apply(rgb));
    }

    @Test
    void bilinearUpsampleUsesHalfPixelCentres() {
        // 2x2 -> 4x4. Output column x samples input x' = (x + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25,
        // clamped to [0, 1]; rows likewise.
        float[] out = identity(4, 4, 1).apply(gray(2, 2, 0, 100, 200, 40));
        assertArrayEquals(new float[] {0, 25, 75, 100}, row(out, 4, 0), EPS);
        // row y=1 samples y' = 0.25: 0.75 * top + 0.25 * bottom, bottom row resampled = 200, 160, 80, 40
        assertArrayEquals(new float[] {50, 58.75f, 76.25f, 85}, row(out, 4, 1), EPS);
        assertArrayEquals(new float[] {200, 160, 80, 40}, row(out, 4, 3), EPS);
    }

    @Test
    void bilinearDownsampleByTwoAveragesTwoByTwoBlocks() {
        // 4x4 -> 2x2: x' = (x + 0.5) * 2 - 0.5 = 0.5, 2.5, so each output is the mean of a 2x2 block.
        float[] out = identity(2, 2, 1).apply(gray(4, 4,
                0, 4, 10, 10,
                8, 12, 10, 10,
                1, 1, 0, 0,
                1, 1, 0, 100));
        assertArrayEquals(new float[] {6, 10, 1, 25}, out, EPS);
    }

    @Test
    void bilinearNonIntegerFactor() {
        // 3 -> 2 columns: x' = (x + 0.5) * 1.5 - 0.5 = 0.25, 1.75
        float[] out = identity(1, 2, 1).apply(gray(3, 1, 0, 90, 180));
        assertArrayEquals(new float[] {22.5f, 157.5f}, out, EPS);
    }

    @Test
    void scaleThenMeanAndStdPerChannel() {
        var p = new StimulusSetManifest.Preprocessing(1, 1, 3, 1 / 255.0,
                new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225});
        float[] x = new ImagePreprocessor(p).apply(new RawImage(1, 1, 3, Fixtures.bytes(255, 0, 51)));
        assertEquals((1 - 0.485) / 0.229, x[0], 1e-6);
        assertEquals((0 - 0.456) / 0.224, x[1], 1e-6);
        assertEquals((0.2 - 0.406) / 0.225, x[2], 1e-6);
    }

    private static float[] row(float[] plane, int width, int y) {
        return java.util.Arrays.copyOfRange(plane, y * width, (y + 1) * width);
    }
}
