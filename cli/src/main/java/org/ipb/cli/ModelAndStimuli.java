package org.ipb.cli;

import org.ipb.core.UserError;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.StimulusSetManifest;

/** The model and stimulus-set manifests that {@code --model} and {@code --dataset} name. */
record ModelAndStimuli(ManifestFile<ModelManifest> model, ManifestFile<StimulusSetManifest> stimuli) {

    /** {@code dataset} null means the stimulus set the model manifest names. */
    static ModelAndStimuli resolve(String model, String dataset) {
        ManifestFile<ModelManifest> mf = Manifests.readModel(ManifestCatalog.model(model));
        String ds = dataset != null ? dataset : mf.manifest().stimulusSet();
        if (ds == null) {
            throw new UserError(mf.file(), "names no stimulusSet; pass --dataset");
        }
        return new ModelAndStimuli(mf, Manifests.readStimulusSet(ManifestCatalog.stimulusSet(ds)));
    }
}
