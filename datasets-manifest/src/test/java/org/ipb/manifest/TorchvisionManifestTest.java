package org.ipb.manifest;

import static org.ipb.manifest.Fixtures.grayPng;
import static org.ipb.manifest.Fixtures.rgbPng;
import static org.ipb.manifest.Fixtures.stimulusSetManifest;
import static org.ipb.manifest.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.ipb.core.UserError;
import org.ipb.manifest.StimulusSetManifest.Convert;
import org.ipb.manifest.StimulusSetManifest.Crop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest side of resize, crop and convert: binding, the rules checked when the manifest is
 * read (before any image), and the per-image errors, each a one-line UserError naming the file.
 */
class TorchvisionManifestTest {
    @TempDir
    Path dir;

    private static final String FOLDER = "{\"type\": \"image-folder\", \"root\": \"imgs\"}";
    private static final String RGB = "\"height\": 2, \"width\": 2, \"channels\": 3, \"scale\": 1,"
            + " \"mean\": [0, 0, 0], \"std\": [1, 1, 1]";

    private Path manifest(String preprocessing) {
        return stimulusSetManifest(dir.resolve("m.json"), "tv", FOLDER, null, preprocessing);
    }

    /** The message of reading a manifest with these preprocessing members, after "<file>: ". */
    private String problem(String preprocessing) {
        Path m = manifest(preprocessing);
        String message = assertThrows(UserError.class, () -> Manifests.readStimulusSet(m)).getMessage();
        assertTrue(message.startsWith(m + ": "), message);
        return message.substring((m + ": ").length());
    }

    @Test
    void cropIsOneIntegerOrHeightAndWidth() {
        var square = Manifests.readStimulusSet(manifest(RGB + ", \"resize\": 3, \"crop\": 2")).manifest().preprocessing();
        assertEquals(new StimulusSetManifest.Preprocessing(2, 2, 3, 1, new double[3], new double[] {1, 1, 1}, 3,
                new Crop(2, 2), null), square);
        var pair = Manifests.readStimulusSet(manifest(RGB.replace("\"width\": 2", "\"width\": 3")
                + ", \"resize\": 4, \"crop\": [2, 3], \"convert\": \"rgb\"")).manifest().preprocessing();
        assertEquals(new Crop(2, 3), pair.crop());
        assertEquals(Convert.RGB, pair.convert());
        assertTrue(pair.torchvisionStyle());
    }

    @Test
    void newFieldsAreLeftOutOfTheJsonWhenAbsent() throws Exception {
        // Result files record the preprocessing: existing manifests must record exactly what they did.
        var old = new StimulusSetManifest.Preprocessing(28, 28, 1, 0.5, new double[] {0.25}, new double[] {0.5});
        assertEquals("{\"height\":28,\"width\":28,\"channels\":1,\"scale\":0.5,\"mean\":[0.25],\"std\":[0.5]}",
                ManifestParser.MAPPER.writeValueAsString(old));
        var tv = new StimulusSetManifest.Preprocessing(2, 3, 3, 1, new double[3], new double[] {1, 1, 1}, 4,
                new Crop(2, 3), Convert.RGB);
        assertEquals("{\"height\":2,\"width\":3,\"channels\":3,\"scale\":1.0,\"mean\":[0.0,0.0,0.0],\"std\":[1.0,1.0,1.0],"
                + "\"resize\":4,\"crop\":[2,3],\"convert\":\"rgb\"}", ManifestParser.MAPPER.writeValueAsString(tv));
        assertEquals(tv, ManifestParser.MAPPER.readValue(ManifestParser.MAPPER.writeValueAsString(tv),
                StimulusSetManifest.Preprocessing.class));
    }

    @Test
    void cropLargerThanResizeFailsWhenTheManifestIsRead() {
        assertEquals("$.preprocessing.crop: crop 256 larger than resize 224 (the short side after resizing)",
                problem(RGB.replace("2", "256") + ", \"resize\": 224, \"crop\": 256"));
    }

    @Test
    void cropMustBeTheNetworkInput() {
        assertEquals("$.preprocessing.crop: crop 3 differs from height x width 2x2 (the crop is the network input)",
                problem(RGB + ", \"resize\": 4, \"crop\": 3"));
        assertEquals("$.preprocessing.crop: crop 2x3 differs from height x width 2x2 (the crop is the network input)",
                problem(RGB + ", \"resize\": 4, \"crop\": [2, 3]"));
    }

