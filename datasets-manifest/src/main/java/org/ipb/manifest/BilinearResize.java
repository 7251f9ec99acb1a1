package org.ipb.manifest;

/**
 * Bilinear resize of one float plane with the half-pixel-centre convention: output pixel
 * {@code (x, y)} samples the input at {@code ((x + 0.5) * inW / outW - 0.5, (y + 0.5) * inH / outH - 0.5)},
 * clamped to {@code [0, size - 1]}, and interpolates the two nearest input pixels on each axis.
 *
 * <p>This is OpenCV's {@code INTER_LINEAR}, torchvision/PyTorch bilinear with
 * {@code align_corners=False, antialias=False}, and PIL's {@code BILINEAR} when upsampling. When
 * downsampling there is no antialiasing (PIL widens its filter instead), so each output pixel
 * mixes at most 2x2 input pixels.
 */
final class BilinearResize {
    private BilinearResize() {}

    static void resizePlane(float[] in, int inOffset, int inH, int inW, float[] out, int outOffset, int outH, int outW) {
        Axis xs = new Axis(inW, outW);
        Axis ys = new Axis(inH, outH);
        for (int y = 0; y < outH; y++) {
            int row0 = inOffset + ys.lo[y] * inW;
            int row1 = inOffset + ys.hi[y] * inW;
            float fy = ys.frac[y];
            for (int x = 0; x < outW; x++) {
                float fx = xs.frac[x];
                float top = in[row0 + xs.lo[x]] * (1 - fx) + in[row0 + xs.hi[x]] * fx;
                float bottom = in[row1 + xs.lo[x]] * (1 - fx) + in[row1 + xs.hi[x]] * fx;
                out[outOffset + y * outW + x] = top * (1 - fy) + bottom * fy;
            }
        }
    }

    /** For each output index: the two input indices to mix and the weight of the second. */
    private static final class Axis {
        final int[] lo;
        final int[] hi;
        final float[] frac;

        Axis(int inSize, int outSize) {
            lo = new int[outSize];
            hi = new int[outSize];
            frac = new float[outSize];
            double step = (double) inSize / outSize;
            for (int i = 0; i < outSize; i++) {
                double src = Math.min(Math.max((i + 0.5) * step - 0.5, 0), inSize - 1);
                lo[i] = (int) Math.floor(src);
                hi[i] = Math.min(lo[i] + 1, inSize - 1);
                frac[i] = (float) (src - lo[i]);
            }
        }
    }
}
