package org.ipb.cli;

import java.nio.file.Path;
import java.util.List;
import org.ipb.harness.extract.ActivationExtractor;
import org.ipb.harness.extract.ExtractionRequest;
import org.ipb.harness.extract.ExtractionResult;
import org.ipb.harness.extract.LayerOutput;
import org.ipb.harness.extract.Progress;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.ModelManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb extract}: activations of chosen layers for every image of a stimulus set. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Run a stimulus set through a model and write, per layer, the spatially averaged"
                + " activations (N x C float32 .npy), optionally the full feature maps, and a JSON sidecar.")
final class ExtractCommand implements Runnable {
    @Option(names = "--model", defaultValue = "fmnist-cnn",
            description = "Model manifest path or shipped name (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--dataset", description = "Stimulus-set manifest path or shipped name"
            + " (default: the model manifest's stimulusSet).")
    String dataset;

    @Option(names = "--layers", split = ",", description = "Comma-separated layers (default: all the manifest lists).")
    List<String> layers = List.of();

    @Option(names = "--out", required = true, description = "Output folder (created; filled only on success).")
    Path out;

    @Option(names = "--engine", description = "DJL engine (default: the model manifest's).")
    String engine;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--batch", defaultValue = "256", description = "Images per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--limit", defaultValue = "0", description = "Only the first N images (0 = all).")
    int limit;

    @Option(names = "--feature-maps", description = "Also write the full (N, C, H, W) maps as <layer>.maps.npy.")
    boolean featureMaps;

    @Option(names = "--no-progress", description = "Do not show a progress bar.")
    boolean noProgress;

    @Override
    public void run() {
        ModelAndStimuli in = ModelAndStimuli.resolve(model, dataset);
        ManifestFile<ModelManifest> mf = in.model();
        var sf = in.stimuli();
        ExtractionRequest req = new ExtractionRequest(mf, sf, layers, engine, device, batch, limit, featureMaps, out);
        ExtractionResult r = new ActivationExtractor(System.err::println)
                .run(req, noProgress ? Progress.NONE : new ConsoleProgress());
        System.out.printf("%d images through %s on %s (%s): %.1f images/s%n", r.images(), mf.manifest().name(),
                r.engine(), r.device(), r.imagesPerSecond());
        for (LayerOutput l : r.layers()) {
            System.out.printf("  %-8s %s  %s%s%n", l.layer(), l.shape(), l.activations(),
                    l.maps() != null ? "  + " + l.maps().getFileName() : "");
        }
    }
}