    @Test
    void resizeNeedsCrop() {
        assertEquals("$.preprocessing.resize: needs crop: Resize(int) keeps each image's aspect ratio, so only a centre"
                + " crop gives every image height x width (for square images use crop = resize)",
                problem(RGB + ", \"resize\": 4"));
    }

    @Test
    void convertOnlyWithTheTorchvisionFieldsAndMatchingChannels() {
        assertEquals("$.preprocessing.convert: applies only with resize or crop (without them every image is converted"
                + " to channels anyway)", problem(RGB + ", \"convert\": \"rgb\""));
        assertEquals("$.preprocessing.convert: 'l' gives 1 channel but channels is 3",
                problem(RGB + ", \"crop\": 2, \"convert\": \"l\""));
        assertTrue(problem(RGB + ", \"crop\": 2, \"convert\": \"RGB\"").startsWith("$.preprocessing.convert: "));
    }

    @Test
    void badCropShapesAreSchemaErrors() {
        assertTrue(problem(RGB + ", \"crop\": [2]").startsWith("$.preprocessing.crop: "));
        assertTrue(problem(RGB + ", \"crop\": 0").startsWith("$.preprocessing.crop: "));
        assertTrue(problem(RGB + ", \"crop\": \"centre\"").startsWith("$.preprocessing.crop: "));
        assertEquals("$.preprocessing.resize: number found, integer expected", problem(RGB + ", \"resize\": 2.5, \"crop\": 2"));
    }

    @Test
    void grayImageInAnRgbSetNamesItsFileUnlessConvertIsGiven() {
        Path img = grayPng(dir.resolve("imgs/c/a.png"), new int[][] {{1, 2}, {3, 4}});
        try (StimulusSet s = StimulusSets.open(manifest(RGB + ", \"crop\": 2"))) {
            assertEquals(img + ": image is gray (L) but the set is RGB; add \"convert\": \"rgb\" to preprocessing to"
                    + " convert it as PIL's Image.convert does",
                    assertThrows(UserError.class, () -> s.preprocessed(0, 1)).getMessage());
        }
        try (StimulusSet s = StimulusSets.open(manifest(RGB + ", \"crop\": 2, \"convert\": \"rgb\""))) {
            assertArrayEquals(new float[] {1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4}, s.preprocessed(0, 1));
        }
    }

    @Test
    void imageSmallerThanTheCropNamesItsFile() {
        rgbPng(dir.resolve("imgs/c/a.png"), new int[][] {{0, 0}, {0, 0}});
        Path small = rgbPng(dir.resolve("imgs/c/b.png"), new int[][] {{0xFFFFFF}});
        try (StimulusSet s = StimulusSets.open(manifest(RGB + ", \"crop\": 2"))) {
            assertEquals(12, s.preprocessed(0, 1).length);
            assertEquals(small + ": image is 1x1 (height x width), smaller than crop 2x2; add resize to scale it first",
                    assertThrows(UserError.class, () -> s.preprocessed(0, 2)).getMessage());
        }
    }

    @Test
    void undecodableImageNamesItsFile() {
        Path broken = write(dir.resolve("imgs/c/a.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        try (StimulusSet s = StimulusSets.open(manifest(RGB + ", \"resize\": 2, \"crop\": 2"))) {
            String m = assertThrows(UserError.class, () -> s.preprocessed(0, 1)).getMessage();
            assertTrue(m.startsWith(broken + ": cannot decode image: "), m);
        }
    }

    @Test
    void idxImagesInAnRgbSetNameFileAndIndex() {
        Path images = write(dir.resolve("img.idx"), Fixtures.idx(0x08, new int[] {1, 2, 2}, new byte[4]));
        Path m = stimulusSetManifest(dir.resolve("idx.json"), "tv-idx", "{\"type\": \"idx\", \"images\": \"img.idx\"}",
                null, RGB + ", \"crop\": 2");
        try (StimulusSet s = StimulusSets.open(m)) {
            String message = assertThrows(UserError.class, () -> s.preprocessed(0, 1)).getMessage();
            assertTrue(message.startsWith(images + ": image 0: image is gray (L) but the set is RGB"), message);
        }
    }
}
