package org.ipb.harness.bench;

import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.StimulusSetManifest;

/**
 * A stimulus set as a model sees it: with the model's own preprocessing where its manifest states
 * one (an exported torchvision network wants 3 x 224 x 224 ImageNet-normalized input, not the set's
 * 28 x 28 grey), as network observers read sets. The file stays the set's, so its paths resolve.
 */
public final class ModelInput {
    private ModelInput() {}

    public static ManifestFile<StimulusSetManifest> of(ManifestFile<ModelManifest> model,
            ManifestFile<StimulusSetManifest> stimuli) {
        StimulusSetManifest.Preprocessing own = model.manifest().preprocessing();
        StimulusSetManifest s = stimuli.manifest();
        if (own == null || own.equals(s.preprocessing())) {
            return stimuli;
        }
        return new ManifestFile<>(stimuli.file(), new StimulusSetManifest(s.kind(), s.name(), s.version(),
                s.description(), s.source(), s.classes(), own, s.license(), s.sha256()));
    }
}
