package org.ipb.scorers.observers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ipb.manifest.RawImage;
import org.junit.jupiter.api.Test;

class PixelObserverTest {
    private static final float EPS = 1e-4f;

    private static RawImage grey(int w, int h, int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return new RawImage(w, h, 1, b);
    }

    @Test
    void integerFactorAveragesBlocks() {
        // 4x4 with values 0..15 row by row, to 2x2: block means
        // (0+1+4+5)/4 = 2.5, (2+3+6+7)/4 = 4.5, (8+9+12+13)/4 = 10.5, (10+11+14+15)/4 = 12.5
        // mean 7.5 -> (-5, -3, 3, 5)
        RawImage img = grey(4, 4, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        assertArrayEquals(new float[] {-5, -3, 3, 5}, new PixelObserver(2, true).embed(img), EPS);
    }

    @Test
    void fractionalFactorWeightsByArea() {
        // 3x3 to 2x2: each output cell covers 1.5 source pixels per axis;
        // axis weights: out 0 = (2/3, 1/3, 0), out 1 = (0, 1/3, 2/3).
        // image [[0,0,9],[0,0,9],[9,9,9]]:
        //   (x0,y0) = 0
        //   (x1,y0) = 2/3*(1/3*0 + 2/3*9) + 1/3*(1/3*0 + 2/3*9) = 6; (x0,y1) = 6 by symmetry
        //   (x1,y1) = 1/3*(1/3*0 + 2/3*9) + 2/3*(1/3*9 + 2/3*9) = 2 + 6 = 8
        // mean (0+6+6+8)/4 = 5 (= the source mean 45/9) -> (-5, 1, 1, 3)
        RawImage img = grey(3, 3, 0, 0, 9, 0, 0, 9, 9, 9, 9);
        assertArrayEquals(new float[] {-5, 1, 1, 3}, new PixelObserver(2, true).embed(img), EPS);
    }

    @Test
    void greyUsesBt601LumaAndColourKeepsChannels() {
        // 2x1 RGB: red (255,0,0), blue (0,0,255); side 2 stretches the single row to two rows.
        RawImage img = new RawImage(2, 1, 3, new byte[] {(byte) 255, 0, 0, 0, 0, (byte) 255});
        // luma: red 0.299*255 = 76.245, blue 0.114*255 = 29.07; mean 52.6575 -> +-23.5875
        assertArrayEquals(new float[] {23.5875f, -23.5875f, 23.5875f, -23.5875f},
                new PixelObserver(2, true).embed(img), EPS);
        // colour: planes R = (255,0,255,0), G = 0, B = (0,255,0,255); mean 1020/12 = 85
        assertArrayEquals(new float[] {170, -85, 170, -85, -85, -85, -85, -85, -85, 170, -85, 170},
                new PixelObserver(2, false).embed(img), EPS);
        assertEquals(12, new PixelObserver(2, false).dimension(3));
        // alpha is ignored: RGBA with alpha 0 gives the same as RGB
        RawImage rgba = new RawImage(2, 1, 4, new byte[] {(byte) 255, 0, 0, 0, 0, 0, (byte) 255, 0});
        assertArrayEquals(new PixelObserver(2, true).embed(img), new PixelObserver(2, true).embed(rgba), EPS);
    }

    @Test
    void uniformImageBecomesZeroAndDefaultsAreDocumented() {
        PixelObserver o = new PixelObserver();
        assertEquals(16, o.side());
        float[] e = o.embed(grey(28, 28, new int[28 * 28]));
        assertEquals(256, e.length);
        for (float v : e) {
            assertEquals(0f, v);
        }
        assertThrows(IllegalArgumentException.class, () -> new PixelObserver(0, true));
    }

    @Test
    void areaWeightsSumToOne() {
        for (int n : new int[] {1, 3, 28, 100}) {
            for (int s : new int[] {1, 2, 16, 33}) {
                double[][] w = PixelObserver.areaWeights(n, s);
                for (double[] row : w) {
                    double sum = 0;
                    for (double v : row) {
                        sum += v;
                    }
                    assertEquals(1.0, sum, 1e-12, n + "->" + s);
                }
            }
        }
    }
}
