package org.ipb.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.core.Provenance;
import org.ipb.core.StagedOutput;
import org.ipb.core.UserError;
import org.ipb.core.npy.Npy;
import org.ipb.harness.bench.BatchPeer;
import org.ipb.harness.bench.BenchPixels;
import org.ipb.harness.bench.EngineBenchmark;
import org.ipb.harness.bench.EngineFigures;
import org.ipb.harness.bench.ForwardTiming;
import org.ipb.harness.bench.InterleavedComparison;
import org.ipb.harness.bench.LoadAverage;
import org.ipb.harness.bench.ReadoutBenchmark;
import org.ipb.harness.bench.TorchBaseline;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.ModelSource;
import org.ipb.manifest.StimulusSetManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ipb bench extract}: extraction images/s per engine next to the engine's SGEMM GFLOP/s
 * and peak RSS. Each engine runs in its own JVM so that peak RSS belongs to that engine alone.
 *
 * <p>With {@code --torch}, for a TorchScript model, PyTorch itself ({@code python/bench_torch.py})
 * runs the same .pt file on the same preprocessed images with the same threads, alternating with
 * ipb batch by batch so that both see the same load; medians are printed.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Benchmark activation extraction on a model for each engine (MXNet, PyTorch): images/s,"
                + " the engine's SGEMM GFLOP/s and peak RSS, each engine in a fresh JVM.")
final class BenchExtractCommand implements Runnable {
    /** --torch: the largest preprocessed image set the two sides load (about 890 images at 224 x 224). */
    private static final long MAX_PIXEL_BYTES = 512L << 20;

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

