package org.ipb.scorers.observers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored observer embeddings: restored bit for bit, refused when stale, foreign or broken. */
class StoredEmbeddingsTest {
    @Test
    void restoredEmbeddingsAreTheComputedOnesAndStaleOnesAreRefused(@TempDir Path dir) throws Exception {
        Map<String, String> sha = new TreeMap<>(Map.of("images", "aa", "labels", "bb"));
        try (StimulusSet set = StimulusSets.open(ManifestCatalog.stimulusSet("fashion-mnist-test"));
                NetworkObserver first = NetworkObserver.open("fmnist-observer", "embed", set, null, 256)) {
            assertTrue(first.identity().startsWith("fmnist-observer:embed@"), first.identity());
            assertFalse(StoredEmbeddings.restore(dir, first, set, sha), "nothing stored yet");
            StoredEmbeddings.store(dir, first, set, sha);
            assertEquals(set.size(), first.imagesEmbedded());

            try (NetworkObserver second = NetworkObserver.open("fmnist-observer", "embed", set, null, 256)) {
                assertTrue(StoredEmbeddings.restore(dir, second, set, sha));
                assertEquals(0, second.imagesEmbedded(), "restored, not recomputed");
                assertEquals(set.size(), second.cached());
                for (int i : new int[] {0, 1, 4999, set.size() - 1}) {
                    String id = set.id(i);
                    assertArrayEquals(first.embedding(id), second.embedding(id), id);
                }
            }
            try (NetworkObserver third = NetworkObserver.open("fmnist-observer", "embed", set, null, 256)) {
                Map<String, String> otherData = new TreeMap<>(sha);
                otherData.put("images", "cc");
                assertFalse(StoredEmbeddings.restore(dir, third, set, otherData), "another stimulus set");
                Path json = dir.resolve("fmnist-observer_embed.json");
                Files.writeString(json, Files.readString(json).replace(third.identity(), "fmnist-observer:embed@0"));
                assertFalse(StoredEmbeddings.restore(dir, third, set, sha), "another observer network");
                Files.writeString(json, "{not json");
                assertFalse(StoredEmbeddings.restore(dir, third, set, sha), "a broken key");
                assertEquals(0, third.cached());
            }
        }
    }

    @Test
    void observersWithoutIdentityAreNotStored(@TempDir Path dir) throws Exception {
        try (StimulusSet set = StimulusSets.open(ManifestCatalog.stimulusSet("fashion-mnist-test"));
                Observer pixels = Observers.named("pixels", set)) {
            StoredEmbeddings.store(dir, pixels, set, Map.of());
            assertFalse(StoredEmbeddings.restore(dir, pixels, set, Map.of()));
            try (var files = Files.list(dir)) {
                assertEquals(0, files.count());
            }
        }
    }
}
