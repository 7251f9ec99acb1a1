package org.ipb.manifest;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.ipb.core.UserError;

/** Decodes an image file with javax.imageio into a {@link RawImage}, keeping the stored sample values. */
final class ImageFileDecoder {
    private ImageFileDecoder() {}

    static RawImage decode(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file, "cannot decode image: file not found");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            // Decoders throw IIOException for damaged data, and occasionally runtime exceptions.
            throw new UserError(file, "cannot decode image: " + describe(e), e);
        }
        if (image == null) {
            throw new UserError(file, "cannot decode image: no javax.imageio reader recognises it"
                    + " (supported: png, jpg, bmp, gif)");
        }
        return toRaw(image);
    }

    /**
     * Reads raster samples directly for gray and sRGB images: going through Graphics2D or
     * getRGB() would apply Java2D's colour conversion and change gray values.
     */
    static RawImage toRaw(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        int type = cm.getColorSpace().getType();
        boolean direct = !(cm instanceof IndexColorModel)
                && (type == ColorSpace.TYPE_GRAY || cm.getColorSpace().isCS_sRGB())
                && image.getRaster().getNumBands() == cm.getNumComponents();
        return direct ? fromRaster(image.getRaster()) : fromArgb(image, cm.hasAlpha());
    }

    private static RawImage fromRaster(Raster raster) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        byte[] pixels = new byte[w * h * bands];
        if (copyBytes(raster, pixels)) {
            return new RawImage(w, h, bands, pixels);
        }
        int[] row = new int[w * bands];
        for (int b = 0; b < bands; b++) {
            int bits = raster.getSampleModel().getSampleSize(b);
            int max = (1 << bits) - 1;
            for (int y = 0; y < h; y++) {
                raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, b, row);
                for (int x = 0; x < w; x++) {
                    int v = bits == 8 ? row[x] : (int) Math.round(row[x] * 255.0 / max); // 1/2/4/16-bit to 8-bit
                    pixels[(y * w + x) * bands + b] = (byte) v;
                }
            }
        }
        return new RawImage(w, h, bands, pixels);
    }

    /**
     * The common case (8-bit JPEG and PNG decode to interleaved bytes, e.g. BGR): copies the bytes
     * in our channel order, several times faster than a getSamples call per band and row.
     */
    private static boolean copyBytes(Raster raster, byte[] pixels) {
        if (!(raster.getDataBuffer() instanceof DataBufferByte buffer)
                || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel model)
                || buffer.getNumBanks() != 1 || raster.getMinX() != 0 || raster.getMinY() != 0
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0) {
            return false;
        }
        int bands = raster.getNumBands();
        for (int b = 0; b < bands; b++) {
            if (model.getSampleSize(b) != 8) {
                return false;
            }
        }
        byte[] data = buffer.getData();
        int[] offsets = model.getBandOffsets();
        int pixelStride = model.getPixelStride();
        int scanline = model.getScanlineStride();
        int w = raster.getWidth();
        int o = 0;
        for (int y = 0; y < raster.getHeight(); y++) {
            int row = buffer.getOffset() + y * scanline;
            for (int x = 0, p = row; x < w; x++, p += pixelStride) {
                for (int b = 0; b < bands; b++) {
                    pixels[o++] = data[p + offsets[b]];
                }
            }
        }
        return true;
    }

    /** Palette and other colour spaces: let Java2D convert to sRGB (RGB, or RGBA if alpha). */
    private static RawImage fromArgb(BufferedImage image, boolean alpha) {
        int w = image.getWidth();
        int h = image.getHeight();
        int channels = alpha ? 4 : 3;
        byte[] pixels = new byte[w * h * channels];
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            int o = i * channels;
            pixels[o] = (byte) (p >>> 16);
            pixels[o + 1] = (byte) (p >>> 8);
            pixels[o + 2] = (byte) p;
            if (alpha) {
                pixels[o + 3] = (byte) (p >>> 24);
            }
        }
        return new RawImage(w, h, channels, pixels);
    }

    private static String describe(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !text.contains(cause.getMessage())) {
            text += ": " + cause.getMessage();
        }
        return text;
    }
}
