package org.ipb.manifest;

import static org.ipb.manifest.Fixtures.bytes;
import static org.ipb.manifest.Fixtures.identity;
import static org.ipb.manifest.Fixtures.idx;
import static org.ipb.manifest.Fixtures.stimulusSetManifest;
import static org.ipb.manifest.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxStimulusSetTest {
    @TempDir
    Path dir;

    /** Two 2x3 images, labels 1 and 0, classes a and b. */
    private Path tinySet(String labelsFile, String classes, String preprocessing) {
        write(dir.resolve("data/img.idx"), idx(0x08, new int[] {2, 2, 3}, bytes(0, 1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 255)));
        write(dir.resolve("data/lbl.idx"), idx(0x08, new int[] {2}, bytes(1, 0)));
        String labels = labelsFile == null ? "" : ", \"labels\": \"" + labelsFile + "\"";
        return stimulusSetManifest(dir.resolve("tiny.json"), "tiny",
                "{\"type\": \"idx\", \"images\": \"data/img.idx\"" + labels + "}", classes, preprocessing);
    }

    @Test
    void idsLabelsRawAndPreprocessed() {
        try (StimulusSet s = StimulusSets.open(tinySet("data/lbl.idx", "[\"a\", \"b\"]", identity(2, 3, 1)))) {
            assertEquals(2, s.size());
            assertEquals("tiny:000000", s.id(0));
            assertEquals("tiny:000001", s.id(1));
            assertEquals(1, s.label(0));
            assertEquals(0, s.label(1));
            assertEquals(List.of("a", "b"), s.classNames());
            RawImage second = s.raw(1);
            assertEquals(3, second.width());
            assertEquals(2, second.height());
            assertEquals(1, second.channels());
            assertEquals(255, second.sample(2, 1, 0));
            assertArrayEquals(new float[] {10, 20, 30, 40, 50, 255}, s.preprocessed(1, 2));
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 255}, s.preprocessed(0, 2));
            assertEquals(0, s.preprocessed(1, 1).length);
            assertThrows(IndexOutOfBoundsException.class, () -> s.preprocessed(1, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> s.id(2));
        }
    }

    @Test
    void unlabelledSetHasLabelMinusOne() {
        try (StimulusSet s = StimulusSets.open(tinySet(null, null, identity(2, 3, 1)))) {
            assertEquals(-1, s.label(0));
            assertEquals(List.of(), s.classNames());
        }
    }

    @Test
    void grayReplicatedToThreeChannelsAndNormalisedPerChannel() {
        String p = "\"height\": 2, \"width\": 3, \"channels\": 3, \"scale\": 0.5, \"mean\": [0, 1, 2], \"std\": [1, 2, 4]";
        try (StimulusSet s = StimulusSets.open(tinySet(null, null, p))) {
            float[] x = s.preprocessed(1, 2); // pixel 10 -> 5 after scale
            assertEquals(18, x.length);
            assertEquals(5f, x[0]);           // (5 - 0) / 1
            assertEquals(2f, x[6]);           // (5 - 1) / 2
            assertEquals(0.75f, x[12]);       // (5 - 2) / 4
            assertEquals((127.5f - 2) / 4, x[17]);
        }
    }

    @Test
    void imagesThatAreNotThreeDimensionalUnsignedBytes() {
        Path m = tinySet(null, null, identity(2, 3, 1));
        Path images = write(dir.resolve("data/img.idx"), idx(0x08, new int[] {12}, new byte[12]));
        assertEquals(images + ": expected 3-D unsigned-byte images (count x rows x columns), found 1-D unsigned byte [12]",
                assertThrows(UserError.class, () -> StimulusSets.open(m)).getMessage());
        write(images, idx(0x0D, new int[] {1, 1, 1}, new byte[4]));
        assertEquals(images + ": expected 3-D unsigned-byte images (count x rows x columns), found 3-D float [1 x 1 x 1]",
                assertThrows(UserError.class, () -> StimulusSets.open(m)).getMessage());
    }

    @Test
    void labelsThatAreNotOneDimensional() {
        Path m = tinySet("data/lbl.idx", null, identity(2, 3, 1));
        Path labels = write(dir.resolve("data/lbl.idx"), idx(0x08, new int[] {2, 1}, bytes(1, 0)));
        assertEquals(labels + ": expected 1-D unsigned-byte labels, found 2-D unsigned byte [2 x 1]",
                assertThrows(UserError.class, () -> StimulusSets.open(m)).getMessage());
    }

    @Test
    void imageAndLabelCountsDiffer() {
        Path m = tinySet("data/lbl.idx", null, identity(2, 3, 1));
        Path labels = write(dir.resolve("data/lbl.idx"), idx(0x08, new int[] {3}, bytes(1, 0, 1)));
        assertEquals(labels + ": has 3 labels but " + dir.resolve("data/img.idx") + " has 2 images",
                assertThrows(UserError.class, () -> StimulusSets.open(m)).getMessage());
    }

    @Test
    void labelBeyondTheClassList() {
        Path m = tinySet("data/lbl.idx", "[\"a\", \"b\"]", identity(2, 3, 1));
        Path labels = write(dir.resolve("data/lbl.idx"), idx(0x08, new int[] {2}, bytes(0, 2)));
        assertEquals(labels + ": label 2 at index 1 is out of range: the manifest lists 2 classes",
                assertThrows(UserError.class, () -> StimulusSets.open(m)).getMessage());
    }

    @Test
    void missingImagesFileIsNamed() {
        Path m = stimulusSetManifest(dir.resolve("gone.json"), "gone",
                "{\"type\": \"idx\", \"images\": \"nothing.idx.gz\"}", null, identity(28, 28, 1));
        assertEquals(dir.resolve("nothing.idx.gz") + ": file not found",
                assertThrows(UserError.class, () -> StimulusSets.open(m)).getMessage());
    }
}
