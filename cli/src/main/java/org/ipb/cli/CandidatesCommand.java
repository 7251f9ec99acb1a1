package org.ipb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.core.Provenance;
import org.ipb.core.npy.Npy;
import org.ipb.harness.directions.ActivationMatrix;
import org.ipb.harness.directions.DirectionFiles;
import org.ipb.harness.directions.DirectionFinders;
import org.ipb.harness.directions.DirectionFinding;
import org.ipb.harness.directions.DirectionRequest;
import org.ipb.harness.directions.DirectionSet;
import org.ipb.harness.directions.Numerics;
import org.ipb.harness.exemplars.ExemplarPipeline;
import org.ipb.harness.exemplars.ExemplarRequest;
import org.ipb.harness.exemplars.ExemplarResult;
import org.ipb.harness.extract.ActivationExtractor;
import org.ipb.harness.extract.ExtractionRequest;
import org.ipb.harness.extract.Progress;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.StimulusSetManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ipb candidates}: extraction (when needed), directions and exemplars for several methods
 * in one command. Each stage writes atomically and is reused when its inputs are unchanged:
 *
 * <pre>
 * OUT/activations/LAYER.npy (+ .json, stimuli.csv)
 * OUT/directions/METHOD.npy (+ METHOD.report.json)
 * OUT/candidates/METHOD/candidates.json (+ sheets/)
 * OUT/summary.json
 * </pre>
 */
@Command(name = "candidates", mixinStandardHelpOptions = true,
        description = "Extract a layer (if needed), find directions by each method and pick their exemplars and"
                + " 2-AFC tasks: one candidate set per method under --out.")
final class CandidatesCommand implements Runnable {
    @Option(names = "--model", defaultValue = "fmnist-cnn", description = "Model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--layer", required = true, description = "Layer to read out.")
    String layer;

    @Option(names = "--dataset", description = "Stimulus set (default: the model's).")
    String dataset;

    @Option(names = "--methods", split = ",", defaultValue = "basis,random,pca,ica,kmeans,nmf,dict,sae",
            description = "Methods (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--k", defaultValue = "0",
            description = "Directions per method other than basis (default: C, as many as the layer has units).")
    int k;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for directions and tasks (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--option", description = "Method option name=value for every method, repeatable.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--engine", description = "Engine for the model (default: the manifest's).")
    String engine;

    @Option(names = "--numerics-engine", defaultValue = "PyTorch", description = "Engine for direction finding.")
    String numericsEngine;

    @Option(names = "--limit", defaultValue = "0", description = "Only the first N stimuli (0 = all).")
    int limit;

    @picocli.CommandLine.Mixin
    ProtocolOptions protocol = new ProtocolOptions();

    @Option(names = "--tasks", defaultValue = "20", description = "Tasks per direction (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--sheets", defaultValue = "-1", description = "Contact sheets for the first N directions (-1 = all).")
    int sheets;

    @Option(names = "--no-progress", description = "Do not show a progress bar.")
    boolean noProgress;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Override
    public void run() {
        methods.forEach(DirectionFinders::get); // unknown names fail before any work
        ModelAndStimuli in = ModelAndStimuli.resolve(model, dataset);
        ManifestFile<ModelManifest> mf = in.model();
        ManifestFile<StimulusSetManifest> sf = in.stimuli();
        Path actsDir = out.resolve("activations");
        Path acts = actsDir.resolve(layer + ".npy");
        if (reusable(acts, mf, sf)) {
            System.err.println("reusing " + acts);
        } else {
            new ActivationExtractor(System.err::println).run(new ExtractionRequest(mf, sf, List.of(layer), engine,
                    "auto", 256, limit, false, actsDir), noProgress ? Progress.NONE : new ConsoleProgress());
        }
        ActivationMatrix x = ActivationMatrix.load(acts);
        List<Map<String, Object>> summary = new ArrayList<>();
        try (Numerics nx = Numerics.open(numericsEngine)) {
            for (String method : methods) {
                int kk = method.equals("basis") ? 0 : (k > 0 ? k : x.cols());
                DirectionSet set = DirectionFinding.run(DirectionFinders.get(method), x,
                        new DirectionRequest(kk, seed, options), nx);
                Path d = out.resolve("directions").resolve(method + ".npy");
                DirectionFiles.write(set, acts, d, DirectionFiles.defaultReport(d));
                ExemplarResult ex = new ExemplarPipeline().run(protocol.apply(new ExemplarRequest(acts, d, null,
                        method, null, null, protocol.quantile, 9, tasks, seed, ExemplarRequest.DEFAULT_TOP, sheets,
                        out.resolve("candidates").resolve(method))));
                var r = set.report();
                System.out.printf("%-7s K=%-5d %-40s %.4g  rel.err %.3g  sparsity %.3f  dead %d  max|cos| %.3f"
                                + "  %.1f s  -> %s%n", method, r.k(), r.objectiveName(), r.objective(),
                        r.relativeReconstructionError(), r.codeSparsity(), r.deadDirections(), r.maxPairwiseCosine(),
                        r.seconds(), ex.candidates());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("method", method);
                row.put("report", set.report());
                row.put("candidates", out.relativize(ex.candidates()).toString());
                summary.add(row);
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "candidates-summary");
        doc.put("model", mf.manifest().name());
        doc.put("layer", layer);
        doc.put("stimulusSet", sf.manifest().name());
        doc.put("methods", summary);
        doc.put("run", Provenance.run());
        Json.write(out.resolve("summary.json"), doc);
    }

    /** Activations can be reused when their sidecar names the same model, stimulus set and count. */
    private boolean reusable(Path acts, ManifestFile<ModelManifest> mf, ManifestFile<StimulusSetManifest> sf) {
        Path sidecar = acts.resolveSibling(layer + ".json");
        if (!Files.isRegularFile(acts) || !Files.isRegularFile(sidecar)) {
            return false;
        }
        try {
            JsonNode s = Json.MAPPER.readTree(sidecar.toFile());
            int size;
            try (org.ipb.manifest.StimulusSet set = org.ipb.manifest.StimulusSets.open(sf)) {
                size = set.size();
            }
            int expected = limit > 0 ? Math.min(limit, size) : size;
            boolean sameModel = s.path("model").path("sha256").equals(Json.MAPPER.valueToTree(mf.manifest().sha256()))
                    && s.path("layer").asText().equals(mf.manifest().name() + ":" + layer);
            boolean sameSet = s.path("stimulusSet").path("name").asText().equals(sf.manifest().name());
            int images = s.path("stimulusSet").path("images").asInt(-2);
            boolean sameCount = images == expected && Npy.shapeOf(acts)[0] == expected;
            return sameModel && sameSet && sameCount && (engine == null
                    || engine.equals(s.path("engine").path("name").asText()));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
