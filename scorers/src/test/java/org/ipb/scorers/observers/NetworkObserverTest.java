package org.ipb.scorers.observers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ipb.core.UserError;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.ipb.harness.extract.ActivationExtractor;
import org.ipb.harness.extract.ExtractionRequest;
import org.ipb.harness.extract.Progress;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network observer against {@code ipb extract} on the shipped fmnist-observer. */
class NetworkObserverTest {
    private static final int N = 64;
    private static StimulusSet set;
    private static NetworkObserver observer;

    @BeforeAll
    static void open() {
        set = StimulusSets.open(ManifestCatalog.stimulusSet("fashion-mnist-test"));
        observer = NetworkObserver.open("fmnist-observer", "embed", set, null, 16);
    }

    @AfterAll
    static void close() {
        if (observer != null) {
            observer.close();
        }
        if (set != null) {
            set.close();
        }
    }

    /**
     * 1e-5, relative for values above 1: float32 sums in a different order (another batch size)
     * may differ in the last bit, and embed values reach ~40.
     */
    private static double tolerance(float expected) {
        return 1e-5 * Math.max(1, Math.abs(expected));
    }

    private static List<String> firstIds(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(set.id(i));
        }
        return ids;
    }

    @Test
    void embeddingEqualsExtractedRow(@TempDir Path tmp) {
        ExtractionRequest req = new ExtractionRequest(Manifests.readModel(ManifestCatalog.model("fmnist-observer")),
                Manifests.readStimulusSet(ManifestCatalog.stimulusSet("fashion-mnist-test")), List.of("embed"), null,
                "auto", 32, N, false, tmp.resolve("act"));
        new ActivationExtractor(s -> {}).run(req, Progress.NONE);
        NpyArray a = Npy.read(tmp.resolve("act").resolve("embed.npy"));
        assertArrayEquals(new long[] {N, 256}, a.shape());
        float[] rows = a.toFloatArray();
        // shuffled order and a batch size that differs from the extractor's
        List<String> ids = firstIds(N);
        Collections.shuffle(ids, new Random(3));
        Map<String, float[]> got = observer.embedAll(ids);
        for (int i = 0; i < N; i++) {
            float[] e = got.get(set.id(i));
            assertEquals(256, e.length);
            for (int c = 0; c < 256; c++) {
                assertEquals(rows[i * 256 + c], e[c], tolerance(rows[i * 256 + c]), "image " + i + " channel " + c);
            }
            assertSame(e, observer.embed(set.id(i)));
        }
    }

    @Test
    void batchingDoesNotChangeResults() {
        List<String> ids = new ArrayList<>();
        for (int i = 100; i < 140; i++) {
            ids.add(set.id(i * 7)); // not consecutive
        }
        Map<String, float[]> batched;
        try (NetworkObserver big = NetworkObserver.open("fmnist-observer", "embed", set, null, 64)) {
            batched = big.embedAll(ids);
            assertEquals(1, big.forwardPasses());
            assertEquals(ids.size(), big.imagesEmbedded());
            big.embedAll(ids); // cached: no more passes
            assertEquals(1, big.forwardPasses());
        }
        try (NetworkObserver single = NetworkObserver.open("fmnist-observer", "embed", set, null, 1)) {
            for (String id : ids) {
                float[] want = batched.get(id);
                float[] got = single.embed(id);
                assertEquals(want.length, got.length);
                for (int c = 0; c < want.length; c++) {
                    assertEquals(want[c], got[c], tolerance(want[c]), id + " channel " + c);
                }
            }
            assertEquals(ids.size(), single.forwardPasses());
        }
    }

    @Test
    void spatialLayerIsAveragedToChannels() {
        try (NetworkObserver conv = NetworkObserver.open("fmnist-observer", "conv2", set, null, 8)) {
            assertEquals(96, conv.embed(set.id(5)).length);
        }
    }

    @Test
    void unknownLayerIsUserErrorListingValidOnes() {
        UserError e = assertThrows(UserError.class,
                () -> NetworkObserver.open("fmnist-observer", "nope", set, null, 8));
        assertTrue(e.getMessage().contains("embed") && e.getMessage().contains("conv1"), e.getMessage());
    }

    @Test
    void unknownObserverNameIsUserError() {
        UserError e = assertThrows(UserError.class, () -> Observers.named("dreamsim", set));
        assertTrue(e.getMessage().contains("pixels") && e.getMessage().contains("observer"), e.getMessage());
        assertThrows(UserError.class, () -> Observers.named("no-such-model:embed", set));
        assertThrows(UserError.class, () -> Observers.named("fmnist-observer:nope", set));
    }

    @Test
    void unknownIdIsIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> observer.embed("fashion-mnist-test:999999"));
    }

    @Test
    void namedObserverAndModelLayerAgree() {
        try (Observer named = Observers.named("observer", set);
                Observer explicit = Observers.named("fmnist-observer:embed", set)) {
            assertEquals("fmnist-observer:embed", named.name());
            assertArrayEquals(named.embedding(set.id(9)), explicit.embedding(set.id(9)), 1e-6f);
        }
    }

    @Test
    void namedPixelsMatchesPixelObserver() {
        PixelObserver direct = new PixelObserver();
        try (Observer pixels = Observers.named("pixels", set)) {
            for (int i : new int[] {0, 1, 42, 9999}) {
                assertArrayEquals(direct.embed(set.raw(i)), pixels.embedding(set.id(i)));
            }
            assertThrows(IllegalArgumentException.class, () -> pixels.embedding("nope:1"));
        }
    }
}
