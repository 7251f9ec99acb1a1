package org.ipb.harness.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.Json;
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
 * Java. The parent sends warm-up batches first to the same loaded model, since TorchScript's
 * profiling executor optimizes a graph only on its second call with a shape.
 */
public final class ReadoutBenchmark {
    private ReadoutBenchmark() {}

    /**
     * The {@link BatchPeer} loop of ipb's side: loads the model, prints its header line, then times
     * each batch {@code in} names until it ends.
     */
    public static void serve(ManifestFile<ModelManifest> model, Path pixels, BufferedReader in, PrintStream out) {
        NpyArray px = Npy.read(pixels);
        long[] shape = px.shape();
        float[] all = px.toFloatArray();
        int per = (int) (shape[1] * shape[2] * shape[3]);
        try (LoadedModel m = ModelLoader.load(model, "PyTorch", "cpu")) {
            List<String> layers = m.layers();
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("torch", m.manager().getEngine().getVersion());
            header.put("capability", capability());
            header.put("threads", threads());
            header.put("interopThreads", interopThreads());
            header.put("flopsPerImage", m.flopsPerImage());
            // One line: the protocol is line by line, and the shared mapper indents.
            out.println(Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(header));
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.trim().split("\\s+");
                int from = Integer.parseInt(f[0]);
                int to = Integer.parseInt(f[1]);
                long t0 = System.nanoTime();
                readout(m, all, from, to, per, shape, layers);
                out.println((System.nanoTime() - t0) / 1e9);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
