package org.ipb.manifest;

/**
 * Turns a {@link RawImage} into network input as a manifest's {@code preprocessing} says. With
 * {@code resize} or {@code crop} it is torchvision's ImageNet pipeline on PIL images ({@link
 * TorchvisionPipeline}); images it cannot take throw {@link ImageRejected}. Otherwise, in this
 * order:
 *
 * <ol>
 *   <li>channels: drop alpha; gray to RGB by replication; RGB to gray by the ITU-R BT.601 luma
 *       {@code Y = 0.299 R + 0.587 G + 0.114 B}, kept in floating point (not rounded to a byte as
 *       PIL's {@code convert("L")} does);
 *   <li>size: if the image is not {@code height x width}, {@link BilinearResize bilinear} with
 *       half-pixel centres and no antialiasing (OpenCV {@code INTER_LINEAR});
 *   <li>values: {@code x * scale}, then {@code (x - mean[c]) / std[c]}.
 * </ol>
 *
 * Output is CHW (planar) floats, {@link #floatsPerImage()} per image.
 */
public final class ImagePreprocessor {
    // ITU-R BT.601 luma weights (Rec. 601, as used by PIL "L", OpenCV RGB2GRAY, JPEG/JFIF).
    private static final float LUMA_R = 0.299f;
    private static final float LUMA_G = 0.587f;
    private static final float LUMA_B = 0.114f;

    private final int height;
    private final int width;
    private final int channels;
    private final double scale;
    private final double[] mean;
    private final double[] std;
    /** Non-null when the manifest asks for the torchvision pipeline. */
    private final TorchvisionPipeline torchvision;

    public ImagePreprocessor(StimulusSetManifest.Preprocessing p) {
        this.height = p.height();
        this.width = p.width();
        this.channels = p.channels();
        this.scale = p.scale();
        this.mean = p.mean();
        this.std = p.std();
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3: " + p);
        }
        if (mean.length != channels || std.length != channels) {
            throw new IllegalArgumentException("mean/std need one value per channel: " + p);
        }
        this.torchvision = p.torchvisionStyle() ? new TorchvisionPipeline(p) : null;
    }

    public int floatsPerImage() {
        return channels * height * width;
    }

    public float[] apply(RawImage image) {
        float[] out = new float[floatsPerImage()];
        apply(image, out, 0);
        return out;
    }

    /**
     * Writes {@link #floatsPerImage()} floats at {@code out[offset...]}.
     *
     * @throws ImageRejected when the torchvision pipeline cannot take the image (mode, size)
     */
    public void apply(RawImage image, float[] out, int offset) {
        if (torchvision != null) {
            torchvision.apply(image, out, offset);
            return;
        }
        int plane = height * width;
        boolean sameSize = image.height() == height && image.width() == width;
        // Same size (the shipped sets): the planes are written straight into the output.
        float[] planes = sameSize ? out : new float[channels * image.height() * image.width()];
        toPlanes(image, planes, sameSize ? offset : 0);
        for (int c = 0; c < channels; c++) {
            int at = offset + c * plane;
            if (!sameSize) {
                BilinearResize.resizePlane(planes, c * image.height() * image.width(), image.height(), image.width(),
                        out, at, height, width);
            }
            for (int i = at; i < at + plane; i++) {
                out[i] = (float) ((out[i] * scale - mean[c]) / std[c]);
            }
        }
    }

    /** The image's pixels as {@code channels} float planes at the image's own size, at {@code planes[at...]}. */
    private void toPlanes(RawImage image, float[] planes, int at) {
        int n = image.width() * image.height();
        int stride = image.channels();
        boolean rgb = stride >= 3; // 2 is gray+alpha, 4 is RGBA; alpha is ignored
        byte[] px = image.pixels();
        for (int i = 0; i < n; i++) {
            int o = i * stride;
            if (!rgb) {
                float v = px[o] & 0xFF;
                for (int c = 0; c < channels; c++) {
                    planes[at + c * n + i] = v;
                }
            } else if (channels == 1) {
                planes[at + i] = LUMA_R * (px[o] & 0xFF) + LUMA_G * (px[o + 1] & 0xFF) + LUMA_B * (px[o + 2] & 0xFF);
            } else {
                planes[at + i] = px[o] & 0xFF;
                planes[at + n + i] = px[o + 1] & 0xFF;
                planes[at + 2 * n + i] = px[o + 2] & 0xFF;
            }
        }
    }
}
