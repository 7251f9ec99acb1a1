package org.ipb.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ipb.core.Provenance;
import org.ipb.harness.visualize.SyntheticCandidates;
import org.ipb.harness.visualize.VisualizationSettings;
import org.ipb.leaderboards.replicate.Borowski2021Replication;
import org.ipb.leaderboards.replicate.Borowski2021Tasks;
import org.ipb.leaderboards.replicate.Replications;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipb replicate borowski2021}: a machine replication of a published human experiment. */
@Command(name = "replicate", mixinStandardHelpOptions = true,
        description = {"Run the machine observer (hard MIS decision on fmnist-observer:embed) through the conditions"
                + " of a published human experiment on the embedded default and set it beside the human accuracies.",
            "borowski2021: Borowski et al., ICLR 2021, Exp I (natural, synthetic, none) and Exp II (Min-Max/Max x 9/1"
                + " x natural/synthetic). Writes <out>/conditions.csv, directions.csv, replication.json,"
                + " REPLICATION.md and the synthetic PNGs, all or nothing."})
final class ReplicateCommand implements Runnable {
    @Parameters(index = "0", paramLabel = "NAME", description = "Replication: borowski2021.")
    String name;

    @Option(names = "--out", required = true, description = "Output folder (created; filled only on success).")
    Path out;

    @Option(names = "--layers", split = ",", description = "fmnist-cnn layers (default: conv1,conv2,conv3,conv4).")
    List<String> layers = Borowski2021Replication.DEFAULT_LAYERS;

    @Option(names = "--units-per-layer", defaultValue = "" + Borowski2021Replication.DEFAULT_UNITS_PER_LAYER,
            description = "Random units per layer (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--tasks", defaultValue = "" + Borowski2021Tasks.TASKS,
            description = "Tasks (batches) per direction, 1-20 (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--steps", defaultValue = "" + VisualizationSettings.DEFAULT_STEPS,
            description = "Feature-visualization steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--diversity", defaultValue = "" + SyntheticCandidates.DEFAULT_DIVERSITY,
            description = "Diversity weight of the synthetic batch (default: ${DEFAULT-VALUE}).")
    double diversity;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bootstrap", defaultValue = "" + Borowski2021Replication.DEFAULT_BOOTSTRAP,
            description = "Bootstrap resamples of directions (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--observer", defaultValue = "observer", description = "Observer (default: ${DEFAULT-VALUE}).")
    String observer;

    @Option(names = "--reference-data", description = "Folder with the authors' CSVs (default:"
            + " <ipb home>/../shared/reference-data/borowski2021; absent: the paper's published figures).")
    Path referenceData;

    @Override
    public void run() {
        Replications.check(name);
        Path ref = referenceData != null ? referenceData
                : Provenance.home().resolve("../shared/reference-data/borowski2021").normalize();
        Borowski2021Replication.Result r = new Borowski2021Replication(System.err::println).run(
                new Borowski2021Replication.Settings(layers, units, tasks, steps, diversity, seed, bootstrap, observer,
                        ref, out));
        System.out.printf(Locale.ROOT, "%-3s %-10s %-10s %8s %17s %8s %6s%n", "exp", "condition", "reference", "machine",
                "95% CI", "human", "n");
        for (Borowski2021Replication.Row row : r.rows()) {
            System.out.printf(Locale.ROOT, "%-3s %-10s %-10s %8.3f %8.3f-%-8.3f %8s %6s%n", row.condition().experiment(),
                    row.condition().name(), row.condition().reference(), row.machine(), row.ci().low(), row.ci().high(),
                    row.human() == null ? "" : String.format(Locale.ROOT, "%.3f", row.human().accuracy()),
                    row.human() == null || row.human().n() == null ? "" : row.human().n());
        }
        System.out.printf(Locale.ROOT, "Spearman rho machine vs human: %s (n = %d conditions); without none: %s (n = %d)%n",
                fmt(r.spearman()), r.spearmanN(), fmt(r.spearmanWithoutNone()), r.spearmanWithoutNoneN());
        for (Borowski2021Replication.Effect e : r.effects()) {
            System.out.println(Borowski2021Replication.effectLine(e));
        }
        r.humanSources().forEach((k, v) -> System.out.println("human Exp " + k + ": " + v));
        System.out.printf(Locale.ROOT, "%d directions, %d tasks each, %d steps; wall time %.1f s -> %s%n",
                r.directions().size(), tasks, steps, r.timings().get("totalSeconds"), r.out());
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "undefined";
    }
}
