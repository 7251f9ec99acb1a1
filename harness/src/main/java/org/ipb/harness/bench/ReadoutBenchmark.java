package org.ipb.harness.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.ipb.harness.extract.LayerReadout;
import org.ipb.harness.model.LoadedModel;
import org.ipb.harness.model.ModelLoader;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.ModelManifest;

/**
 * ipb's side of the comparison with PyTorch: per batch of the images in a {@code .npy} (written by
 * {@link BenchPixels}), what {@code ipb extract} does between preprocessing and the disk: copy the
 * pixels into an engine array, one forward pass, the spatial mean of every layer, copied back to
 * Java. Warm-up batches run first on the same loaded model, since TorchScript's profiling executor
 * optimizes a graph only on its second call with a shape.
 */
public final class ReadoutBenchmark {
    private ReadoutBenchmark() {}

    public static ForwardTiming run(ManifestFile<ModelManifest> model, java.nio.file.Path pixels, int batch,
            int warmup) {
        NpyArray px = Npy.read(pixels);
        long[] shape = px.shape();
        float[] all = px.toFloatArray();
        int n = (int) shape[0];
        int per = (int) (shape[1] * shape[2] * shape[3]);
        try (LoadedModel m = ModelLoader.load(model, "PyTorch", "cpu")) {
            List<String> layers = m.layers();
            List<Integer> starts = new ArrayList<>();
            for (int s = 0; s < n; s += batch) {
                starts.add(s);
            }
            for (int i = 0; i < warmup; i++) {
                readout(m, all, starts.get(i % starts.size()), Math.min(n, starts.get(i % starts.size()) + batch),
                        per, shape, layers);
            }
            List<Double> seconds = new ArrayList<>();
            for (int s : starts) {
                long t0 = System.nanoTime();
                readout(m, all, s, Math.min(n, s + batch), per, shape, layers);
                seconds.add((System.nanoTime() - t0) / 1e9);
            }
            double total = seconds.stream().mapToDouble(Double::doubleValue).sum();
            String version = m.manager().getEngine().getVersion();
            return new ForwardTiming("ipb", version, capability(), threads(), interopThreads(), n, batch, warmup,
                    seconds, n / total, m.flopsPerImage(), Double.NaN);
        }
    }

    private static void readout(LoadedModel m, float[] all, int from, int to, int per, long[] shape,
            List<String> layers) {
        float[] pixels = java.util.Arrays.copyOfRange(all, from * per, to * per);
        try (NDManager bm = m.manager().newSubManager()) {
            NDArray x = bm.create(pixels, new Shape(to - from, shape[1], shape[2], shape[3]));
            Map<String, LayerReadout.Layer> out = LayerReadout.read(m, x, layers);
            for (LayerReadout.Layer l : out.values()) {
                l.means().toFloatArray();
            }
        }
    }

    /** The kernel level the environment pins libtorch to (the ipb launcher: avx2), else "default". */
    static String capability() {
        String c = System.getenv("ATEN_CPU_CAPABILITY");
        return c == null || c.isEmpty() ? "default" : c;
    }

    /** ipb's PyTorch intra-op threads: what the launcher passes DJL, else the cores. */
    public static int threads() {
        return Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
    }

    static int interopThreads() {
        return Integer.getInteger("ai.djl.pytorch.num_interop_threads", -1);
    }
}
