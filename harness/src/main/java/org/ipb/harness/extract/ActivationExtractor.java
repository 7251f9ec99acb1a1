package org.ipb.harness.extract;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ipb.core.Json;
import org.ipb.core.Provenance;
import org.ipb.core.Sha256;
import org.ipb.core.StagedOutput;
import org.ipb.core.UserError;
import org.ipb.core.npy.NpyStreamWriter;
import org.ipb.harness.model.DeviceChoice;
import org.ipb.harness.model.LoadedModel;
import org.ipb.harness.model.ModelLoader;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSetManifest;
import org.ipb.manifest.StimulusSets;

/**
 * Runs a stimulus set through a model and records, per layer, the spatially averaged activation
 * matrix (N x C, float32 {@code .npy}) and optionally the full maps.
 *
 * <p>Memory is bounded by the batch: images are preprocessed batch by batch and every output is
 * streamed to disk. All files are staged and moved into {@code --out} only when everything
 * succeeded (see {@link StagedOutput}); every input is validated before the first image runs.
 */
public final class ActivationExtractor {
    private final Consumer<String> log;

    public ActivationExtractor(Consumer<String> log) {
        this.log = log;
    }

    public ExtractionResult run(ExtractionRequest req, Progress progress) {
        long t0 = System.nanoTime();
        req.stimuli().verifySha256();
        try (StimulusSet stimuli = StimulusSets.open(req.stimuli());
                LoadedModel model = ModelLoader.load(req.model(), req.engine(), req.device())) {
            DeviceChoice.fallbackWarning(model.manager().getEngine()).ifPresent(w -> log.accept("warning: " + w));
            List<String> layers = resolveLayers(req, model);
            checkInputShape(req, model);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            int n = req.limit() > 0 ? Math.min(req.limit(), stimuli.size()) : stimuli.size();
            try (StagedOutput out = StagedOutput.begin(req.out())) {
                ExtractionResult r = extract(req, stimuli, model, layers, n, out, progress, loadSeconds, t0);
                out.commit();
                return relocate(r, out.target());
            }
        }
    }

    private ExtractionResult extract(ExtractionRequest req, StimulusSet stimuli, LoadedModel model, List<String> layers,
            int n, StagedOutput out, Progress progress, double loadSeconds, long t0) {
        Shape in = model.inputShape();
        Map<String, LayerWriters> writers = new LinkedHashMap<>();
        double forwardSeconds = 0;
        double preprocessSeconds = 0;
        progress.start("extract " + model.name(), n);
        try {
            for (int from = 0; from < n; from += req.batchSize()) {
                int to = Math.min(n, from + req.batchSize());
                long p0 = System.nanoTime();
                float[] pixels = stimuli.preprocessed(from, to);
                preprocessSeconds += (System.nanoTime() - p0) / 1e9;
                long f0 = System.nanoTime();
                try (NDManager bm = model.manager().newSubManager()) {
                    NDArray batch = bm.create(pixels, new Shape(to - from, in.get(0), in.get(1), in.get(2)));
                    Map<String, LayerReadout.Layer> outputs = LayerReadout.read(model, batch, layers);
                    for (String layer : layers) {
                        LayerReadout.Layer a = outputs.get(layer);
                        LayerWriters w = writers.computeIfAbsent(layer,
                                l -> LayerWriters.open(out, l, n, a.shape(), req.featureMaps()));
                        w.write(a);
                    }
                }
                forwardSeconds += (System.nanoTime() - f0) / 1e9;
                progress.advance(to);
            }
        } catch (RuntimeException e) {
            writers.values().forEach(LayerWriters::abort);
            throw e;
        } finally {
            progress.close();
        }
        writers.values().forEach(LayerWriters::close);
        writeStimuliIndex(out.file("stimuli.csv"), stimuli, n);

        double total = (System.nanoTime() - t0) / 1e9;
        List<LayerOutput> results = new ArrayList<>();
        for (LayerWriters w : writers.values()) {
            Path sidecar = out.file(w.layer + ".json");
            String sha = Sha256.of(w.meansFile);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("kind", "activations");
            s.put("layer", model.name() + ":" + w.layer);
            s.put("model", modelRecord(req));
            s.put("stimulusSet", stimulusRecord(req.stimuli().manifest(), req.stimuli().file(), n));
            s.put("preprocessing", req.stimuli().manifest().preprocessing());
            s.put("reduction", w.spatial ? "mean over spatial positions (H, W) of each channel" : "none (layer output is N x C)");
            s.put("files", files(w, sha));
            s.put("engine", Map.of("name", model.engineName(), "version", model.manager().getEngine().getVersion()));
            s.put("device", model.device().toString());
            s.put("batchSize", req.batchSize());
            s.put("timings", Map.of("loadSeconds", loadSeconds, "preprocessSeconds", preprocessSeconds,
                    "forwardAndWriteSeconds", forwardSeconds, "totalSeconds", total,
                    "imagesPerSecond", n / Math.max(1e-9, forwardSeconds)));
            s.put("run", Provenance.run());
            Json.write(sidecar, s);
            results.add(new LayerOutput(w.layer, w.meansFile, List.of((long) n, w.channels), w.mapShape,
                    w.mapsFile, sidecar, sha));
        }
        return new ExtractionResult(model.engineName(), model.device().toString(), n, results, loadSeconds,
                forwardSeconds, total);
    }

