package org.ipb.manifest;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Encodes a {@link RawImage} as PNG without resampling: gray images stay 8-bit gray, colour images
 * become 8-bit RGB, and alpha is composited on white (what a participant sees on a white screen).
 * ImageIO's PNG writer writes no timestamp, so equal pixels give equal bytes.
 */
public final class PngEncoder {
    private PngEncoder() {}

    public static byte[] encode(RawImage r) {
        BufferedImage img;
        if (r.channels() == 1) {
            img = new BufferedImage(r.width(), r.height(), BufferedImage.TYPE_BYTE_GRAY);
            img.getRaster().setDataElements(0, 0, r.width(), r.height(), r.pixels());
        } else {
            img = new BufferedImage(r.width(), r.height(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < r.height(); y++) {
                for (int x = 0; x < r.width(); x++) {
                    img.setRGB(x, y, opaqueRgb(r, x, y));
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding into memory failed", e);
        }
        return out.toByteArray();
    }

    /** Opaque ARGB of a pixel (alpha 255), its alpha composited on white. */
    public static int opaqueRgb(RawImage r, int x, int y) {
        int red;
        int green;
        int blue;
        int alpha = 255;
        if (r.channels() <= 2) {
            red = green = blue = r.sample(x, y, 0);
            if (r.channels() == 2) {
                alpha = r.sample(x, y, 1);
            }
        } else {
            red = r.sample(x, y, 0);
            green = r.sample(x, y, 1);
            blue = r.sample(x, y, 2);
            if (r.channels() == 4) {
                alpha = r.sample(x, y, 3);
            }
        }
        if (alpha != 255) {
            red = (red * alpha + 255 * (255 - alpha) + 127) / 255;
            green = (green * alpha + 255 * (255 - alpha) + 127) / 255;
            blue = (blue * alpha + 255 * (255 - alpha) + 127) / 255;
        }
        return 0xFF000000 | (red << 16) | (green << 8) | blue;
    }
}
