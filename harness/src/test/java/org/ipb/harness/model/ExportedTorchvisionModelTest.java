package org.ipb.harness.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.ipb.core.DebianTorch;
import org.ipb.core.UserError;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.ipb.harness.ablation.DirectionAblation;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.ModelManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Networks exported by python/ipb_export.py from Debian's torchvision (seeded weights: no
 * pretrained ones are reachable) against PyTorch's own forward hooks on the same eager model and
 * the same RGB 224 x 224 input: every named layer and the logits within 1e-4, and every tail run
 * from its layer's output gives the logits again.
 */
class ExportedTorchvisionModelTest {
    /** Issue 14: ipb's activations equal PyTorch's forward-hook activations within 1e-4. */
    private static final double TOLERANCE = 1e-4;

    @Test
    void resnet18LayersAndTailsEqualPyTorchHooks(@TempDir Path dir) throws Exception {
        compareWithHooks(dir, "resnet18", List.of("layer2", "layer3"));
    }

    @Test
    void googlenetLayersAndTailsEqualPyTorchHooks(@TempDir Path dir) throws Exception {
        compareWithHooks(dir, "googlenet", List.of("inception3b", "inception4c"));
    }

    private static void compareWithHooks(Path dir, String arch, List<String> layers) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(DebianTorch.present(), DebianTorch.PYTHON + " with torch is missing");
        Path export = dir.resolve("export");
        DebianTorch.check(List.of(DebianTorch.exportScript().toString(), "torchvision", arch, "--random-seed", "3",
                "--layers", String.join(",", layers), "--out", export.toString()), 600);
        Path hooks = dir.resolve("hooks");
        DebianTorch.check(List.of(script("forward_hooks.py").toString(), arch, "3", String.join(",", layers), "3",
                hooks.toString()), 600);

