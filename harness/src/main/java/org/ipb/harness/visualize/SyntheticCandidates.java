package org.ipb.harness.visualize;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ipb.core.Json;
import org.ipb.core.Provenance;
import org.ipb.core.Sha256;
import org.ipb.core.StagedOutput;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.SyntheticReferences;
import org.ipb.core.candidates.Task;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.StimulusSetManifest;

/**
 * {@code ipb synthesize}: the synthetic-reference condition of a natural candidate set (Borowski et
 * al. 2021; Zimmermann et al. 2023).
 *
 * <p>For every direction of the set (or the first {@code directions}), {@link FeatureVisualizer}
 * optimises a diverse batch of {@code referencesPerSide} (9) maximising and as many minimising
 * images (lucid's diversity term, weight {@link #DEFAULT_DIVERSITY} by default), at the model's
 * native input size and channels. The output folder holds
 *
 * <pre>
 * OUT/candidates.json           the same set with synthetic references
 * OUT/synthetic/&lt;index&gt;-max-&lt;b&gt;.png, &lt;index&gt;-min-&lt;b&gt;.png
 * OUT/synthetic/visualizations.json   the visualizer's own record (activations, traces, timings)
 * </pre>
 *
 * <p>{@code candidates.json} keeps the directions, top/bottom exemplars, tasks and natural queries;
 * each task's max (min) references become the direction's 9 maximising (minimising) images, as
 * {@link Exemplar}s with id {@link SyntheticReferences#id}{@code (direction id, max, b)} ({@code b}
 * the image's place in the optimised batch, as in its file name), row -1 and the activation the
 * image reaches (spatial mean of the layer's projection on the direction, the unmodified model in
 * inference mode on the final image, as {@link FeatureVisualizer} measures it), ordered as natural
 * references are: decreasing activation for max, increasing for min (ties: lower {@code b} first).
 * Every task of a direction shows the same synthetic references, with its own natural queries. The
 * provenance is the source's plus {@code "reference": "synthetic"}, {@code "syntheticImages"}
 * (id to PNG path relative to {@code OUT}) and {@code "visualization"} (settings, engine, the
 * source candidate file and its sha256).
 *
 * <p>Everything is checked before any optimisation; the output appears all or nothing
 * ({@link StagedOutput}).
 */
public final class SyntheticCandidates {
    /**
     * Default weight of the diversity term: 5, what worked for {@code ipb visualize --batch 4}. The
     * term is a mean over images of the summed cosine with the other B - 1 Gram matrices, so it
     * grows like B - 1 as the objective (a sum over images) grows like B, and the balance stays
     * about the same at batch 9. Checked at batch 9, 512 steps on fmnist-cnn conv4 (PCA direction 0;
     * best natural 6.03, least natural -4.86): weight 0 and 2 give 9 near-copies; 5 gives visibly
     * different minimising images and some different maximising ones, every image still beyond the
     * natural extremes (max 10.1..13.2, min -5.6..-7.8); 10 is more diverse but one maximising image
     * only reaches the best natural one (6.0); 20 breaks down (a "maximising" image at -3.0, a
     * "minimising" one at +0.3).
     */
    public static final double DEFAULT_DIVERSITY = 5;
    /** Folder under the output that holds the PNGs. */
    public static final String FOLDER = "synthetic";

    private final Consumer<String> log;

    public SyntheticCandidates(Consumer<String> log) {
        this.log = log;
    }

    /**
     * What to synthesise.
     *
     * @param candidates a natural candidates.json or the folder holding it
     * @param model model manifest path or shipped name, or null for the one the set was made with
     * @param steps Adam steps per batch
     * @param diversity weight of the diversity term
     * @param seed seed of every random choice
     * @param engine engine override or null
     * @param device "auto", "cpu" or "gpu"
     * @param directions only the first N directions of the set; 0 for all
     * @param out output folder
     */
    public record Request(Path candidates, String model, int steps, double diversity, long seed, String engine,
            String device, int directions, Path out) {}

    /** What was written. */
    public record Result(Path out, Path candidates, CandidateSet set, String engine, int directions, int images,
            double secondsPerDirection, double totalSeconds) {}

