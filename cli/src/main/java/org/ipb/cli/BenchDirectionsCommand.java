package org.ipb.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.core.Provenance;
import org.ipb.core.UserError;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.ipb.harness.bench.PeakMemory;
import org.ipb.harness.bench.SyntheticActivations;
import org.ipb.harness.directions.ActivationMatrix;
import org.ipb.harness.directions.DirectionFinders;
import org.ipb.harness.directions.DirectionFinding;
import org.ipb.harness.directions.DirectionRequest;
import org.ipb.harness.directions.DirectionSet;
import org.ipb.harness.directions.Numerics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ipb bench directions}: seconds, peak RSS and objective of each direction-finding method
 * on synthetic activation matrices of several sizes; each (size, method) runs in a fresh JVM. With
 * {@code --sklearn}, the scikit-learn equivalents run on the same files for comparison.
 */
@Command(name = "directions", mixinStandardHelpOptions = true,
        description = "Benchmark direction finding: per matrix size and method, seconds, peak RSS and the objective"
                + " reached; optionally next to scikit-learn on the same matrices (--sklearn).")
final class BenchDirectionsCommand implements Runnable {
    /** Methods with a scikit-learn counterpart in harness/bench/sklearn_directions.py. */
    static final java.util.Set<String> SKLEARN_EQUIVALENTS = java.util.Set.of("pca", "ica", "kmeans", "nmf", "dict");

    @Option(names = "--sizes", split = ",", defaultValue = "10000x128,10000x512,60000x128,60000x512",
            description = "NxC sizes (default: ${DEFAULT-VALUE}).")
    List<String> sizes;

    @Option(names = "--methods", split = ",", description = "Methods (default: all registered).")
    List<String> methods;

    @Option(names = "--k", defaultValue = "64", description = "Directions per method (basis: C) (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--option", description = "Method option name=value passed to every method, repeatable.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--workdir", description = "Where the synthetic matrices go (default: <ipb home>/.cache/bench).")
    Path workdir;

    @Option(names = "--sklearn", description = "Also run scikit-learn (python3 with sklearn) on the same matrices.")
    boolean sklearn;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python with scikit-learn (default: ${DEFAULT-VALUE}, Debian python3-sklearn).")
    String python;

    @Option(names = "--json", description = "Also write all figures to this JSON file.")
    Path json;

    @Option(names = "--in-process", hidden = true)
    Path inProcessMatrix;

    @Option(names = "--method", hidden = true)
    String method;

    @Override
    public void run() {
        if (inProcessMatrix != null) {
            measure();
            return;
        }
        List<String> ms = methods != null ? methods : DirectionFinders.names();
        Path dir = workdir != null ? workdir : Provenance.home().resolve(".cache/bench");
        List<Map<String, Object>> rows = new ArrayList<>();
        System.out.printf("%-11s %-7s %5s %9s %9s  %-26s %12s%s%n", "N x C", "method", "K", "seconds", "RSS MiB",
                "objective", "value", sklearn ? "   sklearn s  sk RSS MiB    sk value" : "");
        for (String size : sizes) {
            int[] nc = parseSize(size);
            Path matrix = matrix(dir, nc[0], nc[1]);
            for (String m : ms) {
                DirectionFinders.get(m);
                int kk = m.equals("basis") ? 0 : k;
                Map<String, Object> r = child(matrix, m, kk);
                Map<String, Object> sk = sklearn && SKLEARN_EQUIVALENTS.contains(m) ? sklearnRun(matrix, m, kk) : null;
                r.put("size", size);
                if (sk != null) {
                    r.put("sklearn", sk);
                }
                rows.add(r);
                System.out.printf("%-11s %-7s %5s %9.2f %9.0f  %-26s %12.6g%s%n", size, m, r.get("k"),
                        num(r, "seconds"), num(r, "peakRssMiB"), r.get("objectiveName"), num(r, "objective"),
                        sk == null ? "" : String.format(" %11.2f %11.0f %11.6g", num(sk, "seconds"),
                                num(sk, "peakRssMiB"), num(sk, "objective")));
            }
        }
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("kind", "bench-directions");
            doc.put("k", k);
            doc.put("seed", seed);
            doc.put("results", rows);
            doc.put("run", Provenance.run());
            Json.write(json, doc);
        }
    }

    /** The synthetic matrix for (n, c), written once and reused (seeded, so always the same). */
    private Path matrix(Path dir, int n, int c) {
        Path f = dir.resolve(String.format("synthetic-%d-%d-seed%d.npy", n, c, seed));
        if (!Files.exists(f)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UserError(dir, "cannot create folder: " + e.getMessage());
            }
            Npy.write(f, NpyArray.ofFloats(SyntheticActivations.generate(n, c, seed), n, c));
        }
        return f;
    }

    private void measure() {
        ActivationMatrix x = ActivationMatrix.load(inProcessMatrix);
        DirectionSet s;
        try (Numerics nx = Numerics.open("PyTorch")) {
            s = DirectionFinding.run(DirectionFinders.get(method), x, new DirectionRequest(k, seed, options), nx);
        }
        var r = s.report();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", method);
        out.put("n", r.n());
        out.put("c", r.c());
        out.put("k", r.k());
        out.put("seconds", r.seconds());
        out.put("peakRssMiB", PeakMemory.peakRssMiB());
        out.put("objectiveName", r.objectiveName());
        out.put("objective", r.objective());
        out.put("relativeReconstructionError", r.relativeReconstructionError());
        out.put("iterations", r.iterations());
        out.put("converged", r.converged());
        try {
            System.out.println(Json.MAPPER.writeValueAsString(out));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> child(Path matrix, String m, int kk) {
        List<String> args = new ArrayList<>(List.of("bench", "directions", "--in-process", matrix.toString(),
                "--method", m, "--k", Integer.toString(kk), "--seed", Long.toString(seed)));
        options.forEach((name, value) -> args.addAll(List.of("--option", name + "=" + value)));
        return parse(ChildJvm.run("benchmark of " + m + " on " + matrix.getFileName(), args));
    }

    private Map<String, Object> sklearnRun(Path matrix, String m, int kk) {
        Path script = Provenance.home().resolve("harness/bench/sklearn_directions.py");
        List<String> cmd = List.of(python, script.toString(), "--matrix", matrix.toString(), "--method", m, "--k",
                Integer.toString(kk), "--seed", Long.toString(seed));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new UserError("scikit-learn run of " + m + " failed; is python3-sklearn installed (" + python + ")?");
            }
            return parse(out);
        } catch (IOException e) {
            throw new UserError("cannot run " + python + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("unreadable benchmark output: " + json, e);
        }
    }

    private static double num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static int[] parseSize(String s) {
        String[] p = s.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
        } catch (RuntimeException e) {
            throw new UserError("--sizes: '" + s + "' is not NxC, e.g. 10000x128");
        }
    }
}