    @Option(names = "--torch", description = "TorchScript models: also time PyTorch itself on the same .pt file,"
            + " images, batch and threads, interleaved with ipb.")
    boolean torch;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python with torch and torchvision for --torch (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--repeats", defaultValue = "3", description = "--torch: passes over the images, each batch on both sides in turn (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", defaultValue = "2", description = "--torch: untimed warm-up batches (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--no-extract", description = "--torch: skip the per-engine extraction table.")
    boolean noExtract;

    @Option(names = "--in-process", hidden = true, description = "Measure the single engine in this JVM and print JSON.")
    boolean inProcess;

    @Option(names = "--readout-child", hidden = true, description = "Time ipb's read-out of these pixels and print JSON.")
    Path readoutChild;

    @Override
    public void run() {
        ModelAndStimuli in = ModelAndStimuli.resolve(model, dataset != null ? dataset : defaultDataset());
        ManifestFile<ModelManifest> mf = in.model();
        ManifestFile<StimulusSetManifest> sf = Manifests.asInputTo(in.stimuli(), mf.manifest());
        boolean torchScript = mf.manifest().source() instanceof ModelSource.TorchScriptSource;
        if (torchScript && engines.equals(List.of("MXNet", "PyTorch"))) {
            engines = List.of("PyTorch"); // MXNet cannot run TorchScript
        }
        if (readoutChild != null) {
            ReadoutBenchmark.serve(mf, readoutChild, new BufferedReader(new InputStreamReader(System.in,
                    StandardCharsets.UTF_8)), System.out);
            return;
        }
        if (inProcess) {
            EngineFigures f = EngineBenchmark.run(mf, sf, engines.get(0), images, batch, matmulSize);
            try {
                System.out.println(Json.MAPPER.writeValueAsString(f));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        if (torch && !torchScript) {
            throw new UserError(mf.file(), "--torch needs a torchscript model (python/ipb_export.py writes one)");
        }
        List<ForwardTiming[]> pairs = torch ? compareWithTorch(mf, sf) : List.of();
        if (noExtract) {
            writeJson(mf, sf, List.of(), pairs);
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
        if (flops < 0 && !pairs.isEmpty() && pairs.get(0)[1].flopsPerImage() > 0) {
            long counted = pairs.get(0)[1].flopsPerImage();
            figures.replaceAll(f -> f.withFlops(counted));
            flops = counted;
        }
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
        writeJson(mf, sf, figures, pairs);
    }

    private void writeJson(ManifestFile<ModelManifest> mf, ManifestFile<StimulusSetManifest> sf,
            List<EngineFigures> figures, List<ForwardTiming[]> pairs) {
        if (json == null) {
            return;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "bench-extraction");
        doc.put("model", mf.manifest().name());
        doc.put("stimulusSet", sf.manifest().name());
        doc.put("results", figures);
        if (!pairs.isEmpty()) {
            doc.put("torchComparison", pairs.stream().map(p -> Map.of("ipb", p[0], "torch", p[1])).toList());
        }
        doc.put("run", Provenance.run());
        Json.write(json, doc);
    }

    /** A model naming no stimulus set (an exported torchvision network) is timed on the shipped test split. */
    private String defaultDataset() {
        ManifestFile<ModelManifest> mf = Manifests.readModel(ManifestCatalog.model(model));
        return mf.manifest().stimulusSet() != null ? null : "fashion-mnist-test";
    }

    /**
     * ipb (a child JVM) and PyTorch (python), both loaded at once and timed batch by batch in turn
     * ({@link InterleavedComparison}) on the same .npy of preprocessed images; prints each
     * repetition and the medians. Returns the pairs {ipb, torch}.
     */
    private List<ForwardTiming[]> compareWithTorch(ManifestFile<ModelManifest> mf, ManifestFile<StimulusSetManifest> sf) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("ipb-bench-torch");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path pixels = scratch.resolve("pixels.npy");
            // Both sides hold all the pixels in memory (and the .npy is written first).
            long bytes = 4L * images * sf.manifest().preprocessing().floatsPerImage();
            if (bytes > MAX_PIXEL_BYTES) {
                throw new UserError("--torch: " + images + " images of " + sf.manifest().preprocessing().channels() + "x"
                        + sf.manifest().preprocessing().height() + "x" + sf.manifest().preprocessing().width()
                        + " make " + bytes / (1 << 20) + " MiB of pixels, over " + MAX_PIXEL_BYTES / (1 << 20)
                        + " MiB; pass fewer --images (e.g. 64)");
            }
            BenchPixels.write(sf, images, batch, pixels);
            Path pt = mf.resolve(((ModelSource.TorchScriptSource) mf.manifest().source()).file());
            String loadBefore = LoadAverage.now();
            System.err.printf("ipb and PyTorch, %d warm-up batches, then %d repetitions, batch by batch in turn ...%n",
                    warmup, repeats);
            List<ForwardTiming[]> pairs;
            try (BatchPeer ipb = new BatchPeer("ipb read-out child", childCommand(mf.file(), sf.file(), pixels));
                    BatchPeer tv = new BatchPeer("PyTorch (" + python + " python/bench_torch.py)",
                            TorchBaseline.command(python, pt, pixels, mf.file(), mf.manifest().layers().size(), batch,
                                    ReadoutBenchmark.threads()))) {
                // The set may hold fewer than --images.
                int n = (int) Npy.shapeOf(pixels)[0];
                pairs = InterleavedComparison.run(ipb, tv, n, batch, warmup, repeats);
            }
            printComparison(mf, sf, pairs, loadBefore, LoadAverage.now());
            return pairs;
        } finally {
            StagedOutput.deleteTree(scratch);
        }
    }

    private void printComparison(ManifestFile<ModelManifest> mf, ManifestFile<StimulusSetManifest> sf,
            List<ForwardTiming[]> pairs, String loadBefore, String loadAfter) {
        ForwardTiming i0 = pairs.get(0)[0];
        ForwardTiming t0 = pairs.get(0)[1];
        var p = sf.manifest().preprocessing();
        System.out.printf("ipb vs PyTorch: model %s, %d images of %s preprocessed to %dx%dx%d, batch %d, %d warm-up"
                + " batches untimed, read-out of %d layers (forward + spatial means)%n", mf.manifest().name(),
                i0.images(), sf.manifest().name(), p.channels(), p.height(), p.width(), batch, warmup,
                mf.manifest().layers().size());
        System.out.printf("ipb: DJL PyTorch engine, libtorch %s, %d threads (inter-op %d), ATEN_CPU_CAPABILITY=%s%n",
                i0.version(), i0.threads(), i0.interopThreads(), i0.capability());
        System.out.printf("torch: %s %s, %d threads (inter-op %d), CPU capability %s%n", python, t0.version(),
                t0.threads(), t0.interopThreads(), t0.capability());
        System.out.printf("environment: DNNL_MAX_CPU_ISA=%s MKL_CBWR=%s OMP_NUM_THREADS=%s OMP_WAIT_POLICY=%s"
                + " graph_optimizer=%s; load average %s before, %s after%n", env("DNNL_MAX_CPU_ISA"), env("MKL_CBWR"),
                env("OMP_NUM_THREADS"), env("OMP_WAIT_POLICY"),
                System.getProperty("ai.djl.pytorch.graph_optimizer", "true (DJL default)"), loadBefore, loadAfter);
        System.out.printf("%-7s %10s %12s %7s%n", "repeat", "ipb img/s", "torch img/s", "ratio");
        double[] a = new double[pairs.size()];
        double[] b = new double[pairs.size()];
        double[] ratio = new double[pairs.size()];
        double bestA = 0;
        double bestB = 0;
        for (int r = 0; r < pairs.size(); r++) {
            a[r] = pairs.get(r)[0].imagesPerSecond();
            b[r] = pairs.get(r)[1].imagesPerSecond();
            ratio[r] = a[r] / b[r];
            bestA = Math.max(bestA, bestBatch(pairs.get(r)[0]));
            bestB = Math.max(bestB, bestBatch(pairs.get(r)[1]));
            System.out.printf("%-7d %10.2f %12.2f %6.2fx%n", r + 1, a[r], b[r], ratio[r]);
        }
        double ma = median(a);
        double mb = median(b);
        System.out.printf("%-7s %10.2f %12.2f %6.2fx  (ratio: median of the passes' ratios)%n", "median", ma, mb,
                median(ratio));
        // Each batch ran on both sides back to back, so the ratio of such a pair saw the same load.
        List<Double> batchRatios = new ArrayList<>();
        for (ForwardTiming[] pair : pairs) {
            for (int i = 0; i < pair[0].batchSeconds().size(); i++) {
                batchRatios.add(pair[1].batchSeconds().get(i) / pair[0].batchSeconds().get(i));
            }
        }
        System.out.printf("%-7s %10s %12s %6.2fx  (median over the %d batches of torch seconds / ipb seconds)%n",
                "batch", "", "", median(batchRatios.stream().mapToDouble(Double::doubleValue).toArray()),
                batchRatios.size());
        // Other processes only ever slow a batch down, so the fastest batch is the least disturbed figure.
        System.out.printf("%-7s %10.2f %12.2f %6.2fx  (fastest single batch of all repetitions)%n", "best", bestA,
                bestB, bestA / bestB);
        long flops = t0.flopsPerImage();
        if (flops > 0) {
            System.out.printf("forward FLOPs per image %.2f G (PyTorch hooks on the eager model, convolutions and"
                    + " linear layers, 2 per multiply-add): ipb %.1f GFLOP/s, torch %.1f GFLOP/s%n", flops / 1e9,
                    ma * flops / 1e9, mb * flops / 1e9);
        }
    }

    private static double bestBatch(ForwardTiming t) {
        double min = t.batchSeconds().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        return Math.min(t.batch(), t.images()) / min;
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null ? "(unset)" : v;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** This command in a fresh JVM (as ChildJvm starts one) serving ipb's read-out batches. */
    private List<String> childCommand(Path modelFile, Path datasetFile, Path pixels) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench", "extract",
                "--readout-child", pixels.toString(), "--model", modelFile.toString(), "--dataset",
                datasetFile.toString(), "--batch", Integer.toString(batch)));
        return cmd;
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
