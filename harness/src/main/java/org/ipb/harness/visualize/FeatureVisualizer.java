package org.ipb.harness.visualize;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ipb.core.Json;
import org.ipb.core.Provenance;
import org.ipb.core.Sha256;
import org.ipb.core.StagedOutput;
import org.ipb.core.UserError;
import org.ipb.harness.directions.ActivationMatrix;
import org.ipb.harness.exemplars.DirectionMatrix;
import org.ipb.harness.extract.LayerReadout;
import org.ipb.harness.model.Architectures;
import org.ipb.harness.model.LayeredNet;
import org.ipb.harness.model.LoadedModel;
import org.ipb.harness.model.ModelLoader;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.ModelSource;
import org.ipb.manifest.PngEncoder;
import org.ipb.manifest.RawImage;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSetManifest;
import org.ipb.manifest.StimulusSets;

/**
 * {@code ipb visualize}: feature visualization of directions in a layer (Olah et al. 2017), with
 * a comparison to the best natural exemplar.
 *
 * <p>For each direction it optimises the maximising (and optionally the minimising) image with
 * {@link DirectionOptimizer} on the model with BatchNorm folded ({@link FoldedNetwork}), then
 * measures with the unmodified model in inference mode the activation reached: the spatial mean of
 * the layer's projection on the direction for the untransformed final image. The best natural
 * exemplar's activation is the largest value of the same quantity over the natural stimuli; as the
 * projection is linear, it is {@code max_n X[n] . d} with {@code X} the N x C spatially averaged
 * activations, read from {@code --activations} ({@code ipb extract} output for this layer) or
 * computed here by running the stimulus set through the model.
 *
 * <p>Output, all or nothing ({@link StagedOutput}): {@code <index>-max.png} (and {@code -min.png};
 * {@code -max-<b>.png} per image for a batch), optional enlarged copies, and {@code
 * visualizations.json}. Every input is checked before any optimisation runs; problems are
 * one-line {@link UserError}s naming the file.
 */
public final class FeatureVisualizer {
    private static final Pattern PARAMS_NAME = Pattern.compile("(.+)-(\\d{4})\\.params");
    private static final int BATCH = 500;

    private final Consumer<String> log;

    public FeatureVisualizer(Consumer<String> log) {
        this.log = log;
    }

