package org.ipb.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.core.Provenance;
import org.ipb.harness.bench.EngineBenchmark;
import org.ipb.harness.bench.EngineFigures;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.StimulusSetManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ipb bench extract}: extraction images/s per engine next to the engine's SGEMM GFLOP/s
 * and peak RSS. Each engine runs in its own JVM so that peak RSS belongs to that engine alone.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Benchmark activation extraction on a model for each engine (MXNet, PyTorch): images/s,"
                + " the engine's SGEMM GFLOP/s and peak RSS, each engine in a fresh JVM.")
final class BenchExtractCommand implements Runnable {
    @Option(names = "--model", defaultValue = "fmnist-cnn", description = "Model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--dataset", description = "Stimulus set (default: the model's).")
    String dataset;

    @Option(names = "--engines", split = ",", defaultValue = "MXNet,PyTorch",
            description = "Engines to compare (default: ${DEFAULT-VALUE}).")
    List<String> engines;

    @Option(names = "--images", defaultValue = "10000", description = "Images per run (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--batch", defaultValue = "256", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--matmul-size", defaultValue = "2000", description = "SGEMM matrix size (default: ${DEFAULT-VALUE}).")
    int matmulSize;

    @Option(names = "--json", description = "Also write the figures to this JSON file.")
    Path json;

    @Option(names = "--in-process", hidden = true, description = "Measure the single engine in this JVM and print JSON.")
    boolean inProcess;

    @Override
    public void run() {
        ModelAndStimuli in = ModelAndStimuli.resolve(model, dataset);
        ManifestFile<ModelManifest> mf = in.model();
        ManifestFile<StimulusSetManifest> sf = in.stimuli();
        if (inProcess) {
            EngineFigures f = EngineBenchmark.run(mf, sf, engines.get(0), images, batch, matmulSize);
            try {
                System.out.println(Json.MAPPER.writeValueAsString(f));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        List<EngineFigures> figures = new ArrayList<>();
        for (String engine : engines) {
            System.err.println("benchmarking " + engine + " ...");
            figures.add(child(engine, mf.file(), sf.file()));
        }
        System.out.printf("ipb bench: model %s, %d images of %s, batch %d, all %d layers, %d cores%n",
                mf.manifest().name(), figures.get(0).images(), sf.manifest().name(), batch,
                figures.get(0).layers(), figures.get(0).cores());
        long flops = figures.get(0).flopsPerImage();
        System.out.printf("forward FLOPs per image: %s%n", flops < 0 ? "unknown (not a djl-block model)"
                : String.format("%.2f M (convolutions and linear layers, 2 per multiply-add)", flops / 1e6));
        System.out.printf("%-8s %-8s %-7s %14s %18s %15s %14s %9s %13s%n", "engine", "version", "device",
                "extract img/s", "end-to-end img/s", "reached GFLOP/s", "SGEMM GFLOP/s", "of SGEMM", "peak RSS MiB");
        for (EngineFigures f : figures) {
            System.out.printf("%-8s %-8s %-7s %14.0f %18.0f %15.1f %14.1f %8.0f%% %13.0f%n", f.engine(),
                    f.engineVersion(), f.device(), f.imagesPerSecond(), f.endToEndImagesPerSecond(), f.achievedGflops(),
                    f.matmulGflops(), 100 * f.fractionOfSgemm(), f.peakRssMiB());
        }
        System.out.printf("(SGEMM: median of 5 %dx%d float32 products, the bound; extract: forward + spatial mean + .npy"
                + " write; reached = extract img/s x FLOPs per image)%n", matmulSize, matmulSize);
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("kind", "bench-extraction");
            doc.put("model", mf.manifest().name());
            doc.put("stimulusSet", sf.manifest().name());
            doc.put("results", figures);
            doc.put("run", Provenance.run());
            Json.write(json, doc);
        }
    }

    /** Runs this command with --in-process in a fresh JVM. */
    private EngineFigures child(String engine, Path modelFile, Path datasetFile) {
        String out = ChildJvm.run("benchmark of engine " + engine, List.of("bench", "extract", "--in-process",
                "--engines", engine, "--model", modelFile.toString(), "--dataset", datasetFile.toString(), "--images",
                Integer.toString(images), "--batch", Integer.toString(batch), "--matmul-size",
                Integer.toString(matmulSize)));
        try {
            return Json.MAPPER.readValue(out, new TypeReference<EngineFigures>() { });
        } catch (IOException e) {
            throw new IllegalStateException("unreadable benchmark output: " + out, e);
        }
    }
}