        var mf = Manifests.readModel(export.resolve(arch + ".json"));
        assertEquals("PyTorch", mf.manifest().engine());
        assertEquals(List.of(3, 224, 224), mf.manifest().inputShape());
        assertEquals(224, mf.manifest().preprocessing().height());
        NpyArray input = Npy.read(hooks.resolve("input.npy"));
        NpyArray logits = Npy.read(hooks.resolve("logits.npy"));
        try (LoadedModel model = ModelLoader.load(mf, null, "cpu");
                NDManager batch = model.manager().newSubManager()) {
            assertEquals(layers, model.layers());
            NDArray x = batch.create(input.toFloatArray(), new Shape(input.shape()));
            Map<String, NDArray> out = model.readout(x, Set.copyOf(layers));
            for (String layer : layers) {
                NpyArray want = Npy.read(hooks.resolve(layer + ".npy"));
                double diff = maxAbsDiff(want, out.get(layer));
                System.out.printf("%s %s: max |ipb - torch hook| = %.3g over %d values%n", arch, layer, diff,
                        want.toFloatArray().length);
                assertTrue(diff <= TOLERANCE, arch + " " + layer + " differs from the forward hook by " + diff);
                assertTrue(model.canForwardFrom(layer), layer + " should have a tail");
                double tail = maxAbsDiff(logits, model.forwardFrom(layer, out.get(layer)));
                System.out.printf("%s tail after %s: max |logits - torch| = %.3g%n", arch, layer, tail);
                assertTrue(tail <= TOLERANCE, arch + " tail after " + layer + " differs by " + tail);
            }
        }
    }

    @Test
    void aLayerInsideAResidualBlockHasNoTailAndCannotBeAblated(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(DebianTorch.present(), DebianTorch.PYTHON + " with torch is missing");
        DebianTorch.Result r = DebianTorch.run(List.of(DebianTorch.exportScript().toString(), "torchvision",
                "resnet18", "--random-seed", "1", "--layers", "layer1,layer2.0.conv1", "--input-size", "64",
                "--out", dir.toString()), 600);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("no tail for layer layer2.0.conv1"), r.output());
        var mf = Manifests.readModel(dir.resolve("resnet18.json"));
        assertEquals("resnet18.tail-layer1.pt", mf.manifest().layer("layer1").tail());
        assertEquals(null, mf.manifest().layer("layer2.0.conv1").tail());
        try (LoadedModel model = ModelLoader.load(mf, null, "cpu")) {
            assertTrue(model.canForwardFrom("layer1"));
            assertFalse(model.canForwardFrom("layer2.0.conv1"));
            UserError e = assertThrows(UserError.class, () -> new DirectionAblation(model, "layer2.0.conv1", 8));
            assertTrue(e.getMessage().contains("cannot be run from layer layer2.0.conv1"), e.getMessage());
        }
    }

    @Test
    void aBadLayerNameListsTheValidOnesExitsTwoAndWritesNothing(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(DebianTorch.present(), DebianTorch.PYTHON + " with torch is missing");
        Path out = dir.resolve("out");
        DebianTorch.Result r = DebianTorch.run(List.of(DebianTorch.exportScript().toString(), "torchvision",
                "resnet18", "--random-seed", "1", "--layers", "layer2,layer9", "--out", out.toString()), 600);
        assertEquals(2, r.exit(), r.output());
        String line = r.output().strip();
        assertFalse(line.contains("\n"), "one line: " + line);
        assertTrue(line.contains("layer layer9: no such layer in torchvision resnet18"), line);
        assertTrue(line.contains("valid layers: conv1, bn1, relu, maxpool, layer1.0.conv1"), line);
        assertFalse(Files.exists(out) && listed(out) > 0, "nothing written");
    }

    @Test
    void aTailMissingOnDiskIsAUserErrorNamingIt(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(DebianTorch.present(), DebianTorch.PYTHON + " with torch is missing");
        DebianTorch.check(List.of(DebianTorch.exportScript().toString(), "torchvision", "resnet18", "--random-seed",
                "1", "--layers", "layer4", "--input-size", "64", "--out", dir.toString()), 600);
        Path tail = dir.resolve("resnet18.tail-layer4.pt");
        Files.delete(tail);
        var mf = Manifests.readModel(dir.resolve("resnet18.json"));
        UserError e = assertThrows(UserError.class, () -> ModelLoader.load(mf, null, "cpu").close());
        assertTrue(e.getMessage().startsWith(tail.toString()), e.getMessage());
    }

    @Test
    void aModuleThatReturnsNoNamedNodesIsRefusedAtLoadNamingTheManifest(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(DebianTorch.present(), DebianTorch.PYTHON + " with torch is missing");
        // A plain traced network returns only its logits: no layer can be read out of it.
        Path pt = dir.resolve("plain.pt");
        DebianTorch.check(List.of("-c", "import sys, torch, torchvision; torch.manual_seed(0);"
                + " m = torchvision.models.resnet18(num_classes=10).eval();"
                + " torch.jit.trace(m, torch.rand(1, 3, 64, 64)).save(sys.argv[1])", pt.toString()), 600);
        Path manifest = dir.resolve("plain.json");
        Files.writeString(manifest, "{\"kind\": \"model\", \"name\": \"plain\", \"version\": \"1\", \"engine\": \"PyTorch\","
                + " \"source\": {\"type\": \"torchscript\", \"file\": \"plain.pt\"}, \"inputShape\": [3, 64, 64],"
                + " \"layers\": [{\"name\": \"layer3\", \"node\": \"0\"}, {\"name\": \"layer4\", \"node\": \"1\"}]}");
        var mf = Manifests.readModel(manifest);
        UserError e = assertThrows(UserError.class, () -> ModelLoader.load(mf, null, "cpu").close());
        assertTrue(e.getMessage().startsWith(manifest.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("layer layer4 is output 1 but the model returns a single output (no named"
                + " nodes)"), e.getMessage());
    }

    private static long listed(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static double maxAbsDiff(NpyArray want, NDArray got) {
        assertEquals(new Shape(want.shape()), got.getShape());
        float[] w = want.toFloatArray();
        float[] g = got.toFloatArray();
        double max = 0;
        for (int i = 0; i < w.length; i++) {
            max = Math.max(max, Math.abs(w[i] - g[i]));
        }
        return max;
    }

    private static Path script(String name) throws URISyntaxException {
        return Path.of(ExportedTorchvisionModelTest.class.getResource("/torchvision/" + name).toURI());
    }
}
