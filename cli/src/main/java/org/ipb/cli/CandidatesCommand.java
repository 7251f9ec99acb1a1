package org.ipb.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.core.Provenance;
import org.ipb.harness.candidates.CandidatePipeline;
import org.ipb.harness.directions.ActivationMatrix;
import org.ipb.harness.directions.DirectionFinders;
import org.ipb.harness.directions.Numerics;
import org.ipb.harness.exemplars.ExemplarRequest;
import org.ipb.harness.extract.ActivationCache;
import org.ipb.harness.extract.Progress;
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
        DirectionFinders.check(methods, options.keySet()); // unknown names and options fail before any work
        ModelAndStimuli in = ModelAndStimuli.resolve(model, dataset);
        ActivationCache cache = new ActivationCache(in.model(), in.stimuli(), engine, limit, out.resolve("activations"));
        Path acts = cache.ensure(layer, System.err::println, noProgress ? Progress.NONE : new ConsoleProgress());
        ActivationMatrix x = ActivationMatrix.load(acts);
        List<Map<String, Object>> summary = new ArrayList<>();
        try (Numerics nx = Numerics.open(numericsEngine)) {
            for (String method : methods) {
                CandidatePipeline.MethodCandidates c = CandidatePipeline.run(method, acts, x, k, seed, options, nx,
                        out.resolve("directions").resolve(method + ".npy"),
                        d -> protocol.apply(new ExemplarRequest(acts, d, null, method, null, null, protocol.quantile,
                                9, tasks, seed, ExemplarRequest.DEFAULT_TOP, sheets,
                                out.resolve("candidates").resolve(method))));
                var r = c.directions().report();
                System.out.printf("%-7s K=%-5d %-40s %.4g  rel.err %.3g  sparsity %.3f  dead %d  max|cos| %.3f"
                                + "  %.1f s  -> %s%n", method, r.k(), r.objectiveName(), r.objective(),
                        r.relativeReconstructionError(), r.codeSparsity(), r.deadDirections(), r.maxPairwiseCosine(),
                        r.seconds(), c.exemplars().candidates());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("method", method);
                row.put("report", r);
                row.put("candidates", out.relativize(c.exemplars().candidates()).toString());
                summary.add(row);
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "candidates-summary");
        doc.put("model", in.model().manifest().name());
        doc.put("layer", layer);
        doc.put("stimulusSet", in.stimuli().manifest().name());
        doc.put("methods", summary);
        doc.put("run", Provenance.run());
        Json.write(out.resolve("summary.json"), doc);
    }
}
