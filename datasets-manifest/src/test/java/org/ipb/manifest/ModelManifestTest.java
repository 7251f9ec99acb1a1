package org.ipb.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelManifestTest {
    @TempDir
    Path dir;

    private static Path fixture() {
        try {
            return Path.of(ModelManifestTest.class.getResource("/manifests/fmnist-cnn.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private String fixtureText() throws Exception {
        return Files.readString(fixture());
    }

    private String problem(String from, String to) throws Exception {
        String json = fixtureText().replace(from, to);
        assertTrue(!json.equals(fixtureText()), "test bug: '" + from + "' not in the fixture");
        Path m = Fixtures.write(dir.resolve("model.json"), json);
        String message = assertThrows(UserError.class, () -> Manifests.readModel(m)).getMessage();
        assertTrue(message.startsWith(m + ": "), message);
        return message.substring((m + ": ").length());
    }

    private ModelManifest withSource(String sourceJson) throws Exception {
        String json = fixtureText().replace(
                "{\"type\": \"djl-block\", \"builder\": \"fmnist-cnn\", \"params\": \"fmnist-cnn.params\"}", sourceJson);
        return Manifests.readModel(Fixtures.write(dir.resolve("model.json"), json)).manifest();
    }

    @Test
    void fixtureBindsToRecords() {
        var mf = Manifests.readModel(fixture());
        ModelManifest m = mf.manifest();
        assertEquals("fmnist-cnn", m.name());
        assertEquals("MXNet", m.engine());
        assertEquals(new ModelSource.DjlBlockSource("fmnist-cnn", "fmnist-cnn.params"), m.source());
        assertEquals(List.of(1, 28, 28), m.inputShape());
        assertEquals(10, m.classes());
        assertEquals(List.of("conv1", "conv2", "fc1"), m.layers().stream().map(ModelManifest.Layer::name).toList());
        assertEquals(new ModelManifest.Layer("conv2", "second convolution, after ReLU", "02Conv2d"), m.layer("conv2"));
        assertNull(m.layer("fc1").node());
        assertNull(m.layer("nope"));
        assertEquals("fashion-mnist-test", m.stimulusSet());
        assertEquals(fixture().resolveSibling("fmnist-cnn.params"), mf.resolve("fmnist-cnn.params"));
        assertEquals("fmnist-cnn.provenance.json", m.provenance());
    }

    @Test
    void everySourceType() throws Exception {
        assertEquals(new ModelSource.ModelZooSource("djl://ai.djl.mxnet/resnet/0.0.1/resnet18_v1"),
                withSource("{\"type\": \"model-zoo\", \"url\": \"djl://ai.djl.mxnet/resnet/0.0.1/resnet18_v1\"}").source());
        assertEquals(new ModelSource.MxnetSymbolSource("resnet", "resnet18"),
                withSource("{\"type\": \"mxnet-symbol\", \"directory\": \"resnet\", \"prefix\": \"resnet18\"}").source());
        assertEquals(new ModelSource.TorchScriptSource("model.pt"),
                withSource("{\"type\": \"torchscript\", \"file\": \"model.pt\"}").source());
    }

    @Test
    void optionalFieldsMayBeLeftOut() throws Exception {
        String json = fixtureText()
                .replace("\"classes\": 10,", "")
                .replace("\"stimulusSet\": \"fashion-mnist-test\",", "")
                .replace("\"sha256\": {\"fmnist-cnn.params\": \"0000000000000000000000000000000000000000000000000000000000000000\"},", "")
                .replace("\"provenance\": \"fmnist-cnn.provenance.json\",", "");
        ModelManifest m = Manifests.readModel(Fixtures.write(dir.resolve("model.json"), json)).manifest();
        assertNull(m.classes());
        assertNull(m.stimulusSet());
        assertNull(m.provenance());
        assertTrue(m.sha256().isEmpty());
    }

    @Test
    void badEngine() throws Exception {
        assertEquals("$.engine: does not have a value in the enumeration [\"MXNet\", \"PyTorch\", \"OnnxRuntime\", \"TensorFlow\"]",
                problem("\"engine\": \"MXNet\"", "\"engine\": \"mxnet\""));
    }

    @Test
    void badSourceFields() throws Exception {
        assertEquals("$.source: required property 'params' not found", problem(", \"params\": \"fmnist-cnn.params\"", ""));
        assertEquals("$.source.url: does not match the regex pattern ^(djl|https?|file)://\\S+$",
                problem("{\"type\": \"djl-block\", \"builder\": \"fmnist-cnn\", \"params\": \"fmnist-cnn.params\"}",
                        "{\"type\": \"model-zoo\", \"url\": \"ftp://x/y\"}"));
        assertEquals("$.source: property 'file' is not defined in the schema and the schema does not allow additional properties",
                problem("\"params\": \"fmnist-cnn.params\"", "\"params\": \"fmnist-cnn.params\", \"file\": \"x.pt\""));
    }

    @Test
    void inputShapeIsThreePositiveInts() throws Exception {
        assertEquals("$.inputShape[0]: must have a minimum value of 1", problem("[1, 28, 28]", "[0, 28, 28]"));
        assertEquals("$.inputShape: must have at least 3 items but found 2", problem("[1, 28, 28]", "[28, 28]"));
    }

    @Test
    void layers() throws Exception {
        assertEquals("$.layers[2].name: duplicate layer name 'conv1' (also at $.layers[0].name)",
                problem("{\"name\": \"fc1\"}", "{\"name\": \"conv1\"}"));
        assertEquals("$.layers[2]: property 'units' is not defined in the schema and the schema does not allow additional properties",
                problem("{\"name\": \"fc1\"}", "{\"name\": \"fc1\", \"units\": 128}"));
        assertEquals("$.layers[2]: required property 'name' not found", problem("{\"name\": \"fc1\"}", "{}"));
    }

    @Test
    void stimulusSetManifestGivenWhereModelExpected() {
        String m = assertThrows(UserError.class, () -> Manifests.readModel(Fixtures.SHIPPED_TEST_SET)).getMessage();
        assertEquals(Fixtures.SHIPPED_TEST_SET + ": $.kind: this is a 'stimulus-set' manifest, expected 'model'", m);
    }
}
