package org.ipb.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.ipb.harness.visualize.SyntheticCandidates;
import org.ipb.harness.visualize.VisualizationSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb synthesize}: the synthetic-reference condition of a natural candidate set. */
@Command(name = "synthesize", mixinStandardHelpOptions = true,
        description = {"Make the synthetic-reference version of a natural candidate set (Borowski et al. 2021):"
                + " for every direction, feature visualization (as ipb visualize, lucid defaults) of a diverse batch of"
                + " 9 maximising and 9 minimising images; each task's max and min references become those images,"
                + " natural queries stay.",
            "Writes <out>/candidates.json (provenance: \"reference\": \"synthetic\", \"syntheticImages\","
                + " \"visualization\") and <out>/synthetic/<index>-max-<b>.png, -min-<b>.png at the model's input"
                + " size, all or nothing."})
final class SynthesizeCommand implements Runnable {
    @Option(names = "--candidates", required = true,
            description = "Natural candidate set: a candidates.json or the folder holding it.")
    Path candidates;

    @Option(names = "--model", description = "Model manifest path or shipped name (default: the one the set was made"
            + " with); djl-block models only.")
    String model;

    @Option(names = "--steps", defaultValue = "" + VisualizationSettings.DEFAULT_STEPS,
            description = "Adam steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--diversity", defaultValue = "" + SyntheticCandidates.DEFAULT_DIVERSITY,
            description = "Weight of lucid's diversity term over the 9 images of a side (default: ${DEFAULT-VALUE}).")
    double diversity;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--directions", defaultValue = "0", paramLabel = "N",
            description = "Only the first N directions of the set (default: all).")
    int directions;

    @Option(names = "--engine", description = "DJL engine (default: the model manifest's).")
    String engine;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--out", required = true, description = "Output folder (created; filled only on success).")
    Path out;

    @Override
    public void run() {
        SyntheticCandidates.Result r = new SyntheticCandidates(System.err::println).run(new SyntheticCandidates.Request(
                candidates, model, steps, diversity, seed, engine, device, directions, out));
        System.out.printf(Locale.ROOT, "%d directions of %s:%s:%s on %s, %d steps: %d synthetic images; %.2f s per"
                        + " direction (%.1f s in all) -> %s%n", r.directions(), r.set().model(), r.set().layer(),
                r.set().method(), r.engine(), steps, r.images(), r.secondsPerDirection(), r.totalSeconds(),
                r.candidates());
    }
}