    public VisualizationResult run(VisualizationRequest req) {
        long t0 = System.nanoTime();
        ModelManifest mm = req.model().manifest();
        if (!(mm.source() instanceof ModelSource.DjlBlockSource) && !(mm.source() instanceof ModelSource.TorchScriptSource)) {
            throw new UserError(req.model().file(), "feature visualization needs a djl-block model (its stages are"
                    + " folded and differentiated) or a torchscript one (PyTorch autograd), not a "
                    + mm.source().getClass().getSimpleName());
        }
        ModelManifest.Layer layer = mm.layers().stream().filter(l -> l.name().equals(req.layer())).findFirst()
                .orElseThrow(() -> new UserError(req.model().file(), "model " + mm.name() + " has no layer '"
                        + req.layer() + "'; valid layers: "
                        + String.join(", ", mm.layers().stream().map(ModelManifest.Layer::name).toList())));
        String stage = layer.node() != null ? layer.node() : layer.name();
        DirectionMatrix dirs = DirectionMatrix.load(req.directions());
        List<Integer> indices = indices(req, dirs);
        ActivationMatrix natural = req.activations() == null ? null : ActivationMatrix.load(req.activations());
        if (natural != null && natural.cols() != dirs.c()) {
            throw new UserError(req.activations(), "activations have " + natural.cols() + " columns but the directions in "
                    + req.directions() + " have " + dirs.c());
        }
        StimulusSetManifest.Preprocessing pre = req.stimuli().manifest().preprocessing();
        if (req.upscale() < 0 || req.upscale() > 64) {
            throw new UserError("--upscale must be between 0 and 64, got " + req.upscale());
        }
        try (LoadedModel model = ModelLoader.load(req.model(), req.engine(), req.device())) {
            Shape in = model.inputShape();
            if (pre.channels() != in.get(0) || pre.height() != in.get(1) || pre.width() != in.get(2)) {
                throw new UserError(req.stimuli().file(), "preprocessing gives " + pre.channels() + "x" + pre.height()
                        + "x" + pre.width() + " images but model " + model.name() + " expects " + in);
            }
            int channels = (int) in.get(0);
            int h = (int) in.get(1);
            int w = (int) in.get(2);
            PixelNormalization norm = PixelNormalization.of(pre);
            try (DifferentiableLayer folded = differentiable(req, mm, model, stage);
                    StimulusSet stimuli = StimulusSets.open(req.stimuli())) {
                double foldError = checkFolding(model, folded, stimuli, req.layer(), dirs);
                log.accept(String.format(java.util.Locale.ROOT, "%s:%s on %s: %s (max |differentiated -"
                        + " original| on natural images %.2g)", model.name(), req.layer(), model.engineName(),
                        folded.gradientNote(), foldError));
                long n0 = System.nanoTime();
                if (natural == null) {
                    log.accept("running " + stimuli.size() + " stimuli of " + stimuli.manifest().name()
                            + " through the model for the natural exemplars");
                    natural = naturalActivations(model, stimuli, req.layer());
                }
                double naturalSeconds = (System.nanoTime() - n0) / 1e9;
                try (StagedOutput out = StagedOutput.begin(req.out())) {
                    List<Map<String, Object>> records = new ArrayList<>();
                    List<VisualizationResult.DirectionOutcome> outcomes = new ArrayList<>();
                    double optSeconds = 0;
                    for (int index : indices) {
                        float[] d = row(dirs, index);
                        double[] proj = project(natural, d);
                        int best = argExtreme(proj, true);
                        int least = argExtreme(proj, false);
                        Map<String, Object> rec = new LinkedHashMap<>();
                        rec.put("index", index);
                        double seconds = 0;
                        double[] maxAct = null;
                        double[] minAct = new double[] {Double.NaN};
                        for (boolean maximise : req.minimize() ? new boolean[] {true, false} : new boolean[] {true}) {
                            long seed = DirectionOptimizer.seedFor(req.seed(), index, maximise);
                            DirectionOptimizer.Result r = DirectionOptimizer.optimise(folded, model.manager(), d, maximise,
                                    req.settings(), norm, channels, h, w, seed);
                            seconds += r.seconds();
                            String side = maximise ? "max" : "min";
                            double[][] reached = reached(model, req.layer(), norm, r.pixels(), d, in);
                            List<String> files = writeImages(out, index, side, r.pixels(), channels, h, w, req.upscale());
                            rec.put(side, sideRecord(reached, maximise, seed, r, files));
                            if (maximise) {
                                maxAct = reached[0];
                            } else {
                                minAct = reached[0];
                            }
                        }
                        double bestMax = extreme(maxAct, true);
                        double bestMin = extreme(minAct, false);
                        rec.put("bestNaturalExemplar", exemplar(best, proj[best], stimuli, natural, req));
                        rec.put("leastNaturalExemplar", exemplar(least, proj[least], stimuli, natural, req));
                        rec.put("ratio", proj[best] != 0 ? bestMax / proj[best] : null);
                        rec.put("exceedsBestNatural", bestMax > proj[best]);
                        if (req.minimize()) {
                            rec.put("minRatio", proj[least] != 0 ? bestMin / proj[least] : null);
                            rec.put("belowLeastNatural", bestMin < proj[least]);
                        }
                        rec.put("steps", req.settings().steps());
                        rec.put("seconds", seconds);
                        rec.put("seed", req.seed());
                        rec.put("engine", model.engineName());
                        records.add(rec);
                        outcomes.add(new VisualizationResult.DirectionOutcome(index, bestMax, bestMin, proj[best],
                                proj[least], seconds));
                        optSeconds += seconds;
                        log.accept(String.format(java.util.Locale.ROOT, "direction %d: max %.4g vs best natural %.4g"
                                        + " (ratio %.3g)%s, %.2f s", index, bestMax, proj[best], bestMax / proj[best],
                                req.minimize() ? String.format(java.util.Locale.ROOT, "; min %.4g vs least natural %.4g",
                                        bestMin, proj[least]) : "", seconds));
                    }
                    long exceeding = outcomes.stream().filter(VisualizationResult.DirectionOutcome::exceeds).count();
                    double fraction = exceeding / (double) outcomes.size();
                    double perDirection = optSeconds / outcomes.size();
                    double total = (System.nanoTime() - t0) / 1e9;
                    Map<String, Object> doc = document(req, model, folded, foldError, natural, records, fraction,
                            exceeding, perDirection, naturalSeconds, total);
                    Json.write(out.file("visualizations.json"), doc);
                    out.commit();
                    return new VisualizationResult(out.target(), out.target().resolve("visualizations.json"),
                            model.engineName(), req.layer(), outcomes, fraction, perDirection, naturalSeconds, total);
                }
            }
        }
    }

