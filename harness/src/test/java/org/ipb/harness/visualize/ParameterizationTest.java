package org.ipb.harness.visualize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Known answers and adjoints of the FFT parameterisation and the transformation maps. */
class ParameterizationTest {

    @Test
    void singleFrequencyIsTheExpectedCosine() {
        int h = 28;
        int w = 28;
        FftParameterization p = new FftParameterization(1, h, w, 1);
        int wf = w / 2 + 1;
        int[][] cases = {{0, 0}, {3, 2}, {25, 5}, {0, 14}, {7, 14}};
        for (int[] kl : cases) {
            int k = kl[0];
            int l = kl[1];
            for (int part = 0; part < 2; part++) {
                double[] re = new double[h * wf];
                double[] im = new double[h * wf];
                (part == 0 ? re : im)[k * wf + l] = 1;
                double[] x = new double[h * w];
                p.irfft2(re, im, x, 0);
                double c = (l == 0 || l == w / 2) ? 1 : 2;
                for (int n = 0; n < h; n++) {
                    for (int m = 0; m < w; m++) {
                        double t = 2 * Math.PI * ((double) k * n / h + (double) l * m / w);
                        // Imaginary parts of the l = 0 and l = W/2 columns count through their
                        // Hermitian pairs only: Re(i e^{it}) = -sin t, as numpy's irfft2.
                        double want = c / (h * w) * (part == 0 ? Math.cos(t) : -Math.sin(t));
                        assertEquals(want, x[n * w + m], 1e-12, "k=" + k + " l=" + l + " part " + part);
                    }
                }
            }
        }
    }

    @Test
    void spectrumScaleIsOneOverFrequency() {
        FftParameterization p = new FftParameterization(1, 28, 28, 1);
        // sqrt(28*28) / max(f, 1/28): DC and the lowest frequency both get 28 * 28.
        assertEquals(784, p.spectrumScale(0, 0), 1e-9);
        assertEquals(784, p.spectrumScale(1, 0), 1e-9);
        assertEquals(784, p.spectrumScale(27, 0), 1e-9); // fy = -1/28
        assertEquals(28 / 0.5, p.spectrumScale(0, 14), 1e-9);
        assertEquals(28 / Math.sqrt(0.5), p.spectrumScale(14, 14), 1e-9);
        assertEquals(28 / Math.hypot(3 / 28.0, 4 / 28.0), p.spectrumScale(3, 4), 1e-9);
        FftParameterization flat = new FftParameterization(1, 28, 28, 0);
        assertEquals(28, flat.spectrumScale(5, 9), 1e-9);
        double[] f = FftParameterization.frequencies(4, 5);
        // numpy: fftfreq(4) = [0, .25, -.5, -.25]; rfft columns of 5: [0, .2, .4]
        assertArrayEquals(new double[] {0, .2, .4, .25, Math.hypot(.25, .2), Math.hypot(.25, .4), .5,
            Math.hypot(.5, .2), Math.hypot(.5, .4), .25, Math.hypot(.25, .2), Math.hypot(.25, .4)}, f, 1e-12);
    }

    @Test
    void scaledDcGivesAUniformImage() {
        FftParameterization p = new FftParameterization(1, 28, 28, 1);
        float[] s = new float[p.spectrumSize()];
        s[0] = 1f; // re[0,0]
        double[] x = p.linear(s);
        // irfft2 of 784 at DC is 784/784 = 1, then / 4.
        for (double v : x) {
            assertEquals(0.25, v, 1e-12);
        }
        float[] px = p.pixels(s);
        assertEquals(1 / (1 + Math.exp(-0.25)), px[17], 1e-6);
    }

