package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ipb.core.Json;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ipb extract} on the shipped default model and the shipped Fashion-MNIST test split. */
class ExtractCommandTest {
    static final int N = 300;
    @TempDir
    static Path tmp;
    static Path first;

    @BeforeAll
    static void extractOnce() {
        first = tmp.resolve("first");
        CliRunner.Result r = CliRunner.run("extract", "--limit", Integer.toString(N), "--batch", "128",
                "--no-progress", "--feature-maps", "--out", first.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void writesOneMatrixPerLayerWithTheLayersChannelCount() {
        long[][] expected = {{N, 32}, {N, 64}, {N, 128}, {N, 128}, {N, 10}};
        List<String> layers = List.of("conv1", "conv2", "conv3", "conv4", "logits");
        for (int i = 0; i < layers.size(); i++) {
            NpyArray a = Npy.read(first.resolve(layers.get(i) + ".npy"));
            assertEquals("<f4", a.dtype());
            assertArrayEquals(expected[i], a.shape(), layers.get(i));
        }
    }

    @Test
    void logitsClassifyTheTestImagesWell() throws Exception {
        float[] logits = Npy.read(first.resolve("logits.npy")).toFloatArray();
        List<String> rows = Files.readAllLines(first.resolve("stimuli.csv"));
        assertEquals("index,id,label", rows.get(0));
        assertEquals(N + 1, rows.size());
        int correct = 0;
        for (int i = 0; i < N; i++) {
            int best = 0;
            for (int c = 1; c < 10; c++) {
                if (logits[i * 10 + c] > logits[i * 10 + best]) {
                    best = c;
                }
            }
            int label = Integer.parseInt(rows.get(i + 1).split(",")[2]);
            correct += best == label ? 1 : 0;
        }
        // The shipped model reaches >= 90 % on the whole test split; 300 images leave some slack.
        assertTrue(correct >= 0.85 * N, "accuracy " + correct + "/" + N);
        assertEquals("fashion-mnist-test:000000,9", rows.get(1).substring(2));
    }

    @Test
    void featureMapsAverageToTheActivationMatrix() {
        NpyArray maps = Npy.read(first.resolve("conv4.maps.npy"));
        assertArrayEquals(new long[] {N, 128, 7, 7}, maps.shape());
        float[] m = maps.toFloatArray();
        float[] means = Npy.read(first.resolve("conv4.npy")).toFloatArray();
        for (int i = 0; i < N * 128; i += 97) {
            double sum = 0;
            for (int k = 0; k < 49; k++) {
                sum += m[i * 49 + k];
            }
            assertEquals(sum / 49, means[i], 1e-5);
        }
    }

    @Test
    void sidecarRecordsProvenance() throws Exception {
        JsonNode s = Json.MAPPER.readTree(first.resolve("conv2.json").toFile());
        assertEquals("fmnist-cnn:conv2", s.get("layer").asText());
        assertEquals("MXNet", s.get("engine").get("name").asText());
        assertEquals("fashion-mnist-test", s.get("stimulusSet").get("name").asText());
        assertEquals(N, s.get("stimulusSet").get("images").asInt());
        assertEquals(org.ipb.core.Sha256.of(first.resolve("conv2.npy")),
                s.get("files").get("activations").get("sha256").asText());
        assertTrue(s.get("timings").get("imagesPerSecond").asDouble() > 0);
        assertTrue(s.get("model").get("sha256").size() > 0);
    }

    @Test
    void sameInputsGiveIdenticalFiles() throws Exception {
        Path again = tmp.resolve("again");
        CliRunner.Result r = CliRunner.run("extract", "--limit", Integer.toString(N), "--batch", "128",
                "--no-progress", "--out", again.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (String l : List.of("conv1", "conv2", "conv3", "conv4", "logits")) {
            assertArrayEquals(Files.readAllBytes(first.resolve(l + ".npy")), Files.readAllBytes(again.resolve(l + ".npy")), l);
        }
    }

    @Test
    void batchSizeDoesNotChangeActivations() {
        Path small = tmp.resolve("small-batches");
        CliRunner.Result r = CliRunner.run("extract", "--limit", Integer.toString(N), "--batch", "7",
                "--layers", "conv4,logits", "--no-progress", "--out", small.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertClose(Npy.read(first.resolve("conv4.npy")).toFloatArray(),
                Npy.read(small.resolve("conv4.npy")).toFloatArray(), 1e-4);
        assertTrue(Files.notExists(small.resolve("conv1.npy")), "only the asked-for layers are written");
    }

    @Test
    void pytorchEngineReadsTheSameCheckpointToTheSameActivations() {
        Path pt = tmp.resolve("pytorch");
        CliRunner.Result r = CliRunner.run("extract", "--engine", "PyTorch", "--limit", "64", "--layers", "conv4",
                "--no-progress", "--out", pt.toString());
        assertEquals(0, r.exitCode(), r.err());
        float[] a = Npy.read(pt.resolve("conv4.npy")).toFloatArray();
        float[] b = java.util.Arrays.copyOf(Npy.read(first.resolve("conv4.npy")).toFloatArray(), a.length);
        assertClose(b, a, 1e-3);
    }

    static void assertClose(float[] want, float[] got, double tol) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tol * Math.max(1, Math.abs(want[i])), "index " + i);
        }
    }
}