    private static List<Integer> indices(VisualizationRequest req, DirectionMatrix dirs) {
        if (req.indices().isEmpty()) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < dirs.k(); i++) {
                all.add(i);
            }
            return all;
        }
        List<Integer> out = new ArrayList<>();
        for (int i : req.indices()) {
            if (i < 0 || i >= dirs.k()) {
                throw new UserError(req.directions(), "has " + dirs.k() + " directions; --index " + i + " is out of range"
                        + " (0.." + (dirs.k() - 1) + ")");
            }
            if (!out.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * What is differentiated: a djl-block model's stages up to the layer with BatchNorm folded (on a
     * fresh copy of its checkpoint), or a torchscript model itself.
     */
    private static DifferentiableLayer differentiable(VisualizationRequest req, ModelManifest mm, LoadedModel model,
            String stage) {
        if (!(mm.source() instanceof ModelSource.DjlBlockSource src)) {
            return new TorchScriptLayer(model, req.layer());
        }
        BlockModel block = loadBlock(req, src, model);
        try {
            return new FoldedBlock(block, FoldedNetwork.upTo(block.net(), stage, block.model().getNDManager()));
        } catch (RuntimeException e) {
            block.close();
            throw e;
        }
    }

    /** A folded network with the block model that owns its source weights. */
    private record FoldedBlock(BlockModel block, FoldedNetwork folded) implements DifferentiableLayer {
        @Override
        public NDArray forward(NDArray x) {
            return folded.forward(x);
        }

        @Override
        public String gradientNote() {
            return folded.gradientNote();
        }

        @Override
        public void close() {
            folded.close();
            block.close();
        }
    }

    /** The djl-block checkpoint loaded again into a fresh block, for folding (ModelLoader has checked it). */
    private static BlockModel loadBlock(VisualizationRequest req, ModelSource.DjlBlockSource src, LoadedModel loaded) {
        LayeredNet net = Architectures.get(src.builder()).build();
        Path params = req.model().resolve(src.params());
        Matcher name = PARAMS_NAME.matcher(params.getFileName().toString());
        if (!name.matches()) {
            throw new UserError(params, "checkpoint name must follow DJL's <prefix>-<epoch:04d>.params convention");
        }
        Model model = Model.newInstance(loaded.name() + "-folded", loaded.device(), loaded.engineName());
        try {
            model.setBlock(net.block());
            model.load(params.getParent(), name.group(1), Map.of("epoch", Integer.parseInt(name.group(2))));
            return new BlockModel(model, net);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new UserError(params, "cannot load checkpoint: " + e.getMessage(), e);
        }
    }

    /** A DJL model holding the architecture's block with the checkpoint's weights. */
    private record BlockModel(Model model, LayeredNet net) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    /**
     * Largest |folded - original| of the layer over a few natural images; the folded network must
     * compute the same layer, and a mismatch is a bug, not a user error.
     */
    private static double checkFolding(LoadedModel model, DifferentiableLayer folded, StimulusSet stimuli, String layer,
            DirectionMatrix dirs) {
        int n = Math.min(8, stimuli.size());
        Shape in = model.inputShape();
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(stimuli.preprocessed(0, n), new Shape(n, in.get(0), in.get(1), in.get(2)));
            NDArray want = model.readout(x, Set.of(layer)).get(layer);
            if (want.getShape().get(1) != dirs.c()) {
                throw new UserError(dirs.source(), "directions have " + dirs.c() + " columns but layer " + layer + " of "
                        + model.name() + " has " + want.getShape().get(1) + " channels");
            }
            NDArray got = folded.forward(x);
            float[] a = want.toFloatArray();
            float[] b = got.toFloatArray();
            double err = 0;
            double scale = 0;
            for (int i = 0; i < a.length; i++) {
                err = Math.max(err, Math.abs(a[i] - b[i]));
                scale = Math.max(scale, Math.abs(a[i]));
            }
            if (a.length != b.length || err > 1e-3 * Math.max(1, scale)) {
                throw new IllegalStateException("folded network differs from the model at " + layer + " by " + err);
            }
            return err;
        }
    }

    /** N x C spatial means of {@code layer} over the stimulus set (what ipb extract writes). */
    static ActivationMatrix naturalActivations(LoadedModel model, StimulusSet stimuli, String layer) {
        Shape in = model.inputShape();
        int n = stimuli.size();
        float[] data = null;
        int c = 0;
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            try (NDManager m = model.manager().newSubManager()) {
                NDArray x = m.create(stimuli.preprocessed(from, to), new Shape(to - from, in.get(0), in.get(1), in.get(2)));
                LayerReadout.Layer a = LayerReadout.read(model, x, Set.of(layer)).get(layer);
                if (data == null) {
                    c = (int) a.channels();
                    data = new float[n * c];
                }
                float[] v = a.means().toFloatArray();
                System.arraycopy(v, 0, data, from * c, v.length);
            }
        }
        return ActivationMatrix.of(data, n, c);
    }

    /**
     * Activation reached per image by the unmodified model (inference mode) on the final,
     * untransformed images: [0] spatial mean of the projection, [1] its centre value.
     */
    private static double[][] reached(LoadedModel model, String layer, PixelNormalization norm, float[][] pixels,
            float[] d, Shape in) {
        int b = pixels.length;
        int size = pixels[0].length;
        float[] input = new float[b * size];
        for (int i = 0; i < b; i++) {
            norm.apply(pixels[i], input, i * size);
        }
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(input, new Shape(b, in.get(0), in.get(1), in.get(2)));
            NDArray a = model.readout(x, Set.of(layer)).get(layer);
            Shape s = a.getShape();
            float[] v = a.toFloatArray();
            int c = (int) s.get(1);
            int hw = s.dimension() == 4 ? (int) (s.get(2) * s.get(3)) : 1;
            int centre = s.dimension() == 4 ? (int) ((s.get(2) / 2) * s.get(3) + s.get(3) / 2) : 0;
            double[] mean = new double[b];
            double[] centreValue = new double[b];
            for (int i = 0; i < b; i++) {
                for (int p = 0; p < hw; p++) {
                    double proj = 0;
                    for (int ch = 0; ch < c; ch++) {
                        proj += d[ch] * v[(i * c + ch) * hw + p];
                    }
                    mean[i] += proj / hw;
                    if (p == centre) {
                        centreValue[i] = proj;
                    }
                }
            }
            return new double[][] {mean, centreValue};
        }
    }

    private static float[] row(DirectionMatrix dirs, int index) {
        float[] d = new float[dirs.c()];
        System.arraycopy(dirs.data(), index * dirs.c(), d, 0, dirs.c());
        return d;
    }

    static double[] project(ActivationMatrix x, float[] d) {
        double[] p = new double[x.rows()];
        for (int n = 0; n < x.rows(); n++) {
            double s = 0;
            for (int c = 0; c < x.cols(); c++) {
                s += (double) x.get(n, c) * d[c];
            }
            p[n] = s;
        }
        return p;
    }

    private static int argExtreme(double[] v, boolean max) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (max ? v[i] > v[best] : v[i] < v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double extreme(double[] v, boolean max) {
        return v[argExtreme(v, max)];
    }

    private static Map<String, Object> sideRecord(double[][] reached, boolean maximise, long seed,
            DirectionOptimizer.Result r, List<String> files) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("activation", extreme(reached[0], maximise));
        m.put("activations", reached[0]);
        m.put("centreActivations", reached[1]);
        m.put("files", files);
        m.put("derivedSeed", Long.toUnsignedString(seed));
        m.put("seconds", r.seconds());
        // The objective during optimisation (transformed images), at 9 evenly spaced steps.
        List<Map<String, Object>> trace = new ArrayList<>();
        int steps = r.trace().length;
        for (int q = 0; q <= 8 && steps > 0; q++) {
            int s = Math.min(steps - 1, (int) Math.round(q * (steps - 1) / 8.0));
            if (!trace.isEmpty() && ((Integer) trace.get(trace.size() - 1).get("step")) == s) {
                continue;
            }
            trace.add(Map.of("step", s, "objective", r.trace()[s]));
        }
        m.put("trace", trace);
        return m;
    }

    private static Map<String, Object> exemplar(int row, double activation, StimulusSet stimuli, ActivationMatrix natural,
            VisualizationRequest req) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("row", row);
        if (req.activations() == null && row < stimuli.size()) {
            m.put("id", stimuli.id(row));
        }
        m.put("activation", activation);
        return m;
    }

    private static List<String> writeImages(StagedOutput out, int index, String side, float[][] pixels, int channels,
            int h, int w, int upscale) {
        List<String> files = new ArrayList<>();
        for (int b = 0; b < pixels.length; b++) {
            String base = index + "-" + side + (pixels.length > 1 ? "-" + b : "");
            RawImage img = toImage(pixels[b], channels, h, w, 1);
            write(out.file(base + ".png"), img);
            files.add(base + ".png");
            if (upscale > 1) {
                write(out.file(base + "-x" + upscale + ".png"), toImage(pixels[b], channels, h, w, upscale));
                files.add(base + "-x" + upscale + ".png");
            }
        }
        return files;
    }

    /** CHW pixels in [0, 1] to an 8-bit image, enlarged {@code f} times by nearest neighbour. */
    static RawImage toImage(float[] pixels, int channels, int h, int w, int f) {
        int hh = h * f;
        int ww = w * f;
        byte[] bytes = new byte[hh * ww * channels];
        for (int y = 0; y < hh; y++) {
            for (int x = 0; x < ww; x++) {
                for (int c = 0; c < channels; c++) {
                    double v = pixels[c * h * w + (y / f) * w + x / f];
                    int q = (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
                    bytes[(y * ww + x) * channels + c] = (byte) q;
                }
            }
        }
        return new RawImage(ww, hh, channels, bytes);
    }

    private static void write(Path file, RawImage img) {
        try {
            Files.write(file, PngEncoder.encode(img));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> document(VisualizationRequest req, LoadedModel model, DifferentiableLayer folded,
            double foldError, ActivationMatrix natural, List<Map<String, Object>> records, double fraction,
            long exceeding, double perDirection, double naturalSeconds, double total) {
        VisualizationSettings s = req.settings();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "visualizations");
        doc.put("layer", model.name() + ":" + req.layer());
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("model", Map.of("name", model.name(), "manifest", req.model().file().toString(),
                "sha256", Sha256.of(req.model().file())));
        inputs.put("directions", Map.of("file", req.directions().toString(), "sha256", Sha256.of(req.directions())));
        inputs.put("stimulusSet", Map.of("name", req.stimuli().manifest().name(), "manifest",
                req.stimuli().file().toString(), "sha256", Sha256.of(req.stimuli().file())));
        if (req.activations() != null) {
            inputs.put("activations", Map.of("file", req.activations().toString(), "sha256",
                    Sha256.of(req.activations())));
        }
        doc.put("inputs", inputs);
        Map<String, Object> method = new LinkedHashMap<>();
        method.put("reference", "Olah, Mordvintsev and Schubert 2017, Feature Visualization, Distill; lucid defaults");
        method.put("objective", s.centre() ? "projection on the direction at the centre position (h/2, w/2)"
                : "spatial mean of the projection on the direction");
        method.put("parameterization", "FFT spectrum scaled by 1/f^" + s.decayPower() + " (lucid fft_image, sd "
                + FftParameterization.INITIAL_SD + ", /4), " + (model.inputShape().get(0) == 3
                ? "colour-decorrelated, " : "one channel, ") + "sigmoid into (0, 1); inverse real DFT as a fixed"
                + " linear map");
        method.put("transforms", s.transforms());
        method.put("optimizer", Map.of("name", "Adam", "learningRate", s.learningRate(), "beta1",
                DirectionOptimizer.BETA1, "beta2", DirectionOptimizer.BETA2, "epsilon", DirectionOptimizer.EPS));
        method.put("steps", s.steps());
        method.put("batch", s.batch());
        method.put("diversity", s.diversity());
        method.put("minimize", req.minimize());
        method.put("seed", req.seed());
        method.put("gradient", folded.gradientNote() + " (max |" + (folded instanceof TorchScriptLayer
                ? "differentiated" : "folded") + " - original| on natural images "
                + foldError + ")");
        method.put("activationReached", "unmodified model in inference mode on the final untransformed image:"
                + " spatial mean of the projection on the direction (best image of the batch)");
        method.put("naturalExemplars", (req.activations() != null ? "from " + req.activations()
                : "computed from all " + natural.rows() + " stimuli of " + req.stimuli().manifest().name())
                + ": max (min) over stimuli of the spatially averaged activations projected on the direction");
        doc.put("method", method);
        doc.put("engine", Map.of("name", model.engineName(), "version", model.manager().getEngine().getVersion(),
                "device", model.device().toString()));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("directions", records.size());
        summary.put("exceedingBestNatural", exceeding);
        summary.put("fractionExceedingBestNatural", fraction);
        summary.put("secondsPerDirection", perDirection);
        summary.put("naturalExemplarSeconds", naturalSeconds);
        summary.put("totalSeconds", total);
        doc.put("summary", summary);
        doc.put("directions", records);
        doc.put("run", Provenance.run());
        return doc;
    }
}
