package org.ipb.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.harness.bench.DirectionsBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ipb bench directions}: parses the options, runs {@link DirectionsBenchmark} (each
 * measurement in a fresh JVM, this command with the hidden {@code --in-process}) and prints a row
 * per (size, method).
 */
@Command(name = "directions", mixinStandardHelpOptions = true,
        description = "Benchmark direction finding: per matrix size and method, seconds, peak RSS and the objective"
                + " reached; optionally next to scikit-learn on the same matrices (--sklearn).")
final class BenchDirectionsCommand implements Runnable {
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
            System.out.println(DirectionsBenchmark.measureJson(
                    new DirectionsBenchmark.Measurement(inProcessMatrix, method, k, seed, options)));
            return;
        }
        DirectionsBenchmark bench = new DirectionsBenchmark(sizes, methods, k, seed, options, workdir,
                sklearn ? python : null, BenchDirectionsCommand::child);
        System.out.printf("%-11s %-7s %5s %9s %9s  %-26s %12s%s%n", "N x C", "method", "K", "seconds", "RSS MiB",
                "objective", "value", sklearn ? "   sklearn s  sk RSS MiB    sk value" : "");
        List<Map<String, Object>> rows = bench.run(r -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> sk = (Map<String, Object>) r.get("sklearn");
            System.out.printf("%-11s %-7s %5s %9.2f %9.0f  %-26s %12.6g%s%n", r.get("size"), r.get("method"),
                    r.get("k"), num(r, "seconds"), num(r, "peakRssMiB"), r.get("objectiveName"), num(r, "objective"),
                    sk == null ? "" : String.format(" %11.2f %11.0f %11.6g", num(sk, "seconds"),
                            num(sk, "peakRssMiB"), num(sk, "objective")));
        });
        if (json != null) {
            Json.write(json, bench.document(rows));
        }
    }

    /** This command with --in-process in a fresh JVM, so that the peak RSS is the method's alone. */
    private static String child(DirectionsBenchmark.Measurement m) {
        List<String> args = new ArrayList<>(List.of("bench", "directions", "--in-process", m.matrix().toString(),
                "--method", m.method(), "--k", Integer.toString(m.k()), "--seed", Long.toString(m.seed())));
        m.options().forEach((name, value) -> args.addAll(List.of("--option", name + "=" + value)));
        return ChildJvm.run("benchmark of " + m.method() + " on " + m.matrix().getFileName(), args);
    }

    private static double num(Map<String, Object> m, String key) {
        return DirectionsBenchmark.num(m, key);
    }
}
