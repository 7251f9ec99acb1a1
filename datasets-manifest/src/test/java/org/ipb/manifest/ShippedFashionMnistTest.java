package org.ipb.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stimulus set shipped in embedded/, checked against facts about Fashion-MNIST's test split. */
class ShippedFashionMnistTest {
    private static final double SCALE = 1 / 255.0;
    private static final double MEAN = 0.2860;
    private static final double STD = 0.3530;

    @Test
    void manifestDescribesTheSet() {
        StimulusSetManifest m = Manifests.readStimulusSet(Fixtures.SHIPPED_TEST_SET).manifest();
        assertEquals("fashion-mnist-test", m.name());
        assertEquals(new StimulusSource.IdxSource("fashion-mnist-test/t10k-images-idx3-ubyte.gz",
                "fashion-mnist-test/t10k-labels-idx1-ubyte.gz"), m.source());
        assertEquals(new StimulusSetManifest.Preprocessing(28, 28, 1, SCALE, new double[] {MEAN}, new double[] {STD}),
                m.preprocessing());
        assertEquals("MIT", m.license().name());
        assertEquals("https://github.com/zalandoresearch/fashion-mnist", m.license().url());
        assertEquals(2, m.sha256().size());
    }

    @Test
    void opensWithTenThousandLabelledImages() {
        try (StimulusSet s = StimulusSets.open(Fixtures.SHIPPED_TEST_SET)) {
            assertEquals(10_000, s.size());
            assertEquals(List.of(9, 2, 1, 1, 6), List.of(s.label(0), s.label(1), s.label(2), s.label(3), s.label(4)));
            assertEquals("Ankle boot", s.classNames().get(s.label(0)));
            assertEquals("fashion-mnist-test:000000", s.id(0));
            assertEquals("fashion-mnist-test:009999", s.id(9999));
            int[] perClass = new int[10];
            for (int i = 0; i < s.size(); i++) {
                perClass[s.label(i)]++;
            }
            assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, perClass);
        }
    }

    @Test
    void firstImageRawAndPreprocessed() {
        try (StimulusSet s = StimulusSets.open(Fixtures.SHIPPED_TEST_SET)) {
            RawImage img = s.raw(0);
            assertEquals(28, img.width());
            assertEquals(28, img.height());
            assertEquals(0, img.sample(0, 0, 0));
            assertEquals(3, img.sample(19, 7, 0)); // first non-zero pixel, row 7 column 19
            int sum = 0;
            for (byte b : img.pixels()) {
                sum += b & 0xFF;
            }
            assertEquals(33456, sum);

            float[] x = s.preprocessed(0, 2);
            assertEquals(2 * 784, x.length);
            assertEquals((0 * SCALE - MEAN) / STD, x[0], 1e-6);
            assertEquals((3 * SCALE - MEAN) / STD, x[7 * 28 + 19], 1e-6);
            assertEquals((s.raw(1).sample(5, 10, 0) * SCALE - MEAN) / STD, x[784 + 10 * 28 + 5], 1e-6);
        }
    }

    @Test
    void shippedFilesMatchTheirDigestsAndLicenseIsThere() {
        var mf = Manifests.readStimulusSet(Fixtures.SHIPPED_TEST_SET);
        mf.verifySha256();
        Path license = mf.resolve(mf.manifest().license().file());
        assertTrue(Files.isRegularFile(license), license.toString());
    }

    @Test
    void tamperedCopyFailsVerification(@TempDir Path dir) throws IOException {
        Path set = dir.resolve("fashion-mnist-test");
        Files.createDirectories(set);
        Path shippedData = Fixtures.SHIPPED_TEST_SET.resolveSibling("fashion-mnist-test");
        Files.copy(shippedData.resolve("t10k-images-idx3-ubyte.gz"), set.resolve("t10k-images-idx3-ubyte.gz"));
        Path labels = Files.copy(shippedData.resolve("t10k-labels-idx1-ubyte.gz"), set.resolve("t10k-labels-idx1-ubyte.gz"));
        Path manifest = Files.copy(Fixtures.SHIPPED_TEST_SET, dir.resolve("fashion-mnist-test.json"));
        Manifests.readStimulusSet(manifest).verifySha256();

        byte[] b = Files.readAllBytes(labels);
        b[b.length / 2] ^= 1;
        Files.write(labels, b);
        String m = assertThrows(UserError.class, () -> Manifests.readStimulusSet(manifest).verifySha256()).getMessage();
        assertTrue(m.startsWith(labels + ": sha256 mismatch: manifest " + manifest
                + " says 8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05, file has "), m);

        Files.delete(labels);
        assertEquals(labels + ": file not found (listed in " + manifest + ")",
                assertThrows(UserError.class, () -> Manifests.readStimulusSet(manifest).verifySha256()).getMessage());
    }

    /** Not shipped: points at the Debian package dataset-fashion-mnist by absolute path. */
    @Test
    void trainingSplitManifestUsesAbsolutePaths() {
        var mf = Manifests.readStimulusSet(Fixtures.TRAIN_SET);
        assertEquals("fashion-mnist-train", mf.manifest().name());
        Path images = mf.resolve(((StimulusSource.IdxSource) mf.manifest().source()).images());
        assertEquals(Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"), images);
        assumeTrue(Files.isRegularFile(images), "Debian package dataset-fashion-mnist not installed");
        mf.verifySha256();
        try (StimulusSet s = StimulusSets.open(mf)) {
            assertEquals(60_000, s.size());
            assertEquals(9, s.label(0)); // the first Fashion-MNIST training image is an ankle boot
        }
    }
}
