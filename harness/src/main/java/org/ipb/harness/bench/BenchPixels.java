package org.ipb.harness.bench;

import java.nio.file.Path;
import org.ipb.core.npy.NpyStreamWriter;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSetManifest;
import org.ipb.manifest.StimulusSets;

/**
 * The first {@code n} images of a set preprocessed as ipb preprocesses them, written to a float32
 * (N, C, H, W) {@code .npy}, so that ipb and PyTorch time the same input tensors.
 */
public final class BenchPixels {
    private BenchPixels() {}

    /** Writes {@code file}; batch by batch, so memory stays that of one batch. */
    public static void write(ManifestFile<StimulusSetManifest> stimuli, int n, int batch, Path file) {
        StimulusSetManifest.Preprocessing p = stimuli.manifest().preprocessing();
        try (StimulusSet set = StimulusSets.open(stimuli)) {
            int count = Math.min(n, set.size());
            try (NpyStreamWriter w = NpyStreamWriter.float32(file, count, p.channels(), p.height(), p.width())) {
                for (int from = 0; from < count; from += batch) {
                    w.write(set.preprocessed(from, Math.min(count, from + batch)));
                }
            }
        }
    }
}
