package org.ipb.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.harness.directions.ActivationMatrix;
import org.ipb.harness.directions.DirectionFiles;
import org.ipb.harness.directions.DirectionFinders;
import org.ipb.harness.directions.DirectionFinding;
import org.ipb.harness.directions.DirectionRequest;
import org.ipb.harness.directions.DirectionSet;
import org.ipb.harness.directions.Numerics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb directions}: K unit-norm directions in a layer's activation space by one method. */
@Command(name = "directions", mixinStandardHelpOptions = true,
        description = "Find K unit-norm directions in an N x C activation matrix: basis, random, pca, ica, kmeans,"
                + " nmf, dict, sae. Writes a K x C float32 .npy (rows signed so that their top activations are"
                + " positive) and a JSON report (objective, reconstruction error, sparsity, dead directions, max"
                + " pairwise cosine, iterations, seconds).")
final class DirectionsCommand implements Runnable {
    @Option(names = "--activations", required = true, description = "N x C float32 .npy (from ipb extract).")
    Path activations;

    @Option(names = "--method", required = true, description = "One of: ${COMPLETION-CANDIDATES}.",
            completionCandidates = MethodNames.class)
    String method;

    @Option(names = "--k", defaultValue = "0", description = "Number of directions (basis: C; required otherwise).")
    int k;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--option", description = "Method option name=value, repeatable (e.g. orthonormal=true,"
            + " max-iter=300, alpha=0.5, sparsity=topk, topk=8).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--numerics-engine", defaultValue = "PyTorch",
            description = "DJL engine for the linear algebra (default: ${DEFAULT-VALUE}).")
    String numericsEngine;

    @Option(names = "--out", required = true, description = "Output K x C .npy.")
    Path out;

    @Option(names = "--report", description = "Report JSON (default: <out without .npy>.report.json).")
    Path report;

    @Override
    public void run() {
        DirectionFinders.check(java.util.List.of(method), options.keySet());
        var finder = DirectionFinders.get(method);
        ActivationMatrix x = ActivationMatrix.load(activations);
        DirectionRequest request = new DirectionRequest(k, seed, options);
        DirectionSet set;
        try (Numerics nx = Numerics.open(numericsEngine)) {
            set = DirectionFinding.run(finder, x, request, nx);
        }
        Path reportFile = report != null ? report : DirectionFiles.defaultReport(out);
        DirectionFiles.write(set, activations, out, reportFile);
        var r = set.report();
        System.out.printf("%s: %d directions in C = %d from N = %d (%.2f s); %s %.6g; rel. reconstruction error %.4g;"
                        + " code sparsity %.3f; dead %d; max |cos| %.3f; %d iterations%s%n",
                method, r.k(), r.c(), r.n(), r.seconds(), r.objectiveName(), r.objective(),
                r.relativeReconstructionError(), r.codeSparsity(), r.deadDirections(), r.maxPairwiseCosine(),
                r.iterations(), r.converged() ? "" : " (not converged)");
        System.out.println("wrote " + out + " and " + reportFile);
    }

    /** For --help: the registered methods. */
    static final class MethodNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.copyOf(DirectionFinders.names()).iterator();
        }
    }
}
