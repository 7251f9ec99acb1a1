package org.ipb.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.harness.bench.PlantedRecoveryBenchmark;
import org.ipb.harness.bench.PlantedRecoveryBenchmark.Coefficients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ipb bench planted}: parses the options, runs {@link PlantedRecoveryBenchmark} and prints a
 * row per (coefficients, seed, method), then the means over the seeds.
 */
@Command(name = "planted", mixinStandardHelpOptions = true,
        description = "Benchmark feature recovery: planted unit-norm atoms in superposition (overcomplete x C atoms,"
                + " exactly --active per sample); per method and seed the mean max |cos| between each true atom and"
                + " the directions found, the atoms recovered (|cos| > " + PlantedRecoveryBenchmark.RECOVERED
                + ") and the seconds.")
final class BenchPlantedCommand implements Runnable {
    @Option(names = "--n", defaultValue = "10000", description = "Samples (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--c", defaultValue = "32", description = "Dimensions (default: ${DEFAULT-VALUE}).")
    int c;

    @Option(names = "--overcomplete", defaultValue = "2",
            description = "Atoms per dimension; K = atoms for every method (default: ${DEFAULT-VALUE}).")
    int overcomplete;

    @Option(names = "--active", defaultValue = "3",
            description = "Active atoms per sample; the sae rows get topk = this (default: ${DEFAULT-VALUE}).")
    int active;

    @Option(names = "--offset", defaultValue = "0.5",
            description = "Non-negative coefficients are |N(0,1)| + this (default: ${DEFAULT-VALUE}).")
    double offset;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3,4,5",
            description = "Seeds of the data and of every method (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--coefficients", split = ",", defaultValue = "nonneg,signed,uniform",
            description = "Coefficient kinds: nonneg |N(0,1)| + offset, signed N(0,1), uniform U[0.5, 2]"
                    + " (default: ${DEFAULT-VALUE}).")
    List<String> coefficients;

    @Option(names = "--methods", split = ",", defaultValue = PlantedRecoveryBenchmark.DEFAULT_METHODS,
            description = "Rows: sae-<sparsity> (sae with that sparsity) or a method name, each optionally with"
                    + " :name=value options of its own; the first default row is the sae's defaults before issue 13"
                    + " (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--option", description = "sae option name=value for every sae row, repeatable (e.g. lr=1e-2).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--json", description = "Also write all rows to this JSON file.")
    Path json;

    @Override
    public void run() {
        PlantedRecoveryBenchmark bench = new PlantedRecoveryBenchmark(
                new PlantedRecoveryBenchmark.Setup(n, c, overcomplete, active, offset), seeds,
                coefficients.stream().map(Coefficients::parse).toList(), methods, options);
        System.out.printf("%d x %d, %d atoms, %d active per sample%n", n, c, overcomplete * c, active);
        String format = "%-8s %5s %-28s %14s %10s %9s%n";
        System.out.printf(format, "coef", "seed", "method", "mean max|cos|", "recovered", "seconds");
        List<PlantedRecoveryBenchmark.Row> rows = bench.run(r -> System.out.printf(format, r.coefficients(),
                r.seed(), r.method(), String.format("%.4f", r.meanMaxCos()), r.recovered() + "/" + r.atoms(),
                String.format("%.2f", r.seconds())));
        System.out.println();
        System.out.printf("mean over %d seeds%n", seeds.size());
        PlantedRecoveryBenchmark.summary(rows).forEach((key, s) -> {
            String[] kindAndMethod = key.split(" ", 2);
            System.out.printf(format, kindAndMethod[0], "", kindAndMethod[1], String.format("%.4f", s[0]),
                    String.format("%.1f", s[1]), String.format("%.2f", s[2]));
        });
        if (json != null) {
            Json.write(json, bench.document(rows));
        }
    }
}
