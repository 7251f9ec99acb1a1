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
}
