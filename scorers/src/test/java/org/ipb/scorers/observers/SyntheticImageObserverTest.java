package org.ipb.scorers.observers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.Protocol;
import org.ipb.core.candidates.SyntheticReferences;
import org.ipb.manifest.ImagePreprocessor;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.PngEncoder;
import org.ipb.manifest.RawImage;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SyntheticImageObserver}: a natural stimulus written as the PNG of a synthetic id embeds
 * exactly as the stimulus itself, with the network observer and the pixel observer.
 */
class SyntheticImageObserverTest {
    private static final int[] ROWS = {0, 7, 1234, 9999};
    private static StimulusSet set;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() {
        set = StimulusSets.open(ManifestCatalog.stimulusSet("fashion-mnist-test"));
    }

    @AfterAll
    static void close() {
        if (set != null) {
            set.close();
        }
    }

    private static String syntheticId(int row) {
        return SyntheticReferences.id("fmnist-cnn:conv4:pca:" + row, row % 2 == 0, row % 9);
    }

    /** A synthetic set whose images are the PNGs of {@link #ROWS}; returns its candidates.json path. */
    private Path syntheticSet(boolean writePngs) throws Exception {
        Path folder = tmp.resolve("set");
        Files.createDirectories(folder.resolve("synthetic"));
        Map<String, String> images = new LinkedHashMap<>();
        for (int row : ROWS) {
            String rel = "synthetic/" + row + ".png";
            images.put(syntheticId(row), rel);
            if (writePngs) {
                Files.write(folder.resolve(rel), PngEncoder.encode(set.raw(row)));
            }
        }
        return folder.resolve("candidates.json");
    }

    private static CandidateSet set(Map<String, String> images, String reference) {
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("reference", reference);
        prov.put("syntheticImages", images);
        return new CandidateSet(CandidateSet.KIND, CandidateSet.FORMAT_VERSION, "fmnist-cnn", "conv4", "pca",
                "fashion-mnist-test", 10000, 128, 1, new Protocol(0.2, 9, 0, 0, 2000), List.of(), prov);
    }

    private static Map<String, String> images() {
        Map<String, String> images = new LinkedHashMap<>();
        for (int row : ROWS) {
            images.put(syntheticId(row), "synthetic/" + row + ".png");
        }
        return images;
    }

    @Test
    void pngDecodesToTheStimulusPixelsAndPreprocessesIdentically() throws Exception {
        Path file = syntheticSet(true);
        ImagePreprocessor pre = new ImagePreprocessor(set.manifest().preprocessing());
        for (int row : ROWS) {
            RawImage decoded = SyntheticImageObserver.decode(file.resolveSibling("synthetic/" + row + ".png"));
            assertEquals(set.raw(row), decoded);
            assertEquals(1, decoded.channels());
            assertArrayEquals(set.preprocessed(row, row + 1), pre.apply(decoded));
        }
    }

    @Test
    void networkObserverEmbedsThePngAsTheStimulus() throws Exception {
        Path file = syntheticSet(true);
        CandidateSet cs = set(images(), SyntheticReferences.SYNTHETIC);
        // batch 1: every forward pass has the same shape, so the float sums run in the same order
        try (Observer natural = NetworkObserver.open("fmnist-observer", "embed", set, null, 1);
                Observer synthetic = SyntheticImageObserver.wrap(
                        NetworkObserver.open("fmnist-observer", "embed", set, null, 1), file, cs)) {
            List<String> ids = new ArrayList<>();
            for (int row : ROWS) {
                ids.add(syntheticId(row));
                ids.add(set.id(row));
            }
            Map<String, float[]> all = synthetic.embedAll(ids); // natural ids go to the base, synthetic from PNGs
            assertEquals(ids.size(), all.size());
            for (int row : ROWS) {
                float[] want = natural.embedding(set.id(row));
                assertEquals(256, want.length);
                assertArrayEquals(want, all.get(syntheticId(row)), 1e-6f);
                assertArrayEquals(want, synthetic.embedding(syntheticId(row)), 1e-6f);
                assertArrayEquals(want, all.get(set.id(row)), 1e-6f);
            }
            NetworkObserver base = (NetworkObserver) ((SyntheticImageObserver) synthetic).base();
            assertEquals(2L * ROWS.length, base.imagesEmbedded()); // each image once, cached by id
        }
    }

    @Test
    void networkObserverBatchesSyntheticImagesLikeStimuli() throws Exception {
        Path file = syntheticSet(true);
        CandidateSet cs = set(images(), SyntheticReferences.SYNTHETIC);
        try (Observer natural = NetworkObserver.open("fmnist-observer", "embed", set, null, 16);
                Observer synthetic = SyntheticImageObserver.wrap(
                        NetworkObserver.open("fmnist-observer", "embed", set, null, 16), file, cs)) {
            List<String> naturalIds = new ArrayList<>();
            List<String> syntheticIds = new ArrayList<>();
            for (int row : ROWS) {
                naturalIds.add(set.id(row));
                syntheticIds.add(syntheticId(row));
            }
            Map<String, float[]> want = natural.embedAll(naturalIds);
            Map<String, float[]> got = synthetic.embedAll(syntheticIds);
            for (int i = 0; i < ROWS.length; i++) {
                assertArrayEquals(want.get(naturalIds.get(i)), got.get(syntheticIds.get(i)), 1e-6f);
            }
        }
    }

    @Test
    void pixelObserverEmbedsThePngAsTheStimulus() throws Exception {
        Path file = syntheticSet(true);
        CandidateSet cs = set(images(), SyntheticReferences.SYNTHETIC);
        try (Observer natural = Observers.named("pixels", set);
                Observer synthetic = SyntheticImageObserver.wrap(Observers.named("pixels", set), file, cs)) {
            for (int row : ROWS) {
                float[] want = natural.embedding(set.id(row));
                assertArrayEquals(want, synthetic.embedding(syntheticId(row)), 0f);
                assertArrayEquals(want, synthetic.embedAll(List.of(syntheticId(row), set.id(row)))
                        .get(syntheticId(row)), 0f);
            }
        }
    }

    @Test
    void naturalSetsKeepTheBaseObserver() {
        try (Observer base = Observers.named("pixels", set)) {
            assertSame(base, SyntheticImageObserver.wrap(base, tmp.resolve("candidates.json"),
                    set(Map.of(), SyntheticReferences.NATURAL)));
        }
    }

    @Test
    void missingPngIsAUserErrorNamingTheFile() throws Exception {
        Path file = syntheticSet(true);
        Path gone = file.resolveSibling("synthetic/" + ROWS[2] + ".png");
        Files.delete(gone);
        try (Observer base = Observers.named("pixels", set)) {
            UserError e = assertThrows(UserError.class, () -> SyntheticImageObserver.wrap(base, file,
                    set(images(), SyntheticReferences.SYNTHETIC)));
            assertTrue(e.getMessage().contains(gone.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("not found"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void unreadablePngIsAUserErrorNamingTheFile() throws Exception {
        Path file = syntheticSet(true);
        Path bad = file.resolveSibling("synthetic/" + ROWS[1] + ".png");
        Files.writeString(bad, "not a png");
        try (Observer synthetic = SyntheticImageObserver.wrap(Observers.named("pixels", set), file,
                set(images(), SyntheticReferences.SYNTHETIC))) {
            UserError e = assertThrows(UserError.class, () -> synthetic.embedding(syntheticId(ROWS[1])));
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        }
    }
}
