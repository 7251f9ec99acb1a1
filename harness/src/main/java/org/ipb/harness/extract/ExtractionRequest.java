package org.ipb.harness.extract;

import java.nio.file.Path;
import java.util.List;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.StimulusSetManifest;

/**
 * What to extract.
 *
 * @param layers layer names; empty means every layer the model manifest lists
 * @param engine engine override, or null for the manifest's engine
 * @param device "auto", "cpu" or "gpu"
 * @param limit only the first {@code limit} stimuli (0 = all)
 * @param featureMaps also write the full (N, C, H, W) maps, not only their spatial means
 */
public record ExtractionRequest(
        ManifestFile<ModelManifest> model,
        ManifestFile<StimulusSetManifest> stimuli,
        List<String> layers,
        String engine,
        String device,
        int batchSize,
        int limit,
        boolean featureMaps,
        Path out) {

    public ExtractionRequest {
        layers = List.copyOf(layers);
        // A model that states its preprocessing (an exported torchvision network) gets its images so.
        stimuli = org.ipb.manifest.Manifests.asInputTo(stimuli, model.manifest());
        if (batchSize < 1) {
            throw new org.ipb.core.UserError("--batch must be at least 1, got " + batchSize);
        }
        if (limit < 0) {
            throw new org.ipb.core.UserError("--limit must not be negative, got " + limit);
        }
    }
}