    public Result run(Request req) {
        long t0 = System.nanoTime();
        Path file = Files.isDirectory(req.candidates()) ? req.candidates().resolve("candidates.json") : req.candidates();
        if (req.steps() < 1) {
            throw new UserError("--steps must be >= 1, got " + req.steps());
        }
        if (!Double.isFinite(req.diversity()) || req.diversity() < 0) {
            throw new UserError("--diversity must be >= 0, got " + req.diversity());
        }
        if (req.directions() < 0) {
            throw new UserError("--directions must be >= 0, got " + req.directions());
        }
        CandidateSet set = CandidateSets.read(file);
        if (SyntheticReferences.kind(set).equals(SyntheticReferences.SYNTHETIC)) {
            throw new UserError(file, "is already a synthetic candidate set; synthesize from a natural one");
        }
        if (set.directions().isEmpty()) {
            throw new UserError(file, "has no directions to visualise");
        }
        JsonNode prov = Json.MAPPER.valueToTree(set.provenance());
        Path directions = provenanceFile(file, prov, "directions", "the directions file");
        String want = prov.path("directions").path("sha256").asText("");
        if (!want.isEmpty() && !want.equals(Sha256.of(directions))) {
            throw new UserError(file, "directions file " + directions + " has changed since the candidate set was"
                    + " made (sha256 differs from provenance.directions.sha256)");
        }
        Path stimuliManifest = provenanceFile(file, prov, "stimulusSet", "manifest", "the stimulus-set manifest");
        ManifestFile<StimulusSetManifest> stimuli = Manifests.readStimulusSet(stimuliManifest);
        ManifestFile<ModelManifest> model = Manifests.readModel(modelManifest(req, set, prov));
        if (!model.manifest().name().equals(set.model())) {
            throw new UserError(model.file(), "is model " + model.manifest().name() + " but " + file
                    + " was made with " + set.model());
        }
        Path activations = activations(prov);
        List<CandidateDirection> chosen = req.directions() > 0 && req.directions() < set.directions().size()
                ? set.directions().subList(0, req.directions()) : set.directions();
        List<Integer> indices = chosen.stream().map(CandidateDirection::index).toList();
        int perSide = set.protocol().referencesPerSide();
        VisualizationSettings settings = new VisualizationSettings(req.steps(), VisualizationSettings.DEFAULT_LEARNING_RATE,
                perSide, req.diversity(), false, TransformSettings.lucid(), 1);
        String sourceSha = Sha256.of(file);
        try (StagedOutput out = StagedOutput.begin(req.out())) {
            VisualizationRequest vreq = new VisualizationRequest(model, stimuli, set.layer(), directions, indices, settings,
                    true, req.seed(), req.engine(), req.device() == null ? "auto" : req.device(), activations, 0,
                    out.file(FOLDER));
            log.accept("synthesizing " + perSide + " maximising and " + perSide + " minimising images for each of "
                    + indices.size() + " directions of " + file + " (" + req.steps() + " steps, diversity "
                    + req.diversity() + ", seed " + req.seed() + ")");
            VisualizationResult vr = new FeatureVisualizer(log).run(vreq);
            JsonNode records = readRecords(out.file(FOLDER).resolve("visualizations.json"));
            Map<String, String> images = new LinkedHashMap<>();
            List<CandidateDirection> dirs = new ArrayList<>();
            for (CandidateDirection d : chosen) {
                JsonNode rec = records.get(String.valueOf(d.index()));
                List<Exemplar> max = side(d, rec.path("max"), true, perSide, images);
                List<Exemplar> min = side(d, rec.path("min"), false, perSide, images);
                List<Task> tasks = new ArrayList<>();
                for (Task t : d.tasks()) {
                    tasks.add(new Task(t.index(), max, min, t.maxQuery(), t.minQuery()));
                }
                dirs.add(new CandidateDirection(d.id(), d.index(), d.top(), d.bottom(), tasks));
            }
            Map<String, Object> provenance = new LinkedHashMap<>(set.provenance());
            provenance.put("reference", SyntheticReferences.SYNTHETIC);
            provenance.put("syntheticImages", images);
            Map<String, Object> vis = new LinkedHashMap<>();
            vis.put("method", "feature visualization (Olah et al. 2017, lucid defaults), ipb visualize with a diverse"
                    + " batch: " + perSide + " maximising and " + perSide + " minimising images per direction");
            vis.put("steps", req.steps());
            vis.put("seed", req.seed());
            vis.put("engine", vr.engine());
            vis.put("diversity", req.diversity());
            vis.put("batch", perSide);
            vis.put("learningRate", settings.learningRate());
            vis.put("model", Map.of("name", model.manifest().name(), "manifest", model.file().toAbsolutePath()
                    .normalize().toString(), "sha256", Sha256.of(model.file())));
            vis.put("candidates", Map.of("file", file.toAbsolutePath().normalize().toString(), "sha256", sourceSha));
            vis.put("directions", indices.size());
            vis.put("visualizations", FOLDER + "/visualizations.json");
            vis.put("activation", "spatial mean of the layer's projection on the direction, unmodified model in"
                    + " inference mode on the final image");
            vis.put("secondsPerDirection", vr.secondsPerDirection());
            vis.put("run", Provenance.run());
            provenance.put("visualization", vis);
            CandidateSet synthetic = new CandidateSet(set.kind(), set.formatVersion(), set.model(), set.layer(),
                    set.method(), set.stimulusSet(), set.n(), set.c(), set.k(), set.protocol(), dirs, provenance);
            CandidateSets.write(out.file("candidates.json"), synthetic);
            out.commit();
            double total = (System.nanoTime() - t0) / 1e9;
            return new Result(out.target(), out.target().resolve("candidates.json"), synthetic, vr.engine(), dirs.size(),
                    images.size(), vr.secondsPerDirection(), total);
        }
    }

