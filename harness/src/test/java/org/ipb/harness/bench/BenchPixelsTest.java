package org.ipb.harness.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.ModelSource;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSetManifest;
import org.ipb.manifest.StimulusSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchPixelsTest {
    private static final StimulusSetManifest.Preprocessing RGB40 = new StimulusSetManifest.Preprocessing(40, 40, 3,
            1.0 / 255, new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}, 46,
            new StimulusSetManifest.Crop(40, 40), StimulusSetManifest.Convert.RGB);

    private static ManifestFile<ModelManifest> model(StimulusSetManifest.Preprocessing p) {
        return new ManifestFile<>(Path.of("/nowhere/m.json"), new ModelManifest("model", "m", "1", "", "PyTorch",
                new ModelSource.TorchScriptSource("m.pt"), List.of(3, 40, 40), 10, List.of(), null, Map.of(), null, p));
    }

    @Test
    void modelPreprocessingReplacesTheSetsAndKeepsItsFile() {
        ManifestFile<StimulusSetManifest> set = Manifests.readStimulusSet(ManifestCatalog.stimulusSet("fashion-mnist-test"));
        ManifestFile<StimulusSetManifest> seen = Manifests.asInputTo(set, model(RGB40).manifest());
        assertEquals(RGB40, seen.manifest().preprocessing());
        assertEquals(set.file(), seen.file());
        assertEquals(set.manifest().source(), seen.manifest().source());
        assertSame(set, Manifests.asInputTo(set, model(null).manifest()));
    }

    @Test
    void pixelsAreTheSetsPreprocessedImagesInBatches(@TempDir Path dir) {
        ManifestFile<StimulusSetManifest> set = Manifests.asInputTo(
                Manifests.readStimulusSet(ManifestCatalog.stimulusSet("fashion-mnist-test")), model(RGB40).manifest());
        Path file = dir.resolve("p.npy");
        BenchPixels.write(set, 5, 2, file);
        NpyArray a = Npy.read(file);
        assertArrayEquals(new long[] {5, 3, 40, 40}, a.shape());
        try (StimulusSet s = StimulusSets.open(set)) {
            assertArrayEquals(s.preprocessed(0, 5), a.toFloatArray());
        }
    }
}
