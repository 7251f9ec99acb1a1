package org.ipb.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ipb.core.UserError;
import org.ipb.harness.visualize.FeatureVisualizer;
import org.ipb.harness.visualize.TransformSettings;
import org.ipb.harness.visualize.VisualizationRequest;
import org.ipb.harness.visualize.VisualizationResult;
import org.ipb.harness.visualize.VisualizationSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb visualize}: feature visualization of directions, compared with the best natural exemplar. */
@Command(name = "visualize", mixinStandardHelpOptions = true,
        description = {"Feature visualization (Olah et al. 2017, lucid defaults) of directions in a layer: optimise"
                + " the image that maximises (and with --minimize, minimises) the spatially averaged projection of"
                + " the layer on each direction. The image is a 1/f-scaled FFT spectrum through a sigmoid (one"
                + " channel for grey models, colour-decorrelated for RGB), made robust to pad/jitter/scale/rotate;"
                + " Adam on the input gradient of the model with BatchNorm folded into the convolutions.",
            "Writes <out>/<index>-max.png (-min.png; -max-<b>.png for a batch) and <out>/visualizations.json"
                + " (activation reached vs. the best natural exemplar's, ratio, steps, seconds, seed, engine), all"
                + " or nothing."})
final class VisualizeCommand implements Runnable {
    @Option(names = "--model", defaultValue = "fmnist-cnn",
            description = "Model manifest path or shipped name; djl-block models only (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--layer", required = true, description = "Layer whose directions are visualised.")
    String layer;

    @Option(names = "--directions", required = true, paramLabel = "D.npy", description = "K x C directions.")
    Path directions;

    @Option(names = "--index", paramLabel = "I", description = "Direction (row of D.npy) to visualise; repeatable"
            + " (default: all).")
    List<Integer> indices = new ArrayList<>();

    @Option(names = "--steps", defaultValue = "" + VisualizationSettings.DEFAULT_STEPS,
            description = "Adam steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--lr", defaultValue = "" + VisualizationSettings.DEFAULT_LEARNING_RATE,
            description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch", defaultValue = "1",
            description = "Images optimised together per direction; with --diversity they differ (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--diversity", defaultValue = "0",
            description = "Weight of lucid's diversity term over the batch (default: ${DEFAULT-VALUE}; try 1-10 with"
                    + " --batch 4).")
    double diversity;

    @Option(names = "--minimize", description = "Also optimise the minimising image (the left side of a 2-AFC).")
    boolean minimize;

    @Option(names = "--centre", description = "Optimise the projection at the centre position instead of its spatial"
            + " mean (the activation reported is still the spatial mean).")
    boolean centre;

    @Option(names = "--no-transforms", description = "Optimise without transformation robustness.")
    boolean noTransforms;

    @Option(names = "--activations", paramLabel = "X.npy", description = "N x C spatially averaged activations of"
            + " --layer from 'ipb extract', for the best natural exemplar (default: run the stimulus set through"
            + " the model).")
    Path activations;

    @Option(names = "--dataset", description = "Stimulus-set manifest path or shipped name whose preprocessing the"
            + " images go through and whose images give the natural exemplars (default: the model's).")
    String dataset;

    @Option(names = "--engine", description = "DJL engine (default: the model manifest's).")
    String engine;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--upscale", defaultValue = "8",
            description = "Also write copies enlarged this many times, 0 for none (default: ${DEFAULT-VALUE}).")
    int upscale;

    @Option(names = "--out", required = true, description = "Output folder (created; filled only on success).")
    Path out;

    @Override
    public void run() {
        if (steps < 1) {
            throw new UserError("--steps must be >= 1, got " + steps);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new UserError("--lr must be > 0, got " + lr);
        }
        if (batch < 1 || batch > 64) {
            throw new UserError("--batch must be between 1 and 64, got " + batch);
        }
        if (!Double.isFinite(diversity) || diversity < 0) {
            throw new UserError("--diversity must be >= 0, got " + diversity);
        }
        if (upscale < 0 || upscale > 64) {
            throw new UserError("--upscale must be between 0 and 64, got " + upscale);
        }
        ModelAndStimuli in = ModelAndStimuli.resolve(model, dataset);
        VisualizationSettings settings = new VisualizationSettings(steps, lr, batch, diversity, centre,
                noTransforms ? TransformSettings.none() : TransformSettings.lucid(), 1);
        VisualizationRequest req = new VisualizationRequest(in.model(), in.stimuli(), layer, directions, indices,
                settings, minimize, seed, engine, device, activations, upscale, out);
        VisualizationResult r = new FeatureVisualizer(System.err::println).run(req);
        long exceeding = r.directions().stream().filter(VisualizationResult.DirectionOutcome::exceeds).count();
        System.out.printf(Locale.ROOT, "%d directions of %s:%s on %s, %d steps: %d/%d (%.3f) beat the best natural"
                        + " exemplar; %.2f s per direction (%.1f s in all) -> %s%n",
                r.directions().size(), in.model().manifest().name(), r.layer(), r.engine(), steps, exceeding,
                r.directions().size(), r.fractionExceeding(), r.secondsPerDirection(), r.totalSeconds(), r.json());
    }
}