    @Test
    void adjointsAreTransposes() {
        Random r = new Random(1);
        for (int ch : new int[] {1, 3}) {
            for (int[] size : new int[][] {{28, 28}, {7, 9}}) {
                FftParameterization p = new FftParameterization(ch, size[0], size[1], 1);
                float[] s = new float[p.spectrumSize()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = (float) r.nextGaussian();
                }
                double[] g = new double[p.imageSize()];
                for (int i = 0; i < g.length; i++) {
                    g[i] = r.nextGaussian();
                }
                double lhs = dot(p.linear(s), g);
                float[] gs = p.linearAdjoint(g);
                double rhs = 0;
                for (int i = 0; i < s.length; i++) {
                    rhs += (double) s[i] * gs[i];
                }
                assertEquals(lhs, rhs, 1e-4 * Math.abs(lhs) + 1e-6, ch + " channels " + size[0] + "x" + size[1]);
            }
        }
        SamplingMap map = TransformSettings.lucid().draw(new Random(3), 28, 28);
        float[] img = new float[2 * 784];
        float[] g = new float[2 * 784];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) r.nextGaussian();
            g[i] = (float) r.nextGaussian();
        }
        // The map is affine (constant fill); its linear part is what the adjoint transposes.
        float[] zero = map.apply(new float[img.length], 2);
        float[] y = map.apply(img, 2);
        double lhs = 0;
        for (int i = 0; i < y.length; i++) {
            lhs += (double) (y[i] - zero[i]) * g[i];
        }
        float[] gi = map.adjoint(g, 2);
        double rhs = 0;
        for (int i = 0; i < img.length; i++) {
            rhs += (double) img[i] * gi[i];
        }
        assertEquals(lhs, rhs, 1e-3);
    }

    @Test
    void pixelGradientMatchesFiniteDifferences() {
        FftParameterization p = new FftParameterization(3, 8, 8, 1);
        Random r = new Random(2);
        float[] s = p.initialSpectrum(r);
        for (int i = 0; i < s.length; i++) {
            s[i] *= 30; // away from the flat start, where the sigmoid is nearly linear
        }
        float[] g = new float[p.imageSize()];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) r.nextGaussian();
        }
        float[] grad = p.pixelsBackward(p.pixels(s), g);
        for (int j : new int[] {0, 5, 40, 77, 100, 190}) {
            float[] a = s.clone();
            float[] b = s.clone();
            a[j] += 1e-3f;
            b[j] -= 1e-3f;
            double fd = (dot(p.pixels(a), g) - dot(p.pixels(b), g)) / (a[j] - b[j]);
            assertEquals(fd, grad[j], 1e-3 * Math.max(1, Math.abs(fd)), "spectrum entry " + j);
        }
    }

    @Test
    void transformsAreSeededAndTheIdentityWithoutTransformation() {
        Random r = new Random(4);
        float[] img = new float[28 * 28];
        for (int i = 0; i < img.length; i++) {
            img[i] = r.nextFloat();
        }
        assertArrayEquals(img, TransformSettings.none().draw(new Random(9), 28, 28).apply(img, 1), 1e-6f);
        assertArrayEquals(img, SamplingMap.identity(28, 28).apply(img, 1), 0f);
        float[] a = TransformSettings.lucid().draw(new Random(9), 28, 28).apply(img, 1);
        float[] b = TransformSettings.lucid().draw(new Random(9), 28, 28).apply(img, 1);
        assertArrayEquals(a, b, 0f);
        // A shift by one pixel moves the image and fills from the pad value.
        float[] shifted = SamplingMap.affine(28, 28, new double[] {1, 0, -1, 0, 1, 0}, 0.5f).apply(img, 1);
        for (int y = 0; y < 28; y++) {
            assertEquals(0.5f, shifted[y * 28], 0f);
            for (int x = 1; x < 28; x++) {
                assertEquals(img[y * 28 + x - 1], shifted[y * 28 + x], 1e-6f);
            }
        }
        // A uniform image stays uniform where the lucid transforms only see image and pad of the same value.
        float[] grey = new float[784];
        java.util.Arrays.fill(grey, 0.5f);
        for (float v : TransformSettings.lucid().draw(new Random(5), 28, 28).apply(grey, 1)) {
            assertEquals(0.5f, v, 1e-6f);
        }
        // Lucid's amounts scaled to 28 pixels: the content still fills most of the frame.
        float[] ones = new float[784];
        java.util.Arrays.fill(ones, 1f);
        float[] t = TransformSettings.lucid().draw(new Random(6), 28, 28).apply(ones, 1);
        int inside = 0;
        for (float v : t) {
            inside += v > 0.99f ? 1 : 0;
        }
        assertTrue(inside > 0.6 * 784, "only " + inside + " pixels show the image");
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
