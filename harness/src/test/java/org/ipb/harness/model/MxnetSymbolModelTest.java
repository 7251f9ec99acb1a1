package org.ipb.harness.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ipb.core.UserError;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.ModelManifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a real MXNet export on DJL's MXNet engine and compares internal read-outs with the same
 * network computed here in plain Java loops. The fixture (src/test/resources/mxnet-symbol/) is a
 * hand-written MXNet 1.9 symbol, conv0 → bn0 → relu0 → pool0 → flatten0 → fc0, with weights from
 * {@link MxnetSymbolFixture} in MXNet's own params format.
 */
class MxnetSymbolModelTest {
    private static final float TOLERANCE = 1e-5f;
    private static final int F = MxnetSymbolFixture.FILTERS;
    private static final int K = MxnetSymbolFixture.CLASSES;
    private static final int S = MxnetSymbolFixture.SIZE;
    private static final int N = MxnetSymbolFixture.BATCH;
    private static final Shape INPUT = new Shape(N, 1, S, S);

    private static Path fixtures;
    private static Path manifest;
    private static Path symbolFile;
    private static Path paramsFile;

    @BeforeAll
    static void locateFixtures() throws URISyntaxException {
        URL url = MxnetSymbolModelTest.class.getResource("/mxnet-symbol/tiny-mxnet.json");
        if (url == null) {
            throw new IllegalStateException("test resource mxnet-symbol/tiny-mxnet.json is missing");
        }
        manifest = Path.of(url.toURI());
        fixtures = manifest.getParent();
        symbolFile = fixtures.resolve("tiny-symbol.json");
        paramsFile = fixtures.resolve("tiny-0000.params");
    }

    @Test
    void committedParamsAreWhatTheFixtureWrites() throws IOException {
        assertArrayEquals(MxnetSymbolFixture.encode(MxnetSymbolFixture.parameters()), Files.readAllBytes(paramsFile),
                "regenerate with: java harness/src/test/java/org/ipb/harness/model/MxnetSymbolFixture.java "
                        + "harness/src/test/resources/mxnet-symbol");
    }

