package org.ipb.harness.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.ipb.core.Json;
import org.ipb.core.npy.Npy;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSetManifest;
import org.ipb.manifest.StimulusSets;

/**
 * The one rule for reusing extracted activations ({@code DIR/LAYER.npy} with its {@code
 * LAYER.json} sidecar), shared by {@code ipb candidates}, {@code ipb run} and {@code ipb submit}:
 * a layer's file is reused when its sidecar names the same model manifest (by SHA-256) and layer,
 * the same stimulus set by name, the same number of images (the whole set or the limit) and, when
 * an engine is asked for, the same engine. Otherwise every stale layer is extracted again, all in
 * one pass over the stimuli.
 *
 * @param model the model manifest
 * @param stimuli the stimulus-set manifest
 * @param engine engine asked for, or null for the manifest's (then any engine's file is reused)
 * @param limit only the first N stimuli (0 = all)
 * @param dir the activation folder
 */
public record ActivationCache(ManifestFile<ModelManifest> model, ManifestFile<StimulusSetManifest> stimuli,
        String engine, int limit, Path dir) {
    /** Images per forward pass when the cache extracts. */
    public static final int BATCH = 256;

    public Path file(String layer) {
        return dir.resolve(layer + ".npy");
    }

    /**
     * The activation files of {@code layers}, extracting the stale ones first.
     *
     * @param log receives "reusing FILE" lines and the extractor's warnings
     */
    public List<Path> ensure(List<String> layers, Consumer<String> log, Progress progress) {
        int expected = expectedImages();
        List<String> stale = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (String layer : layers) {
            files.add(file(layer));
            if (reusable(layer, expected)) {
                log.accept("reusing " + file(layer));
            } else {
                stale.add(layer);
            }
        }
        if (!stale.isEmpty()) {
            new ActivationExtractor(log).run(new ExtractionRequest(model, stimuli, stale, engine, "auto", BATCH, limit,
                    false, dir), progress);
        }
        return files;
    }

    /** {@link #ensure} for one layer. */
    public Path ensure(String layer, Consumer<String> log, Progress progress) {
        return ensure(List.of(layer), log, progress).get(0);
    }

    /** The layers among {@code layers} whose files would be extracted again. */
    public List<String> stale(List<String> layers) {
        int expected = expectedImages();
        return layers.stream().filter(l -> !reusable(l, expected)).toList();
    }

    private int expectedImages() {
        int size;
        try (StimulusSet set = StimulusSets.open(stimuli)) {
            size = set.size();
        }
        return limit > 0 ? Math.min(limit, size) : size;
    }

    private boolean reusable(String layer, int expected) {
        Path acts = file(layer);
        Path sidecar = dir.resolve(layer + ".json");
        if (!Files.isRegularFile(acts) || !Files.isRegularFile(sidecar)) {
            return false;
        }
        try {
            JsonNode s = Json.MAPPER.readTree(sidecar.toFile());
            boolean sameModel = s.path("model").path("sha256").equals(Json.MAPPER.valueToTree(model.manifest().sha256()))
                    && s.path("layer").asText().equals(model.manifest().name() + ":" + layer);
            boolean sameSet = s.path("stimulusSet").path("name").asText().equals(stimuli.manifest().name());
            boolean sameCount = s.path("stimulusSet").path("images").asInt(-2) == expected
                    && Npy.shapeOf(acts)[0] == expected;
            return sameModel && sameSet && sameCount
                    && (engine == null || engine.equals(s.path("engine").path("name").asText()));
        } catch (IOException | RuntimeException e) {
            return false; // an unreadable sidecar means extract again
        }
    }
}
