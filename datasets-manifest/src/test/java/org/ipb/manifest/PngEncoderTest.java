package org.ipb.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {
    @Test
    void grayRoundTripsExactly() throws Exception {
        byte[] px = new byte[3 * 2];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 50);
        }
        RawImage r = new RawImage(3, 2, 1, px);
        byte[] png = PngEncoder.encode(r);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(3, back.getWidth());
        assertEquals(2, back.getHeight());
        byte[] got = new byte[6];
        back.getRaster().getDataElements(0, 0, 3, 2, got);
        assertArrayEquals(px, got);
        assertArrayEquals(png, PngEncoder.encode(r), "same pixels, same bytes");
    }

    @Test
    void alphaIsCompositedOnWhite() throws Exception {
        // one RGBA pixel: black at alpha 0 -> white; red at alpha 255 -> red; gray 0 at alpha 128 -> 127
        RawImage r = new RawImage(2, 1, 4, new byte[] {0, 0, 0, 0, (byte) 255, 0, 0, (byte) 255});
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(r)));
        assertEquals(0xFFFFFF, back.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xFF0000, back.getRGB(1, 0) & 0xFFFFFF);
        RawImage ga = new RawImage(1, 1, 2, new byte[] {0, (byte) 128});
        assertEquals(0x7F7F7F, PngEncoder.opaqueRgb(ga, 0, 0) & 0xFFFFFF);
    }
}
