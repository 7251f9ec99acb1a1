package org.ipb.manifest;

import java.util.Arrays;

/**
 * A decoded image before preprocessing: unsigned bytes, rows top to bottom, pixels left to right,
 * channels interleaved (HWC). Channels: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA.
 *
 * <p>{@link #pixels()} returns the array itself, not a copy; treat it as read-only.
 */
public record RawImage(int width, int height, int channels, byte[] pixels) {
    public RawImage {
        if (width < 1 || height < 1 || channels < 1 || channels > 4) {
            throw new IllegalArgumentException(
                    "bad image shape: " + width + "x" + height + "x" + channels + " (channels 1..4)");
        }
        if ((long) width * height * channels != pixels.length) {
            throw new IllegalArgumentException("expected " + (long) width * height * channels
                    + " pixel bytes for " + width + "x" + height + "x" + channels + ", got " + pixels.length);
        }
    }

    /**
     * Decodes an image file as the stimulus sets do (stored 8-bit samples kept, gray stays one
     * channel); errors are one-line {@link org.ipb.core.UserError}s naming the file.
     */
    public static RawImage read(java.nio.file.Path file) {
        return ImageFileDecoder.decode(file);
    }

    /** Sample at row {@code y}, column {@code x}, channel {@code c}, as 0..255. */
    public int sample(int x, int y, int c) {
        return pixels[(y * width + x) * channels + c] & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawImage r && width == r.width && height == r.height && channels == r.channels
                && Arrays.equals(pixels, r.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * width + height) + channels) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "RawImage[" + width + "x" + height + "x" + channels + "]";
    }
}
