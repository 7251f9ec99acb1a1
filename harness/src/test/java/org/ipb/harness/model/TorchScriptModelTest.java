package org.ipb.harness.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ipb.core.UserError;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.ModelManifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a real TorchScript module on DJL's PyTorch engine and compares its read-outs with what
 * torch computed. The fixture (tiny.pt, input.npy, expected_*.npy, tiny-torchscript.json) is made
 * by {@code src/test/resources/torchscript/make_fixture.py}: a 1x8x8 CNN whose forward returns the
 * tuple (conv feature map, logits), exposed as layers "conv" (output 0) and "logits" (output 1).
 */
class TorchScriptModelTest {
    private static final float TOLERANCE = 1e-5f;

    private static Path fixtures;
    private static Path manifest;
    private static Path weights;

    @BeforeAll
    static void locateFixtures() throws URISyntaxException {
        URL url = TorchScriptModelTest.class.getResource("/torchscript/tiny-torchscript.json");
        if (url == null) {
            throw new IllegalStateException("test resource torchscript/tiny-torchscript.json is missing");
        }
        manifest = Path.of(url.toURI());
        fixtures = manifest.getParent();
        weights = fixtures.resolve("tiny.pt").toAbsolutePath();
    }

    @Test
    void readoutMatchesTorch() {
        ManifestFile<ModelManifest> mf = Manifests.readModel(manifest);
        NpyArray input = Npy.read(fixtures.resolve("input.npy"));
        NpyArray expectedConv = Npy.read(fixtures.resolve("expected_conv.npy"));
        NpyArray expectedLogits = Npy.read(fixtures.resolve("expected_logits.npy"));
        assertArrayEquals(new long[] {2, 1, 8, 8}, input.shape());

        try (LoadedModel model = ModelLoader.load(mf, null, "cpu")) {
            assertEquals("PyTorch", model.engineName());
            assertEquals("tiny-torchscript", model.name());
            assertEquals(List.of("conv", "logits"), model.layers());
            assertEquals(new Shape(1, 8, 8), model.inputShape());
            assertEquals("cpu", model.device().getDeviceType(), "device " + model.device());

            Map<String, NDArray> out;
            try (NDManager batchManager = model.manager().newSubManager()) {
                NDArray batch = batchManager.create(input.toFloatArray(), new Shape(input.shape()));
                out = model.readout(batch, Set.of("conv", "logits"));
                assertEquals(List.of("conv", "logits"), List.copyOf(out.keySet()), "forward order");
                assertMatches(expectedConv, out.get("conv"), "conv");
                assertMatches(expectedLogits, out.get("logits"), "logits");

                // A subset of the layers: only what was asked for comes back.
                Map<String, NDArray> logitsOnly = model.readout(batch, Set.of("logits"));
                assertEquals(Set.of("logits"), logitsOnly.keySet());
                assertMatches(expectedLogits, logitsOnly.get("logits"), "logits (alone)");
            }
            // LoadedModel's contract: outputs belong to the batch's manager, so closing it frees them.
            out.forEach((layer, a) -> assertTrue(a.isReleased(), layer + " outlived its batch manager"));
        }
    }

    @Test
    void nodeBeyondTheOutputsIsAUserErrorAtLoadNamingTheFileAndLayer(@TempDir Path dir) throws IOException {
        Path copy = writeManifest(dir, "out-of-range.json", weights.toString(),
                "[{\"name\": \"conv\", \"node\": \"0\"}, {\"name\": \"beyond\", \"node\": \"5\"}]", null);
        ManifestFile<ModelManifest> mf = Manifests.readModel(copy);
        // Probed at load (one zero image), not in the middle of an extraction.
        UserError e = assertThrows(UserError.class, () -> ModelLoader.load(mf, null, "cpu").close());
        assertTrue(e.getMessage().startsWith(copy.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("beyond"), e.getMessage());
        assertTrue(e.getMessage().contains("output 5"), e.getMessage());
        assertTrue(e.getMessage().contains("only 2 outputs"), e.getMessage());
    }

    @Test
    void tamperedSha256IsAUserErrorNamingTheWeights(@TempDir Path dir) throws IOException {
        String wrong = "0".repeat(64);
        Path copy = writeManifest(dir, "tampered.json", weights.toString(),
                "[{\"name\": \"conv\", \"node\": \"0\"}, {\"name\": \"logits\", \"node\": \"1\"}]",
                "{\"" + json(weights.toString()) + "\": \"" + wrong + "\"}");
        ManifestFile<ModelManifest> mf = Manifests.readModel(copy);
        UserError e = assertThrows(UserError.class, () -> ModelLoader.load(mf, null, "cpu").close());
        assertTrue(e.getMessage().startsWith(weights.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("sha256 mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains(wrong), e.getMessage());
    }

    @Test
    void aFileThatIsNotTorchScriptIsAUserErrorNamingTheManifest(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.pt"), "this is a text file, not a TorchScript archive\n");
        Path m = writeManifest(dir, "not-torchscript.json", "notes.pt", "[{\"name\": \"conv\", \"node\": \"0\"}]", null);
        ManifestFile<ModelManifest> mf = Manifests.readModel(m);
        UserError e = assertThrows(UserError.class, () -> ModelLoader.load(mf, null, "cpu").close());
        assertTrue(e.getMessage().startsWith(m.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("cannot load model"), e.getMessage());
    }

    @Test
    void aTextFileWithAnotherExtensionIsAUserErrorNamingTheManifest(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "this is a text file, not a TorchScript archive\n");
        Path m = writeManifest(dir, "text-file.json", "notes.txt", "[{\"name\": \"conv\", \"node\": \"0\"}]", null);
        ManifestFile<ModelManifest> mf = Manifests.readModel(m);
        UserError e = assertThrows(UserError.class, () -> ModelLoader.load(mf, null, "cpu").close());
        assertTrue(e.getMessage().startsWith(m.toString()), e.getMessage());
    }

    private static void assertMatches(NpyArray expected, NDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.getShape().getShape(), what + " shape");
        assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), TOLERANCE, what + " values");
    }

    /** A torchscript manifest in {@code dir}; {@code sha256} is a JSON object or null. */
    private static Path writeManifest(Path dir, String fileName, String modelFile, String layers, String sha256)
            throws IOException {
        String text = "{\n"
                + "  \"kind\": \"model\",\n"
                + "  \"name\": \"tiny-torchscript-variant\",\n"
                + "  \"version\": \"1\",\n"
                + "  \"engine\": \"PyTorch\",\n"
                + "  \"source\": {\"type\": \"torchscript\", \"file\": \"" + json(modelFile) + "\"},\n"
                + "  \"inputShape\": [1, 8, 8],\n"
                + "  \"layers\": " + layers
                + (sha256 == null ? "" : ",\n  \"sha256\": " + sha256)
                + "\n}\n";
        Path file = dir.resolve(fileName);
        Files.writeString(file, text);
        return file;
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