    /** One side's synthetic references, ordered like natural ones; records their PNGs in {@code images}. */
    private static List<Exemplar> side(CandidateDirection d, JsonNode rec, boolean max, int perSide,
            Map<String, String> images) {
        JsonNode acts = rec.path("activations");
        JsonNode files = rec.path("files");
        if (acts.size() != perSide || files.size() != perSide) {
            throw new IllegalStateException("visualizer wrote " + files.size() + " images for direction " + d.index()
                    + ", expected " + perSide);
        }
        List<Exemplar> out = new ArrayList<>();
        for (int b = 0; b < perSide; b++) {
            String id = SyntheticReferences.id(d.id(), max, b);
            images.put(id, FOLDER + "/" + files.get(b).asText());
            out.add(new Exemplar(id, -1, (float) acts.get(b).asDouble()));
        }
        Comparator<Exemplar> order = Comparator.comparingDouble(Exemplar::activation);
        out.sort(max ? order.reversed() : order); // stable: ties keep the lower b first
        return out;
    }

    /** visualizations.json's direction records by index. */
    private static JsonNode readRecords(Path json) {
        try {
            JsonNode doc = Json.MAPPER.readTree(json.toFile());
            com.fasterxml.jackson.databind.node.ObjectNode byIndex = Json.MAPPER.createObjectNode();
            for (JsonNode r : doc.path("directions")) {
                byIndex.set(r.path("index").asText(), r);
            }
            return byIndex;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path provenanceFile(Path file, JsonNode prov, String section, String what) {
        return provenanceFile(file, prov, section, "file", what);
    }

    /** A file the provenance names at {@code section.key}; it must exist. */
    private static Path provenanceFile(Path file, JsonNode prov, String section, String key, String what) {
        JsonNode v = prov.path(section).path(key);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new UserError(file, "provenance names no " + what + " (provenance." + section + "." + key
                    + "); cannot synthesize references for it");
        }
        Path p = Path.of(v.asText());
        if (!p.isAbsolute()) {
            p = file.toAbsolutePath().getParent().resolve(p);
        }
        if (!Files.isRegularFile(p)) {
            throw new UserError(file, what + " " + p + " named in provenance." + section + "." + key + " is missing");
        }
        return p;
    }

    /** --model, else the manifest the activations' sidecar names, else the shipped model of the set's name. */
    private static Path modelManifest(Request req, CandidateSet set, JsonNode prov) {
        if (req.model() != null) {
            return ManifestCatalog.model(req.model());
        }
        JsonNode sidecar = prov.path("sidecar");
        if (sidecar.isTextual() && Files.isRegularFile(Path.of(sidecar.asText()))) {
            try {
                JsonNode m = Json.MAPPER.readTree(Path.of(sidecar.asText()).toFile()).path("model").path("manifest");
                if (m.isTextual() && Files.isRegularFile(Path.of(m.asText()))) {
                    return Path.of(m.asText());
                }
            } catch (IOException e) {
                // fall back to the shipped model of the set's name
            }
        }
        return ManifestCatalog.model(set.model());
    }

    /** The activations file of the provenance when it is still there and unchanged, else null (recomputed). */
    private Path activations(JsonNode prov) {
        JsonNode a = prov.path("activations");
        if (!a.path("file").isTextual()) {
            return null;
        }
        Path p = Path.of(a.path("file").asText());
        if (!Files.isRegularFile(p) || !a.path("sha256").asText("").equals(Sha256.of(p))) {
            log.accept("activations " + p + " missing or changed; the natural exemplars are recomputed");
            return null;
        }
        return p;
    }
}
