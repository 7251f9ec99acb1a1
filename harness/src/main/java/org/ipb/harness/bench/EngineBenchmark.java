package org.ipb.harness.bench;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ipb.core.StagedOutput;
import org.ipb.harness.extract.ActivationExtractor;
import org.ipb.harness.extract.ExtractionRequest;
import org.ipb.harness.extract.ExtractionResult;
import org.ipb.harness.extract.Progress;
import org.ipb.harness.model.DeviceChoice;
import org.ipb.harness.model.LoadedModel;
import org.ipb.harness.model.ModelLoader;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.StimulusSetManifest;

/**
 * Extraction speed of one engine on a model: a full {@link ActivationExtractor} run (preprocess,
 * forward, spatial mean, .npy write) over {@code images} stimuli after a warm-up run, plus the
 * engine's SGEMM speed and the process's peak RSS. Run one engine per process for clean RSS.
 */
public final class EngineBenchmark {
    private EngineBenchmark() {}

    public static EngineFigures run(ManifestFile<ModelManifest> model, ManifestFile<StimulusSetManifest> stimuli,
            String engineName, int images, int batch, int matmulSize) {
        Engine engine = ModelLoader.engine(engineName);
        Path scratch;
        try {
            scratch = Files.createTempDirectory("ipb-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            ActivationExtractor x = new ActivationExtractor(s -> { });
            // Warm-up: native library load, kernel selection, JIT.
            x.run(new ExtractionRequest(model, stimuli, List.of(), engineName, "auto", batch, Math.min(images, batch),
                    false, scratch.resolve("warmup")), Progress.NONE);
            ExtractionResult r = x.run(new ExtractionRequest(model, stimuli, List.of(), engineName, "auto", batch,
                    images, false, scratch.resolve("run")), Progress.NONE);
            double gflops = MatmulBenchmark.gflops(engine, DeviceChoice.choose(engine, "auto"), matmulSize, 5);
            long flops;
            try (LoadedModel m = ModelLoader.load(model, engineName, "auto")) {
                flops = m.flopsPerImage();
            }
            return new EngineFigures(engineName, engine.getVersion(), r.device(), r.images(), r.layers().size(), batch,
                    r.imagesPerSecond(), r.images() / r.totalSeconds(), matmulSize, gflops, PeakMemory.peakRssMiB(),
                    Runtime.getRuntime().availableProcessors(), flops);
        } finally {
            StagedOutput.deleteTree(scratch);
        }
    }
}
