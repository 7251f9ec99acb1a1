package org.ipb.manifest;

import static org.ipb.manifest.Fixtures.grayPng;
import static org.ipb.manifest.Fixtures.rgbPng;
import static org.ipb.manifest.Fixtures.stimulusSetManifest;
import static org.ipb.manifest.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderStimulusSetTest {
    @TempDir
    Path dir;

    /** (x/255 - 0.5) / 0.25 */
    private static final String PREPROCESSING =
            "\"height\": 2, \"width\": 2, \"channels\": 1, \"scale\": 0.00392156862745098, \"mean\": [0.5], \"std\": [0.25]";

    private static float norm(double v) {
        return (float) ((v / 255.0 - 0.5) / 0.25);
    }

    /**
     * pets/cat/a.png: gray 2x2; pets/cat/b.png: RGBA 2x2; pets/dog/x.png: RGB 4x4 whose top-left
     * 2x2 block is red, green, blue, white; plus a text file that is not an image and a hidden
     * folder that is not a class.
     */
    private Path pets() {
        grayPng(dir.resolve("pets/cat/a.png"), new int[][] {{10, 20}, {30, 40}});
        var rgba = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0x00FF0000); // transparent red: alpha must not matter
        rgba.setRGB(1, 0, 0xFF00FF00);
        rgba.setRGB(0, 1, 0x800000FF);
        rgba.setRGB(1, 1, 0xFFFFFFFF);
        Fixtures.png(dir.resolve("pets/cat/b.png"), rgba);
        int r = 0xFF0000, g = 0x00FF00, b = 0x0000FF, w = 0xFFFFFF, t = 0x0A141E, gray = 0x646464;
        rgbPng(dir.resolve("pets/dog/x.png"), new int[][] {
            {r, g, t, t},
            {b, w, t, t},
            {gray, gray, 0, 0},
            {gray, gray, 0, 0}});
        write(dir.resolve("pets/dog/notes.txt"), "not an image");
        grayPng(dir.resolve("pets/.thumbnails/t.png"), new int[][] {{0}}); // hidden: not a class
        return stimulusSetManifest(dir.resolve("pets.json"), "pets", "{\"type\": \"image-folder\", \"root\": \"pets\"}",
                null, PREPROCESSING);
    }

    @Test
    void classesAreSortedSubfoldersAndIdsAreRelativePaths() {
        try (StimulusSet s = StimulusSets.open(pets())) {
            assertEquals(3, s.size());
            assertEquals(List.of("cat", "dog"), s.classNames());
            assertEquals(List.of("pets:cat/a.png", "pets:cat/b.png", "pets:dog/x.png"), List.of(s.id(0), s.id(1), s.id(2)));
            assertEquals(List.of(0, 0, 1), List.of(s.label(0), s.label(1), s.label(2)));
        }
    }

    @Test
    void rawKeepsDecodedChannels() {
        try (StimulusSet s = StimulusSets.open(pets())) {
            RawImage a = s.raw(0);
            assertEquals(1, a.channels());
            assertEquals(40, a.sample(1, 1, 0));
            RawImage b = s.raw(1);
            assertEquals(4, b.channels());
            assertEquals(0x80, b.sample(0, 1, 3));
            assertEquals(0xFF, b.sample(0, 1, 2));
            assertEquals(3, s.raw(2).channels());
        }
    }

    @Test
    void preprocessingConvertsToGrayAndResizes() {
        try (StimulusSet s = StimulusSets.open(pets())) {
            float[] x = s.preprocessed(0, 3);
            assertEquals(3 * 4, x.length);
            // a.png: already 2x2 gray
            assertArrayEquals(new float[] {norm(10), norm(20), norm(30), norm(40)}, slice(x, 0), 1e-5f);
            // b.png: luma of red, green, blue, white; alpha ignored
            assertArrayEquals(new float[] {norm(76.245), norm(149.685), norm(29.07), norm(255)}, slice(x, 1), 1e-5f);
            // x.png: 4x4 -> 2x2 averages 2x2 blocks. Top-left: (76.245 + 149.685 + 29.07 + 255) / 4 = 127.5;
            // top-right: luma(10, 20, 30) = 18.15; bottom-left: 100; bottom-right: 0.
            assertArrayEquals(new float[] {0f, norm(18.15), norm(100), -2f}, slice(x, 2), 1e-5f);
        }
    }

    private static float[] slice(float[] batch, int image) {
        return java.util.Arrays.copyOfRange(batch, image * 4, image * 4 + 4);
    }

    @Test
    void corruptPngIsNamedWhenRead() throws IOException {
        Path manifest = pets();
        byte[] png = Files.readAllBytes(dir.resolve("pets/cat/a.png"));
        Path broken = write(dir.resolve("pets/cat/c.png"), java.util.Arrays.copyOf(png, 40)); // header, no image data
        Path text = write(dir.resolve("pets/dog/y.png"), "this is not a PNG");
        try (StimulusSet s = StimulusSets.open(manifest)) {
            assertEquals(5, s.size(), "files are listed, not decoded, when the set opens");
            assertEquals("pets:cat/c.png", s.id(2));
            String m = assertThrows(UserError.class, () -> s.raw(2)).getMessage();
            assertTrue(m.startsWith(broken + ": cannot decode image: "), m);
            String batch = assertThrows(UserError.class, () -> s.preprocessed(0, 5)).getMessage();
            assertEquals(m, batch);
            assertEquals(text + ": cannot decode image: no javax.imageio reader recognises it (supported: png, jpg, bmp, gif)",
                    assertThrows(UserError.class, () -> s.raw(4)).getMessage());
        }
    }

    @Test
    void imageDeletedAfterOpening() throws IOException {
        try (StimulusSet s = StimulusSets.open(pets())) {
            Path a = dir.resolve("pets/cat/a.png");
            Files.delete(a);
            assertEquals(a + ": cannot decode image: file not found", assertThrows(UserError.class, () -> s.raw(0)).getMessage());
        }
    }

    @Test
    void emptyOrMissingFolders() throws IOException {
        Path m = stimulusSetManifest(dir.resolve("e.json"), "e", "{\"type\": \"image-folder\", \"root\": \"empty\"}",
                null, PREPROCESSING);
        Path root = dir.resolve("empty");
        assertEquals(root + ": image folder not found", assertThrows(UserError.class, () -> StimulusSets.open(m)).getMessage());
        Files.createDirectories(root);
        assertEquals(root + ": no class subfolders (expected one folder per class, images inside)",
                assertThrows(UserError.class, () -> StimulusSets.open(m)).getMessage());
        Files.createDirectories(root.resolve("cat"));
        assertEquals(root.resolve("cat") + ": class folder has no images (bmp, gif, jpeg, jpg, png)",
                assertThrows(UserError.class, () -> StimulusSets.open(m)).getMessage());
    }

    @Test
    void manifestClassesMustMatchFolderCount() {
        pets();
        Path m = stimulusSetManifest(dir.resolve("pets3.json"), "pets3", "{\"type\": \"image-folder\", \"root\": \"pets\"}",
                "[\"cat\", \"dog\", \"eel\"]", PREPROCESSING);
        assertEquals(m + ": $.classes: lists 3 names but " + dir.resolve("pets") + " has 2 class folders",
                assertThrows(UserError.class, () -> StimulusSets.open(m)).getMessage());
        Path named = stimulusSetManifest(dir.resolve("named.json"), "named", "{\"type\": \"image-folder\", \"root\": \"pets\"}",
                "[\"Felis catus\", \"Canis familiaris\"]", PREPROCESSING);
        try (StimulusSet s = StimulusSets.open(named)) {
            assertEquals(List.of("Felis catus", "Canis familiaris"), s.classNames());
        }
    }
}
