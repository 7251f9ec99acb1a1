package org.ipb.harness.exemplars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.ipb.core.candidates.Exemplar;
import org.ipb.manifest.RawImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContactSheetTest {
    @TempDir
    Path dir;

    /** Image {@code row}: a gradient whose values depend on the row, so images differ. */
    static RawImage image(int row, int w, int h, int channels) {
        byte[] p = new byte[w * h * channels];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (row * 37 + i * 13);
        }
        return new RawImage(w, h, channels, p);
    }

    static List<Exemplar> exemplars(int from, int count) {
        List<Exemplar> l = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            l.add(new Exemplar("s:" + (from + i), from + i, 10 - i));
        }
        return l;
    }

    @Test
    void fashionMnistSizedSheetHasTheDocumentedSizeAndShowsTheTopImage() throws Exception {
        BufferedImage sheet = ContactSheet.render("m:l:pca:7", exemplars(100, 20), exemplars(200, 20),
                row -> image(row, 28, 28, 1));
        // 28 px images are enlarged 2x to 56 px cells: 8 + 4*56+3*2 + 16 + 4*56+3*2 + 8 wide,
        // 8 + 20 (title) + 16 (labels) + 4*56+3*2 + 8 high.
        assertEquals(492, sheet.getWidth());
        assertEquals(282, sheet.getHeight());
        Path png = dir.resolve("sheets/pca-0007.png");
        ContactSheet.write(png, sheet);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(492, back.getWidth());
        assertEquals(282, back.getHeight());
        RawImage topImage = image(100, 28, 28, 1);
        RawImage bottomImage = image(200, 28, 28, 1);
        RawImage sixteenth = image(115, 28, 28, 1);
        // max grid cell 0 starts at (8, 44); pixel (5, 9) of the top image covers 2x2 sheet pixels
        for (int[] at : new int[][] {{5, 9}, {0, 0}, {27, 27}}) {
            int v = topImage.sample(at[0], at[1], 0);
            for (int dy = 0; dy < 2; dy++) {
                for (int dx = 0; dx < 2; dx++) {
                    assertEquals(v * 0x010101, back.getRGB(8 + 2 * at[0] + dx, 44 + 2 * at[1] + dy) & 0xFFFFFF);
                }
            }
        }
        // min grid cell 0 starts at 8 + 230 + 16 = 254; max grid cell 15 at (8 + 3*58, 44 + 3*58)
        assertEquals(bottomImage.sample(3, 4, 0) * 0x010101, back.getRGB(254 + 6, 44 + 8) & 0xFFFFFF);
        assertEquals(sixteenth.sample(1, 1, 0) * 0x010101, back.getRGB(8 + 174 + 2, 44 + 174 + 2) & 0xFFFFFF);
        // the title is drawn: some dark pixel in the title band
        boolean dark = false;
        for (int y = 8; y < 28 && !dark; y++) {
            for (int x = 8; x < 200 && !dark; x++) {
                dark = (back.getRGB(x, y) & 0xFF) < 128;
            }
        }
        assertEquals(true, dark, "title text");
    }

    @Test
    void fewerThanSixteenExemplarsLeaveEmptyCells() {
        BufferedImage sheet = ContactSheet.render("t", exemplars(0, 3), exemplars(10, 3), row -> image(row, 28, 28, 1));
        ContactSheet.Layout l = ContactSheet.Layout.forImages(28);
        assertEquals(0xDDDDDD, sheet.getRGB(l.cellX(0, 5) + 3, l.cellY(5) + 3) & 0xFFFFFF);
        assertNotEquals(0xDDDDDD, sheet.getRGB(l.cellX(0, 2) + 3, l.cellY(2) + 3) & 0xFFFFFF);
    }

    @Test
    void colourSmallAndLargeImagesGetTheirCells() {
        ContactSheet.Layout small = ContactSheet.Layout.forImages(10);
        assertEquals(60, small.cell());
        assertEquals(6, small.factor());
        BufferedImage rgb = ContactSheet.render("t", exemplars(0, 16), exemplars(20, 16), row -> image(row, 10, 10, 3));
        RawImage first = image(0, 10, 10, 3);
        int expected = (first.sample(2, 3, 0) << 16) | (first.sample(2, 3, 1) << 8) | first.sample(2, 3, 2);
        assertEquals(expected, rgb.getRGB(small.cellX(0, 0) + 2 * 6, small.cellY(0) + 3 * 6) & 0xFFFFFF);

        ContactSheet.Layout large = ContactSheet.Layout.forImages(300);
        assertEquals(128, large.cell());
        BufferedImage big = ContactSheet.render("t", exemplars(0, 2), exemplars(5, 2), row -> image(row, 300, 200, 3));
        assertEquals(large.width(), big.getWidth());
        assertEquals(large.height(), big.getHeight());

        RawImage ga = new RawImage(1, 1, 2, new byte[] {0, (byte) 0}); // transparent black on white
        assertEquals(0xFFFFFF, ContactSheet.rgb(ga, 0, 0));
    }
}
