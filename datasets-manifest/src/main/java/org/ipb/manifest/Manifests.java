package org.ipb.manifest;

import java.nio.file.Path;
import org.ipb.core.UserError;

/**
 * Reads manifests. Each read validates against the JSON Schema, binds strictly with Jackson and
 * applies semantic rules; the first problem is thrown as a one-line {@link UserError}
 * {@code "<manifest>: <json path>: <problem>"}. Files the manifest points at are not touched here
 * (see {@link ManifestFile#verifySha256()} and {@link StimulusSets#open}).
 */
public final class Manifests {
    private Manifests() {}

    // Schemas compile once, on first use of each kind.
    private static final class StimulusSetParser {
        static final ManifestParser<StimulusSetManifest> INSTANCE = new ManifestParser<>(
                StimulusSetManifest.KIND, StimulusSetManifest.class, "stimulus-set.schema.json", ManifestRules::stimulusSet);
    }

    private static final class ModelParser {
        static final ManifestParser<ModelManifest> INSTANCE = new ManifestParser<>(
                ModelManifest.KIND, ModelManifest.class, "model.schema.json", ManifestRules::model);
    }

    public static ManifestFile<StimulusSetManifest> readStimulusSet(Path file) {
        return new ManifestFile<>(file, StimulusSetParser.INSTANCE.read(file));
    }

    public static ManifestFile<ModelManifest> readModel(Path file) {
        return new ManifestFile<>(file, ModelParser.INSTANCE.read(file));
    }

    /**
     * A stimulus set as input to a model: where the model's manifest states a preprocessing
     * (python/ipb_export.py writes torchvision's), the set's images are preprocessed that way, not
     * as the set's own manifest says; otherwise the set is returned as it is. The file stays the
     * set's, so errors and provenance still name it.
     */
    public static ManifestFile<StimulusSetManifest> asInputTo(ManifestFile<StimulusSetManifest> set, ModelManifest model) {
        StimulusSetManifest.Preprocessing p = model.preprocessing();
        StimulusSetManifest m = set.manifest();
        if (p == null || p.equals(m.preprocessing())) {
            return set;
        }
        return new ManifestFile<>(set.file(), new StimulusSetManifest(m.kind(), m.name(), m.version(), m.description(),
                m.source(), m.classes(), p, m.license(), m.sha256()));
    }
}