    /** Requested layers must exist; an unknown one is a user error listing the valid ones. */
    private static List<String> resolveLayers(ExtractionRequest req, LoadedModel model) {
        List<String> valid = model.layers();
        if (req.layers().isEmpty()) {
            return valid;
        }
        for (String l : req.layers()) {
            if (!valid.contains(l)) {
                throw new UserError(req.model().file(), "model " + model.name() + " has no layer '" + l
                        + "'; valid layers: " + String.join(", ", valid));
            }
        }
        return new ArrayList<>(new LinkedHashSet<>(req.layers()));
    }

    private static void checkInputShape(ExtractionRequest req, LoadedModel model) {
        var p = req.stimuli().manifest().preprocessing();
        Shape want = model.inputShape();
        if (p.channels() != want.get(0) || p.height() != want.get(1) || p.width() != want.get(2)) {
            throw new UserError(req.stimuli().file(), "preprocessing gives " + p.channels() + "x" + p.height() + "x"
                    + p.width() + " images but model " + model.name() + " expects " + want.get(0) + "x" + want.get(1)
                    + "x" + want.get(2));
        }
    }

    private static Map<String, Object> modelRecord(ExtractionRequest req) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", req.model().manifest().name());
        m.put("manifest", req.model().file().toString());
        m.put("source", req.model().manifest().source());
        m.put("sha256", req.model().manifest().sha256());
        return m;
    }

    private static Map<String, Object> stimulusRecord(StimulusSetManifest m, Path file, int n) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", m.name());
        s.put("manifest", file.toString());
        s.put("images", n);
        s.put("sha256", m.sha256());
        return s;
    }

    private static Map<String, Object> files(LayerWriters w, String sha) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("activations", Map.of("file", w.meansFile.getFileName().toString(), "shape",
                List.of(w.n, w.channels), "dtype", "float32", "sha256", sha));
        if (w.mapsFile != null) {
            List<Long> shape = new ArrayList<>();
            shape.add(w.n);
            shape.addAll(w.mapShape);
            f.put("featureMaps", Map.of("file", w.mapsFile.getFileName().toString(), "shape", shape,
                    "dtype", "float32", "sha256", Sha256.of(w.mapsFile)));
        }
        f.put("stimuli", "stimuli.csv");
        return f;
    }

    /** {@code index,id,label} for every row of the activation matrices. */
    private static void writeStimuliIndex(Path file, StimulusSet stimuli, int n) {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("index,id,label\n");
            for (int i = 0; i < n; i++) {
                w.write(i + "," + csv(stimuli.id(i)) + "," + stimuli.label(i) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Paths in the result point into the committed folder, not the staging one. */
    private static ExtractionResult relocate(ExtractionResult r, Path target) {
        List<LayerOutput> moved = r.layers().stream().map(l -> new LayerOutput(l.layer(),
                target.resolve(l.activations().getFileName()), l.shape(), l.mapShape(),
                l.maps() == null ? null : target.resolve(l.maps().getFileName()),
                target.resolve(l.sidecar().getFileName()), l.sha256())).toList();
        return new ExtractionResult(r.engine(), r.device(), r.images(), moved, r.loadSeconds(), r.forwardSeconds(),
                r.totalSeconds());
    }

    /** The open .npy writers of one layer, created when its first batch reveals the shape. */
    private static final class LayerWriters {
        final String layer;
        final long n;
        final long channels;
        final List<Long> mapShape;
        final boolean spatial;
        final Path meansFile;
        final Path mapsFile;
        final NpyStreamWriter means;
        final NpyStreamWriter maps;

        private LayerWriters(StagedOutput out, String layer, long n, Shape batchShape, boolean featureMaps) {
            this.layer = layer;
            this.n = n;
            // LayerReadout has checked that the shape is (N, C) or (N, C, H, W).
            long[] dims = batchShape.getShape();
            this.channels = dims[1];
            this.spatial = dims.length == 4;
            List<Long> ms = new ArrayList<>();
            for (int i = 1; i < dims.length; i++) {
                ms.add(dims[i]);
            }
            this.mapShape = List.copyOf(ms);
            this.meansFile = out.file(layer + ".npy");
            this.means = NpyStreamWriter.float32(meansFile, n, channels);
            if (featureMaps && spatial) {
                long[] full = new long[dims.length];
                full[0] = n;
                System.arraycopy(dims, 1, full, 1, dims.length - 1);
                this.mapsFile = out.file(layer + ".maps.npy");
                this.maps = NpyStreamWriter.float32(mapsFile, full);
            } else {
                this.mapsFile = null;
                this.maps = null;
            }
        }

        static LayerWriters open(StagedOutput out, String layer, long n, Shape batchShape, boolean featureMaps) {
            return new LayerWriters(out, layer, n, batchShape, featureMaps);
        }

        void write(LayerReadout.Layer a) {
            means.write(a.means().toFloatArray());
            if (maps != null) {
                maps.write(a.output().toFloatArray());
            }
        }

        void close() {
            means.close();
            if (maps != null) {
                maps.close();
            }
        }

        void abort() {
            means.abort();
            if (maps != null) {
                maps.abort();
            }
        }
    }
}