    /** MXNet's own loader (MXNDArrayLoad) reads the hand-written file back: names, shapes, values. */
    @Test
    void mxnetReadsTheParamsFile() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "MXNet")) {
            NDList loaded = m.load(paramsFile);
            List<MxnetSymbolFixture.NamedArray> written = MxnetSymbolFixture.parameters();
            assertEquals(written.size(), loaded.size());
            for (int i = 0; i < written.size(); i++) {
                MxnetSymbolFixture.NamedArray w = written.get(i);
                assertEquals(w.key(), loaded.get(i).getName());
                assertEquals(new Shape(w.shape()), loaded.get(i).getShape(), w.key());
                assertArrayEquals(w.values(), loaded.get(i).toFloatArray(), w.key());
            }
        }
    }

    @Test
    void internalNodesMatchAnIndependentComputation() throws IOException {
        float[] x1 = MxnetSymbolFixture.input(1);
        float[] x2 = MxnetSymbolFixture.input(2);
        Reference r1 = Reference.of(x1, bnEps());
        Reference r2 = Reference.of(x2, bnEps());
        // The fixture must exercise ReLU: some units cut to zero, some not.
        assertTrue(count(r1.relu, v -> v == 0) > 0 && count(r1.relu, v -> v > 0) > 0, "ReLU is trivial");

        try (LoadedModel model = ModelLoader.load(Manifests.readModel(manifest), null, "cpu")) {
            assertEquals("MXNet", model.engineName());
            assertEquals("tiny-mxnet", model.name());
            assertEquals(List.of("conv0", "relu0", "fc0"), model.layers());
            assertEquals(new Shape(1, S, S), model.inputShape());
            assertEquals("cpu", model.device().getDeviceType(), "device " + model.device());

            Map<String, NDArray> out;
            try (NDManager batchManager = model.manager().newSubManager()) {
                NDArray batch1 = batchManager.create(x1, INPUT);
                out = model.readout(batch1, Set.of("fc0", "conv0", "relu0"));
                assertEquals(List.of("conv0", "relu0", "fc0"), List.copyOf(out.keySet()));
                assertClose(r1.conv, new Shape(N, F, S, S), out.get("conv0"), "conv0");
                assertClose(r1.relu, new Shape(N, F, S, S), out.get("relu0"), "relu0");
                assertClose(r1.fc, new Shape(N, K), out.get("fc0"), "fc0");

                // A subset: only what was asked for comes back.
                Map<String, NDArray> fcOnly = model.readout(batch1, Set.of("fc0"));
                assertEquals(Set.of("fc0"), fcOnly.keySet());
                assertClose(r1.fc, new Shape(N, K), fcOnly.get("fc0"), "fc0 (alone)");

                // Another batch gets its own results and leaves the earlier ones intact
                // (the cached graph must not hand out the same buffers twice).
                Map<String, NDArray> out2 = model.readout(batchManager.create(x2, INPUT), Set.of("relu0", "fc0"));
                assertClose(r2.relu, new Shape(N, F, S, S), out2.get("relu0"), "relu0, batch 2");
                assertClose(r2.fc, new Shape(N, K), out2.get("fc0"), "fc0, batch 2");
                assertClose(r1.relu, new Shape(N, F, S, S), out.get("relu0"), "relu0, batch 1 after batch 2");
            }
            out.forEach((layer, a) -> assertTrue(a.isReleased(), layer + " outlived its batch manager"));
        }
    }

    @Test
    void nodesMayCarryTheOutputSuffixAndLayersKeepManifestOrder(@TempDir Path dir) throws IOException {
        Path m = writeManifest(dir, fixtures.toString(), "[1, 8, 8]", "[{\"name\": \"logits\", \"node\": \"fc0_output\"},"
                + " {\"name\": \"features\", \"node\": \"relu0_output\"}, {\"name\": \"relu0\"}]");
        Reference r = Reference.of(MxnetSymbolFixture.input(1), bnEps());
        try (LoadedModel model = ModelLoader.load(Manifests.readModel(m), null, "cpu");
                NDManager batchManager = model.manager().newSubManager()) {
            assertEquals(List.of("logits", "features", "relu0"), model.layers());
            Map<String, NDArray> out = model.readout(batchManager.create(MxnetSymbolFixture.input(1), INPUT),
                    Set.of("logits", "features", "relu0"));
            assertEquals(List.of("logits", "features", "relu0"), List.copyOf(out.keySet()));
            assertClose(r.fc, new Shape(N, K), out.get("logits"), "logits");
            assertClose(r.relu, new Shape(N, F, S, S), out.get("features"), "features");
            assertClose(r.relu, new Shape(N, F, S, S), out.get("relu0"), "relu0");
        }
    }

    @Test
    void unknownNodeIsAUserErrorListingTheValidNodes(@TempDir Path dir) throws IOException {
        Path m = writeManifest(dir, fixtures.toString(), "[1, 8, 8]",
                "[{\"name\": \"conv0\"}, {\"name\": \"later\", \"node\": \"conv9\"}]");
        ManifestFile<ModelManifest> mf = Manifests.readModel(m);
        UserError e = assertThrows(UserError.class, () -> ModelLoader.load(mf, null, "cpu").close());
        assertEquals(m + ": layer 'conv9' is not a node of " + symbolFile
                + "; valid nodes: conv0, bn0, relu0, pool0, flatten0, fc0", e.getMessage());
    }

    @Test
    void missingParamsFileIsAUserErrorNamingIt(@TempDir Path dir) throws IOException {
        Files.copy(symbolFile, dir.resolve("tiny-symbol.json"));
        Path m = writeManifest(dir, ".", "[1, 8, 8]", "[{\"name\": \"fc0\"}]");
        ManifestFile<ModelManifest> mf = Manifests.readModel(m);
        UserError e = assertThrows(UserError.class, () -> ModelLoader.load(mf, null, "cpu").close());
        assertTrue(e.getMessage().startsWith(dir.resolve("./tiny-0000.params") + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
        assertTrue(e.getMessage().contains(m.toString()), e.getMessage());
    }

    @Test
    void paramsThatDoNotFitTheInputShapeAreAUserErrorNamingThem(@TempDir Path dir) throws IOException {
        // Three input channels make MXNet infer conv0_weight as (4, 3, 3, 3); the file has (4, 1, 3, 3).
        Path m = writeManifest(dir, fixtures.toString(), "[3, 8, 8]", "[{\"name\": \"fc0\"}]");
        ManifestFile<ModelManifest> mf = Manifests.readModel(m);
        UserError e = assertThrows(UserError.class, () -> ModelLoader.load(mf, null, "cpu").close());
        assertTrue(e.getMessage().startsWith(paramsFile + ": array 'conv0_weight' has shape (4, 1, 3, 3)"),
                e.getMessage());
    }

    @Test
    void anotherEngineIsAUserError() {
        ManifestFile<ModelManifest> mf = Manifests.readModel(manifest);
        UserError e = assertThrows(UserError.class, () -> ModelLoader.load(mf, "PyTorch", "cpu").close());
        assertTrue(e.getMessage().startsWith(manifest + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("MXNet"), e.getMessage());
    }

    /** The network by hand, in double precision: conv (pad 1) → BatchNorm (moving stats) → ReLU → mean → FC. */
    private record Reference(double[] conv, double[] relu, double[] fc) {
        static Reference of(float[] x, double eps) {
            float[] w = MxnetSymbolFixture.parameter("conv0_weight");
            float[] b = MxnetSymbolFixture.parameter("conv0_bias");
            float[] gamma = MxnetSymbolFixture.parameter("bn0_gamma");
            float[] beta = MxnetSymbolFixture.parameter("bn0_beta");
            float[] mean = MxnetSymbolFixture.parameter("bn0_moving_mean");
            float[] var = MxnetSymbolFixture.parameter("bn0_moving_var");
            float[] fw = MxnetSymbolFixture.parameter("fc0_weight");
            float[] fb = MxnetSymbolFixture.parameter("fc0_bias");
            double[] conv = new double[N * F * S * S];
            double[] relu = new double[conv.length];
            double[] fc = new double[N * K];
            for (int n = 0; n < N; n++) {
                double[] pooled = new double[F];
                for (int f = 0; f < F; f++) {
                    for (int i = 0; i < S; i++) {
                        for (int j = 0; j < S; j++) {
                            double sum = b[f];
                            for (int di = 0; di < 3; di++) {
                                for (int dj = 0; dj < 3; dj++) {
                                    int y = i + di - 1;
                                    int z = j + dj - 1;
                                    if (y >= 0 && y < S && z >= 0 && z < S) {
                                        sum += w[(f * 3 + di) * 3 + dj] * x[(n * S + y) * S + z];
                                    }
                                }
                            }
                            int at = ((n * F + f) * S + i) * S + j;
                            conv[at] = sum;
                            double bn = (sum - mean[f]) / Math.sqrt(var[f] + eps) * gamma[f] + beta[f];
                            relu[at] = Math.max(0, bn);
                            pooled[f] += relu[at] / (S * S);
                        }
                    }
                }
                for (int k = 0; k < K; k++) {
                    double sum = fb[k];
                    for (int f = 0; f < F; f++) {
                        sum += fw[k * F + f] * pooled[f];
                    }
                    fc[n * K + k] = sum;
                }
            }
            return new Reference(conv, relu, fc);
        }
    }

    /** BatchNorm's eps as the symbol file states it, so the reference cannot drift from the fixture. */
    private static double bnEps() throws IOException {
        for (JsonNode node : new ObjectMapper().readTree(symbolFile.toFile()).get("nodes")) {
            if ("bn0".equals(node.get("name").asText())) {
                assertEquals("False", node.get("attrs").get("fix_gamma").asText(), "fix_gamma");
                return Double.parseDouble(node.get("attrs").get("eps").asText());
            }
        }
        throw new IllegalStateException("no bn0 node in " + symbolFile);
    }

    private static void assertClose(double[] expected, Shape shape, NDArray actual, String what) {
        assertEquals(shape, actual.getShape(), what + " shape");
        float[] got = actual.toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            double want = expected[i];
            assertEquals(want, got[i], TOLERANCE, what + " at flat index " + i);
        }
    }

    private static long count(double[] a, java.util.function.DoublePredicate p) {
        return java.util.Arrays.stream(a).filter(p).count();
    }

    /** An mxnet-symbol manifest in {@code dir} for prefix "tiny" in {@code directory}. */
    private static Path writeManifest(Path dir, String directory, String inputShape, String layers)
            throws IOException {
        String text = "{\n"
                + "  \"kind\": \"model\",\n"
                + "  \"name\": \"tiny-mxnet-variant\",\n"
                + "  \"version\": \"1\",\n"
                + "  \"engine\": \"MXNet\",\n"
                + "  \"source\": {\"type\": \"mxnet-symbol\", \"directory\": \"" + json(directory)
                + "\", \"prefix\": \"tiny\"},\n"
                + "  \"inputShape\": " + inputShape + ",\n"
                + "  \"layers\": " + layers + "\n"
                + "}\n";
        Path file = dir.resolve("tiny-variant.json");
        Files.writeString(file, text);
        return file;
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
