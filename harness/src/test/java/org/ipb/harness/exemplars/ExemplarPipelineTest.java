package org.ipb.harness.exemplars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.ipb.core.Json;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Task;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.RawImage;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on the shipped default stimulus set: the first 500 Fashion-MNIST test images. */
class ExemplarPipelineTest {
    static final int N = 500;
    static final int C = 16;
    static final int K = 3;
    static StimulusSet fmnist;
    static Path manifest;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        manifest = ManifestCatalog.stimulusSet("fashion-mnist-test");
        assertTrue(manifest.startsWith(Path.of(System.getProperty("ipb.home"))), manifest.toString());
        fmnist = StimulusSets.open(manifest);
    }

    @AfterAll
    static void close() {
        fmnist.close();
    }

    /**
     * {@code <dir>/acts/conv4.npy} (ReLU of random projections of the pixels), its sidecar and
     * stimuli.csv as {@code ipb extract} writes them, and {@code <dir>/dirs/random.npy} with 3
     * random unit directions and a report naming the method.
     */
    static Path[] fixture(Path dir) throws Exception {
        Random r = new Random(1);
        float[] w = new float[784 * C];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        float[] x = new float[N * C];
        for (int i = 0; i < N; i++) {
            RawImage img = fmnist.raw(i);
            for (int c = 0; c < C; c++) {
                double s = 0;
                for (int p = 0; p < 784; p++) {
                    s += (img.pixels()[p] & 0xFF) / 255.0 * w[p * C + c];
                }
                x[i * C + c] = (float) Math.max(0, s / 28);
            }
        }
        Path acts = Files.createDirectories(dir.resolve("acts"));
        Path xf = acts.resolve("conv4.npy");
        Npy.write(xf, NpyArray.ofFloats(x, N, C));
        StringBuilder csv = new StringBuilder("index,id,label\n");
        for (int i = 0; i < N; i++) {
            csv.append(i).append(',').append(fmnist.id(i)).append(',').append(fmnist.label(i)).append('\n');
        }
        Files.writeString(acts.resolve("stimuli.csv"), csv);
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("kind", "activations");
        side.put("layer", "fmnist-cnn:conv4");
        side.put("model", Map.of("name", "fmnist-cnn"));
        side.put("stimulusSet", Map.of("name", "fashion-mnist-test", "manifest", manifest.toString(), "images", N));
        Json.write(acts.resolve("conv4.json"), side);

        float[] d = new float[K * C];
        for (int k = 0; k < K; k++) {
            double norm = 0;
            for (int c = 0; c < C; c++) {
                d[k * C + c] = (float) r.nextGaussian();
                norm += d[k * C + c] * d[k * C + c];
            }
            for (int c = 0; c < C; c++) {
                d[k * C + c] /= (float) Math.sqrt(norm);
            }
        }
        Path dirs = Files.createDirectories(dir.resolve("dirs"));
        Path df = dirs.resolve("random.npy");
        Npy.write(df, NpyArray.ofFloats(d, K, C));
        Json.write(dirs.resolve("random.report.json"), Map.of("method", "random", "k", K));
        return new Path[] {xf, df};
    }

    @Test
    void endToEndOnTheShippedDefault() throws Exception {
        Path[] in = fixture(dir);
        Path out = dir.resolve("out");
        ExemplarResult r = new ExemplarPipeline().run(ExemplarRequest.defaults(in[0], in[1], out));
        assertEquals(out.toAbsolutePath().normalize(), r.folder());
        assertEquals(100, r.kept());
        assertEquals(3, r.sheets());

        CandidateSet cs = CandidateSets.read(out.resolve("candidates.json"));
        assertEquals("fmnist-cnn", cs.model());
        assertEquals("conv4", cs.layer());
        assertEquals("random", cs.method());
        assertEquals("fashion-mnist-test", cs.stimulusSet());
        assertEquals(List.of(N, C, K), List.of(cs.n(), cs.c(), cs.k()));
        assertEquals(0.2, cs.protocol().quantile());
        assertEquals(9, cs.protocol().referencesPerSide());
        assertEquals(20, cs.protocol().tasksPerDirection());
        assertEquals(100, cs.protocol().kept());
        assertEquals(K, cs.directions().size());
        Map<?, ?> acts = (Map<?, ?>) cs.provenance().get("activations");
        assertEquals(org.ipb.core.Sha256.of(in[0]), acts.get("sha256"));
        assertTrue(cs.provenance().containsKey("ipbVersion") && cs.provenance().containsKey("createdUtc"));

        float[] x = Npy.read(in[0]).toFloatArray();
        float[] d = Npy.read(in[1]).toFloatArray();
        for (int k = 0; k < K; k++) {
            CandidateDirection cd = cs.directions().get(k);
            assertEquals("fmnist-cnn:conv4:random:" + k, cd.id());
            assertEquals(16, cd.top().size());
            assertEquals(20, cd.tasks().size());
            // the top exemplar is the argmax of the projection, with its id and value
            int best = 0;
            double bestV = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < N; i++) {
                double v = 0;
                for (int c = 0; c < C; c++) {
                    v += x[i * C + c] * d[k * C + c];
                }
                if (v > bestV) {
                    bestV = v;
                    best = i;
                }
            }
            Exemplar top = cd.top().get(0);
            assertEquals(best, top.row());
            assertEquals(String.format("fashion-mnist-test:%06d", best), top.id());
            assertEquals(bestV, top.activation(), 1e-4);
            for (Task t : cd.tasks()) {
                assertTrue(t.maxQuery().activation() >= cd.top().get(15).activation()
                        || t.maxQuery().activation() > t.minQuery().activation());
            }
            Path png = out.resolve("sheets").resolve(String.format("random-%04d.png", k));
            BufferedImage sheet = ImageIO.read(png.toFile());
            assertEquals(492, sheet.getWidth());
            assertEquals(282, sheet.getHeight());
            RawImage img = fmnist.raw(top.row());
            assertEquals(img.sample(14, 14, 0) * 0x010101, sheet.getRGB(8 + 28, 44 + 28) & 0xFFFFFF);
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of("acts", "dirs", "out"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no staging folder left");
        }

        // Same inputs and seed: the same directions, tasks included; sheets can be switched off. (Same
        // block size too: the projections are GEMM products, and on some CPUs (Intel MKL, AVX-512) a
        // product's last bit depends on the block's row count, which can reorder near-equal values.)
        Path out2 = dir.resolve("out2");
        ExemplarRequest d0 = ExemplarRequest.defaults(in[0], in[1], out2);
        new ExemplarPipeline().run(new ExemplarRequest(d0.activations(), d0.directions(), null, null, null, null,
                0.2, 9, 20, 0L, 16, 0, out2));
        CandidateSet again = CandidateSets.read(out2.resolve("candidates.json"));
        assertEquals(cs.directions(), again.directions());
        assertFalse(Files.exists(out2.resolve("sheets")));
    }

    @Test
    void missingMethodAndWrongStimuliAreUserErrorsAndLeaveNoOutput() throws Exception {
        Path[] in = fixture(dir);
        Path out = dir.resolve("out");
        Files.delete(dir.resolve("dirs/random.report.json"));
        UserError e = assertThrows(UserError.class,
                () -> new ExemplarPipeline().run(ExemplarRequest.defaults(in[0], in[1], out)));
        assertTrue(e.getMessage().contains("--method"), e.getMessage());

        ExemplarRequest withMethod = new ExemplarRequest(in[0], in[1], null, "random", null, null, 0.2, 9, 20, 0L, 16,
                -1, out);
        // no stimuli.csv: ids must come from the set, which has 10,000 images, not 500
        Path csv = dir.resolve("acts/stimuli.csv");
        String good = Files.readString(csv);
        Files.delete(csv);
        e = assertThrows(UserError.class, () -> new ExemplarPipeline().run(withMethod));
        assertTrue(e.getMessage().contains("500 rows") && e.getMessage().contains("10000"), e.getMessage());

        // a stimuli.csv that does not match the stimulus set
        Files.writeString(csv, good.replace("fashion-mnist-test:000007", "fashion-mnist-test:000999"));
        e = assertThrows(UserError.class, () -> new ExemplarPipeline().run(withMethod));
        assertTrue(e.getMessage().startsWith(csv.toAbsolutePath().toString()) && e.getMessage().contains("row 7"),
                e.getMessage());

        // too few stimuli per side for a task
        Files.writeString(csv, good);
        ExemplarRequest tiny = new ExemplarRequest(in[0], in[1], null, "random", null, null, 0.03, 9, 20, 0L, 16, -1,
                out);
        e = assertThrows(UserError.class, () -> new ExemplarPipeline().run(tiny));
        assertTrue(e.getMessage().contains("keeps 15"), e.getMessage());
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "nothing but the inputs");
        }
    }
}
