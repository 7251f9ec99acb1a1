package org.ipb.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.ipb.core.DebianTorch;
import org.ipb.core.Json;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.ModelManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both sides of {@code bench extract --torch} on an exported ResNet-18; needs Debian's torch. */
class TorchBaselineTest {
    @Test
    void bothPeersServeBatchesAndTorchCountsTorchvisionsFlops(@TempDir Path dir) throws Exception {
        assumeTrue(DebianTorch.present(), DebianTorch.PYTHON + " with torch is missing");
        DebianTorch.check(List.of(DebianTorch.exportScript().toString(), "torchvision", "resnet18", "--random-seed", "0",
                "--layers", "layer4", "--no-tails", "--out", dir.toString()), 600);
        ManifestFile<ModelManifest> mf = Manifests.readModel(dir.resolve("resnet18.json"));
        Path pixels = dir.resolve("pixels.npy");
        BenchPixels.write(Manifests.asInputTo(Manifests.readStimulusSet(ManifestCatalog.stimulusSet("fashion-mnist-test")),
                mf.manifest()),
                3, 2, pixels);

        try (BatchPeer torch = new BatchPeer("torch", TorchBaseline.command(DebianTorch.PYTHON.toString(),
                dir.resolve("resnet18.pt"), pixels, mf.file(), 1, 2, 2))) {
            // torchvision's table gives ResNet-18 1.81 G multiply-adds at 224 x 224; 2 FLOPs each.
            assertEquals(3.628e9, ((Number) torch.header().get("flopsPerImage")).doubleValue(), 0.005e9);
            assertEquals(2, torch.header().get("threads"));
            assertEquals(1, torch.header().get("interopThreads"));
            assertTrue(torch.time(0, 2) > 0);
            assertTrue(torch.time(2, 3) > 0);
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReadoutBenchmark.serve(mf, pixels, new BufferedReader(new StringReader("0 2\n2 3\n")),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        JsonNode header = Json.MAPPER.readTree(lines[0]);
        assertTrue(header.get("torch").asText().startsWith("2."), "libtorch version " + header);
        assertTrue(Double.parseDouble(lines[1]) > 0);
        assertTrue(Double.parseDouble(lines[2]) > 0);
    }
}
