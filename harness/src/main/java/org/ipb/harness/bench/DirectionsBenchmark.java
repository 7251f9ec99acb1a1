package org.ipb.harness.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ipb.core.Json;
import org.ipb.core.Provenance;
import org.ipb.core.UserError;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.ipb.harness.directions.ActivationMatrix;
import org.ipb.harness.directions.DirectionFinders;
import org.ipb.harness.directions.DirectionFinding;
import org.ipb.harness.directions.DirectionRequest;
import org.ipb.harness.directions.DirectionSet;
import org.ipb.harness.directions.Numerics;

/**
 * {@code ipb bench directions}: seconds, peak RSS and objective of each direction-finding method
 * on synthetic activation matrices of several sizes. Each (size, method) is measured in a fresh
 * process, which the caller starts ({@code child}), so that the peak RSS is that method's alone;
 * the process runs {@link #measureJson}. With {@code sklearn}, the scikit-learn equivalents
 * ({@code harness/bench/sklearn_directions.py}) run on the same files for comparison.
 */
public final class DirectionsBenchmark {
    /** Methods with a scikit-learn counterpart in harness/bench/sklearn_directions.py. */
    public static final Set<String> SKLEARN_EQUIVALENTS = Set.of("pca", "ica", "kmeans", "nmf", "dict");

    /** One (matrix, method) measurement, as the child process gets it. */
    public record Measurement(Path matrix, String method, int k, long seed, Map<String, String> options) {
    }

    private final List<String> sizes;
    private final List<String> methods;
    private final int k;
    private final long seed;
    private final Map<String, String> options;
    private final Path workdir;
    private final String python;
    private final Function<Measurement, String> child;

    /**
     * @param methods methods to run, or null for all registered
     * @param workdir where the synthetic matrices go, or null for {@code <ipb home>/.cache/bench}
     * @param python a python3 with scikit-learn, or null for no scikit-learn comparison
     * @param child runs {@link #measureJson} of a measurement in a fresh process and returns its
     *     standard output
     */
    public DirectionsBenchmark(List<String> sizes, List<String> methods, int k, long seed, Map<String, String> options,
            Path workdir, String python, Function<Measurement, String> child) {
        this.sizes = sizes;
        this.methods = methods != null ? methods : DirectionFinders.names();
        this.k = k;
        this.seed = seed;
        this.options = options;
        this.workdir = workdir != null ? workdir : Provenance.home().resolve(".cache/bench");
        this.python = python;
        this.child = child;
    }

    /**
     * Measures every (size, method) in order and hands each row to {@code onRow} as soon as it is
     * measured (a run takes minutes at the default sizes). A row has the child's figures, {@code
     * size} and, where scikit-learn ran, {@code sklearn}.
     */
    public List<Map<String, Object>> run(Consumer<Map<String, Object>> onRow) {
        DirectionFinders.check(methods, options.keySet());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String size : sizes) {
            int[] nc = parseSize(size);
            Path matrix = matrix(nc[0], nc[1]);
            for (String m : methods) {
                int kk = DirectionFinders.get(m).pipelineK(k, nc[1]);
                Map<String, Object> r = parse(child.apply(new Measurement(matrix, m, kk, seed, options)));
                Map<String, Object> sk = python != null && SKLEARN_EQUIVALENTS.contains(m) ? sklearnRun(matrix, m, kk)
                        : null;
                r.put("size", size);
                if (sk != null) {
                    r.put("sklearn", sk);
                }
                rows.add(r);
                onRow.accept(r);
            }
        }
        return rows;
    }

    /** The {@code --json} document of a run's rows. */
    public Map<String, Object> document(List<Map<String, Object>> rows) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "bench-directions");
        doc.put("k", k);
        doc.put("seed", seed);
        doc.put("results", rows);
        doc.put("run", Provenance.run());
        return doc;
    }

    /** The synthetic matrix for (n, c), written once and reused (seeded, so always the same). */
    private Path matrix(int n, int c) {
        Path f = workdir.resolve(String.format("synthetic-%d-%d-seed%d.npy", n, c, seed));
        if (!Files.exists(f)) {
            try {
                Files.createDirectories(workdir);
            } catch (IOException e) {
                throw new UserError(workdir, "cannot create folder: " + e.getMessage());
            }
            Npy.write(f, NpyArray.ofFloats(SyntheticActivations.generate(n, c, seed), n, c));
        }
        return f;
    }

    /** Runs one measurement in this process: its figures as one line of JSON. */
    public static String measureJson(Measurement m) {
        ActivationMatrix x = ActivationMatrix.load(m.matrix());
        DirectionSet s;
        try (Numerics nx = Numerics.open("PyTorch")) {
            s = DirectionFinding.run(DirectionFinders.get(m.method()), x, new DirectionRequest(m.k(), m.seed(),
                    m.options()), nx);
        }
        var r = s.report();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", m.method());
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
            return Json.MAPPER.writeValueAsString(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> sklearnRun(Path matrix, String m, int kk) {
        Path script = Provenance.home().resolve("harness/bench/sklearn_directions.py");
        List<String> cmd = List.of(python, script.toString(), "--matrix", matrix.toString(), "--method", m, "--k",
                Integer.toString(kk), "--seed", Long.toString(seed));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
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

    /** A figure of a row as a double; NaN where it is absent or not a number. */
    public static double num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static int[] parseSize(String s) {
        String[] p = s.toLowerCase(Locale.ROOT).split("x");
        try {
            return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
        } catch (RuntimeException e) {
            throw new UserError("--sizes: '" + s + "' is not NxC, e.g. 10000x128");
        }
    }
}
