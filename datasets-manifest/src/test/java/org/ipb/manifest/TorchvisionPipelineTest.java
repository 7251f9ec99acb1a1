package org.ipb.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.ipb.manifest.StimulusSetManifest.Convert;
import org.ipb.manifest.StimulusSetManifest.Crop;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed cases for the torchvision pipeline (Pillow bilinear with antialiasing, the
 * Resize(int) size rule, CenterCrop offsets, float32 ToTensor/Normalize), and properties over
 * random images. The comparison with torchvision itself is {@link TorchvisionInteropTest}.
 */
class TorchvisionPipelineTest {
    /** Scale 1, mean 0, std 1: outputs are the 8-bit samples after resize and crop. */
    private static ImagePreprocessor identity(int crop, Integer resize, int channels, Convert convert) {
        double[] zeros = new double[channels];
        double[] ones = new double[channels];
        Arrays.fill(ones, 1);
        return new ImagePreprocessor(new StimulusSetManifest.Preprocessing(crop, crop, channels, 1, zeros, ones,
                resize, new Crop(crop, crop), convert));
    }

    private static RawImage gray(int w, int h, int... values) {
        return new RawImage(w, h, 1, Fixtures.bytes(values));
    }

    @Test
    void downscaleByTwoWidensTheTriangle() {
        // 4 -> 2 per axis: scale 2, support 2. Output 0 is centred at 1.0 and takes inputs 0..2 with
        // tri((j + 0.5 - 1) / 2) = 0.75, 0.75, 0.25, i.e. 3/7, 3/7, 1/7; output 1 (centre 3) takes
        // inputs 1..3 with 1/7, 3/7, 3/7. Image a[y] + b[x], b = 0, 70, 140, 210, a = 0, 7, 14, 21:
        // rows give a + (0*3 + 70*3 + 140) / 7 = a + 50 and a + (70 + 420 + 630) / 7 = a + 160;
        // columns then a = (0 + 21 + 14) / 7 = 5 and (7 + 42 + 63) / 7 = 16.
        int[] b = {0, 70, 140, 210};
        int[] a = {0, 7, 14, 21};
        int[] px = new int[16];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                px[y * 4 + x] = a[y] + b[x];
            }
        }
        assertArrayEquals(new float[] {55, 165, 66, 176}, identity(2, 2, 1, null).apply(gray(4, 4, px)));
        // Without antialiasing (the resize-to-size pipeline) each output is a 2x2 block mean instead.
        float[] plain = new ImagePreprocessor(new StimulusSetManifest.Preprocessing(2, 2, 1, 1,
                new double[] {0}, new double[] {1})).apply(gray(4, 4, px));
        assertArrayEquals(new float[] {38.5f, 178.5f, 52.5f, 192.5f}, plain);
    }

    @Test
    void fixedPointWeightsRoundHalfAwayFromZero() {
        PillowBilinear.Taps t = PillowBilinear.taps(4, 2);
        assertEquals(5, t.ksize); // ceil(support 2) * 2 + 1
        // 3/7 * 2^22 = 1797558.86 -> 1797559; 1/7 * 2^22 = 599186.29 -> 599186
        assertArrayEquals(new int[] {1797559, 1797559, 599186, 0, 0, 599186, 1797559, 1797559, 0, 0}, t.weights);
        assertArrayEquals(new int[] {0, 1}, t.first);
        assertArrayEquals(new int[] {3, 3}, t.count);
        assertEquals(22, PillowBilinear.PRECISION_BITS);
        assertEquals(0, PillowBilinear.clip8(-5));
        assertEquals(255, PillowBilinear.clip8(300 << 22));
        assertEquals(7, PillowBilinear.clip8((7 << 22) + (1 << 22) - 1));
    }

    @Test
    void upscaleKeepsTheUnitTriangleAndRoundsEachPassToEightBits() {
        // 2 -> 4: centres 0.25, 0.75, 1.25, 1.75 take weights 1 | 0.75, 0.25 | 0.25, 0.75 | 1 (the
        // end pixels see one input only), as half-pixel bilinear with clamping.
        float[] out = identity(4, 4, 1, null).apply(gray(2, 2, 0, 100, 200, 40));
        // Horizontal: rows 0, 25, 75, 100 and 200, 160, 80, 40 (exact). Vertical row 1 = 0.75 top +
        // 0.25 bottom = 50, 58.75, 76.25, 85, rounded to bytes; row 2 = 0.25 top + 0.75 bottom =
        // 150, 126.25, 78.75, 55.
        assertArrayEquals(new float[] {
            0, 25, 75, 100,
            50, 59, 76, 85,
            150, 126, 79, 55,
            200, 160, 80, 40}, out);
    }

    @Test
    void resizeKeepsTheAspectRatioAndTruncatesTheLongSide() {
        assertEquals(new ShortSideResize(256, 341), ShortSideResize.of(375, 500, 256)); // 256 * 500 / 375 = 341.33
        assertEquals(new ShortSideResize(353, 256), ShortSideResize.of(300, 217, 256)); // 256 * 300 / 217 = 353.92
        assertEquals(new ShortSideResize(256, 341), ShortSideResize.of(480, 640, 256));
        assertEquals(new ShortSideResize(224, 224), ShortSideResize.of(100, 100, 224));
        assertEquals(new ShortSideResize(2, 5), ShortSideResize.of(2, 5, 2)); // unchanged
        assertEquals(new ShortSideResize(512, 256), ShortSideResize.of(100, 50, 256));
    }

    @Test
    void centreCropRoundsHalfMarginsToEven() {
        assertEquals(16, CentreCrop.offset(256, 224));
        assertEquals(58, CentreCrop.offset(341, 224)); // 58.5 -> 58
        assertEquals(0, CentreCrop.offset(225, 224)); // 0.5 -> 0
        assertEquals(2, CentreCrop.offset(227, 224)); // 1.5 -> 2
        assertEquals(2, CentreCrop.offset(229, 224)); // 2.5 -> 2
        assertEquals(4, CentreCrop.offset(231, 224)); // 3.5 -> 4
        assertEquals(new CentreCrop(64, 0), CentreCrop.of(353, 224, 224, 224)); // 64.5 -> 64
    }

    @Test
    void cropWithoutResizeCutsTheCentre() {
        // 5 wide, 3 high, crop 2: top round(0.5) = 0, left round(1.5) = 2.
        RawImage img = gray(5, 3, 0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24);
        assertArrayEquals(new float[] {2, 3, 12, 13}, identity(2, null, 1, null).apply(img));
    }

    @Test
    void normalisationIsTorchsFloat32Arithmetic() {
        var p = new StimulusSetManifest.Preprocessing(1, 1, 3, 1 / 255.0, new double[] {0.485, 0.456, 0.406},
                new double[] {0.229, 0.224, 0.225}, null, new Crop(1, 1), null);
        ImagePreprocessor pre = new ImagePreprocessor(p);
        float[] mean = {0.485f, 0.456f, 0.406f};
        float[] std = {0.229f, 0.224f, 0.225f};
        for (int v = 0; v < 256; v++) {
            float[] x = pre.apply(new RawImage(1, 1, 3, Fixtures.bytes(v, v, v)));
            for (int c = 0; c < 3; c++) {
                // ToTensor: v / 255 in float32; Normalize: sub_(mean).div_(std) with float32 mean and std.
                assertEquals((v / 255f - mean[c]) / std[c], x[c], 0f, "v=" + v + " c=" + c);
            }
        }
    }

    @Test
    void convertRgbReplicatesGrayAndDropsAlpha() {
        ImagePreprocessor pre = identity(1, null, 3, Convert.RGB);
        assertArrayEquals(new float[] {9, 9, 9}, pre.apply(gray(1, 1, 9)));
        assertArrayEquals(new float[] {9, 9, 9}, pre.apply(new RawImage(1, 1, 2, Fixtures.bytes(9, 0))));
        assertArrayEquals(new float[] {1, 2, 3}, pre.apply(new RawImage(1, 1, 4, Fixtures.bytes(1, 2, 3, 0))));
    }

    @Test
    void convertLIsPillowsFixedPointLuma() {
        ImagePreprocessor pre = identity(1, null, 1, Convert.L);
        // (R * 19595 + G * 38470 + B * 7471 + 32768) >> 16: (10, 20, 30) -> 1211685 >> 16 = 18 (float luma 18.15)
        assertArrayEquals(new float[] {18}, pre.apply(new RawImage(1, 1, 3, Fixtures.bytes(10, 20, 30))));
        // (0, 1, 1): 78709 >> 16 = 1; without the rounding term it would be 0.
        assertArrayEquals(new float[] {1}, pre.apply(new RawImage(1, 1, 4, Fixtures.bytes(0, 1, 1, 255))));
        assertArrayEquals(new float[] {200}, pre.apply(new RawImage(1, 1, 3, Fixtures.bytes(200, 200, 200))));
    }

    @Test
    void otherModesAreRejectedWithoutConvert() {
        ImageRejected e = assertThrows(ImageRejected.class, () -> identity(1, null, 3, null).apply(gray(1, 1, 9)));
        assertEquals("image is gray (L) but the set is RGB; add \"convert\": \"rgb\" to preprocessing to convert it"
                + " as PIL's Image.convert does", e.getMessage());
        assertThrows(ImageRejected.class,
                () -> identity(1, null, 3, null).apply(new RawImage(1, 1, 4, Fixtures.bytes(1, 2, 3, 4))));
        assertThrows(ImageRejected.class,
                () -> identity(1, null, 1, null).apply(new RawImage(1, 1, 3, Fixtures.bytes(1, 2, 3))));
    }

    @Test
    void imageSmallerThanCropWithoutResizeIsRejected() {
        ImageRejected e = assertThrows(ImageRejected.class, () -> identity(3, null, 1, null).apply(gray(4, 2,
                new int[8])));
        assertEquals("image is 2x4 (height x width), smaller than crop 3x3; add resize to scale it first",
                e.getMessage());
    }

    @Test
    void constantImagesStayConstantAndOutputStaysWithinTheInputRange() {
        Random rnd = new Random(14);
        for (int trial = 0; trial < 200; trial++) {
            int w = 1 + rnd.nextInt(60);
            int h = 1 + rnd.nextInt(60);
            int resize = 1 + rnd.nextInt(50);
            int crop = 1 + rnd.nextInt(resize);
            int v = rnd.nextInt(256);
            byte[] flat = new byte[w * h * 3];
            Arrays.fill(flat, (byte) v);
            float[] out = identity(crop, resize, 3, null).apply(new RawImage(w, h, 3, flat));
            for (float f : out) {
                assertEquals(v, f, 0f, w + "x" + h + " resize " + resize + " crop " + crop);
            }
            byte[] noise = new byte[w * h];
            rnd.nextBytes(noise);
            int lo = 255;
            int hi = 0;
            for (byte b : noise) {
                lo = Math.min(lo, b & 0xFF);
                hi = Math.max(hi, b & 0xFF);
            }
            for (float f : identity(crop, resize, 1, null).apply(new RawImage(w, h, 1, noise))) {
                assertTrue(f >= lo && f <= hi, f + " outside " + lo + ".." + hi); // triangle weights are >= 0
            }
        }
    }

    @Test
    void aCropIsTheCentreWindowOfTheFullResize() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int side = 2 + rnd.nextInt(70);
            int resize = 1 + rnd.nextInt(40);
            int crop = 1 + rnd.nextInt(resize);
            byte[] px = new byte[side * side * 3];
            rnd.nextBytes(px);
            RawImage img = new RawImage(side, side, 3, px);
            float[] full = identity(resize, resize, 3, null).apply(img); // square: the crop keeps everything
            float[] window = identity(crop, resize, 3, null).apply(img);
            int off = CentreCrop.offset(resize, crop);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < crop; y++) {
                    for (int x = 0; x < crop; x++) {
                        assertEquals(full[(c * resize + off + y) * resize + off + x], window[(c * crop + y) * crop + x],
                                0f, side + " -> " + resize + " crop " + crop);
                    }
                }
            }
        }
    }
}
