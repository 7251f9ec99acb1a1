package org.ipb.manifest;

/**
 * The torchvision ImageNet pipeline on PIL images, for manifests with {@code resize} or {@code
 * crop}: {@code convert} (PIL {@code Image.convert}), {@code Resize(resize)} (torchvision 0.14 on
 * a PIL image calls Pillow's {@code resize(..., BILINEAR)}, see {@link PillowBilinear}), {@code
 * CenterCrop} ({@link CentreCrop}), {@code ToTensor} and {@code Normalize} in float32.
 *
 * <p>Everything up to the crop is on 8-bit samples, so the result is one of 256 values per
 * channel: a table of them replaces per-pixel arithmetic, and is computed as torch does, {@code
 * (float32(v * scale) - float32(mean)) / float32(std)} in float32 (for scale 1/255, {@code float32(v
 * * scale)} equals {@code ToTensor}'s {@code v / 255f} for every v). Pixels are written straight
 * into the output planes; only the horizontally resampled band of rows is buffered.
 */
final class TorchvisionPipeline {
    // Pillow's Convert.c L24: ITU-R 601-2 luma in 16-bit fixed point (weights sum to 65536), rounded.
    private static final int L24_R = 19595;
    private static final int L24_G = 38470;
    private static final int L24_B = 7471;

    private final int height;
    private final int width;
    private final int channels;
    private final Integer resize;
    private final StimulusSetManifest.Convert convert;
    /** {@code values[c][v]}: the output for 8-bit sample v of channel c. */
    private final float[][] values;

    TorchvisionPipeline(StimulusSetManifest.Preprocessing p) {
        this.height = p.height();
        this.width = p.width();
        this.channels = p.channels();
        this.resize = p.resize();
        this.convert = p.convert();
        double[] mean = p.mean();
        double[] std = p.std();
        values = new float[channels][256];
        for (int c = 0; c < channels; c++) {
            float m = (float) mean[c];
            float s = (float) std[c];
            for (int v = 0; v < 256; v++) {
                values[c][v] = ((float) (v * p.scale()) - m) / s;
            }
        }
    }

    /** Writes {@code channels * height * width} floats (CHW) at {@code out[offset...]}. */
    void apply(RawImage image, float[] out, int offset) {
        byte[] px = samples(image);
        int inH = image.height();
        int inW = image.width();
        ShortSideResize size = resize == null ? new ShortSideResize(inH, inW) : ShortSideResize.of(inH, inW, resize);
        if (size.height() < height || size.width() < width) {
            throw new ImageRejected("image is " + inH + "x" + inW + " (height x width), smaller than crop "
                    + height + "x" + width + "; add resize to scale it first");
        }
        CentreCrop crop = CentreCrop.of(size.height(), size.width(), height, width);
        boolean vertical = size.height() != inH;
        PillowBilinear.Taps rows = vertical ? PillowBilinear.taps(inH, size.height()) : null;
        byte[] src;
        int stride;
        int col0;
        int rowBase;
        if (size.width() != inW) {
            // Resample only the columns kept by the crop, on the rows the vertical pass will read.
            int rowFrom = vertical ? rows.first[crop.top()] : crop.top();
            int rowTo = vertical ? rows.end(crop.top() + height) : crop.top() + height;
            src = new byte[(rowTo - rowFrom) * width * channels];
            PillowBilinear.horizontal(px, inW, channels, rowFrom, rowTo, PillowBilinear.taps(inW, size.width()),
                    crop.left(), width, src);
            stride = width * channels;
            col0 = 0;
            rowBase = rowFrom;
        } else {
            src = px;
            stride = inW * channels;
            col0 = crop.left();
            rowBase = 0;
        }
        int plane = height * width;
        int rowBytes = width * channels;
        int[] sums = vertical ? new int[rowBytes] : null;
        int start = col0 * channels;
        for (int y = 0; y < height; y++) {
            int ry = crop.top() + y;
            if (vertical) {
                PillowBilinear.verticalSums(src, start, stride, rowBase, rows, ry, sums);
            }
            int rowStart = (ry - rowBase) * stride + start;
            for (int c = 0; c < channels; c++) {
                float[] table = values[c];
                int o = offset + c * plane + y * width;
                if (vertical) {
                    for (int x = 0, i = c; x < width; x++, i += channels) {
                        out[o + x] = table[PillowBilinear.clip8(sums[i])];
                    }
                } else {
                    for (int x = 0, i = rowStart + c; x < width; x++, i += channels) {
                        out[o + x] = table[src[i] & 0xFF];
                    }
                }
            }
        }
    }

    /** The image as interleaved {@code channels}-byte pixels: its own array when the mode already fits. */
    private byte[] samples(RawImage image) {
        int have = image.channels();
        if (have == channels) {
            return image.pixels();
        }
        if (convert == null) {
            throw new ImageRejected("image is " + mode(have) + " but the set is " + mode(channels)
                    + "; add \"convert\": \"" + (channels == 3 ? "rgb" : "l")
                    + "\" to preprocessing to convert it as PIL's Image.convert does");
        }
        byte[] in = image.pixels();
        int n = image.width() * image.height();
        byte[] out = new byte[n * channels];
        for (int i = 0; i < n; i++) {
            int p = i * have;
            if (channels == 3) { // from L, LA or RGBA: gray replicated, alpha dropped (not composited)
                boolean gray = have < 3;
                out[3 * i] = in[p];
                out[3 * i + 1] = gray ? in[p] : in[p + 1];
                out[3 * i + 2] = gray ? in[p] : in[p + 2];
            } else if (have == 2) { // LA to L
                out[i] = in[p];
            } else { // RGB or RGBA to L
                out[i] = (byte) (((in[p] & 0xFF) * L24_R + (in[p + 1] & 0xFF) * L24_G + (in[p + 2] & 0xFF) * L24_B
                        + 0x8000) >> 16);
            }
        }
        return out;
    }

    private static String mode(int channels) {
        return switch (channels) {
            case 1 -> "gray (L)";
            case 2 -> "gray with alpha (LA)";
            case 3 -> "RGB";
            default -> "RGBA";
        };
    }
}
