package org.ipb.cli;

import org.ipb.core.plugin.Suggestions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ipb.core.Json;
import org.ipb.core.Sha256;
import org.ipb.core.npy.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    static final List<String> COMMANDS = List.of("train", "extract", "directions", "exemplars", "candidates", "selectivity", "models", "validate", "bench", "human", "study");

    @Test
    void helpListsEveryCommandAndEachHasItsOwnHelp() {
        CliRunner.Result top = CliRunner.run("--help");
        assertEquals(0, top.exitCode());
        for (String c : COMMANDS) {
            assertTrue(top.out().contains("  " + c + " "), c + " missing from:\n" + top.out());
            CliRunner.Result sub = CliRunner.run(c, "--help");
            assertEquals(0, sub.exitCode(), c);
            assertTrue(sub.out().startsWith("Usage: ipb " + c), sub.out());
        }
    }

    @Test
    void helpReachesNestedCommands() {
        CliRunner.Result r = CliRunner.run("help", "study", "create");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Usage: ipb study create"), r.out());
        CliRunner.Result bad = CliRunner.run("help", "study", "crate");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("did you mean 'study create'"), bad.err());
    }

    @Test
    void aMistypedCommandSuggestsTheNearest() {
        CliRunner.Result r = CliRunner.run("exemplar");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("did you mean 'ipb exemplars'"), r.err());
        CliRunner.Result s = CliRunner.run("study", "preveiw");
        assertEquals(2, s.exitCode());
        assertTrue(s.err().contains("did you mean 'ipb study preview'"), s.err());
        assertEquals(null, Suggestions.nearest("zzzzzz", java.util.List.of("run", "submit")));
        assertEquals(1, Suggestions.distance("kitten", "sitten"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
    }

    @Test
    void debugIsInTheUsage() {
        CliRunner.Result r = CliRunner.run("--help");
        assertTrue(r.out().contains("--debug"), r.out());
    }

    /** Without a display, study preview fails in one line at once instead of waiting for one. */
    @Test
    void studyPreviewWithoutADisplayFailsAtOnce(@TempDir Path tmp) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-Dipb.home=" + System.getProperty("ipb.home"),
                Main.class.getName(), "study", "preview", "--db", tmp.resolve("none.db").toString(), "--participant",
                "P01", "--out", tmp.resolve("t.png").toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("log.txt").toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        boolean exited = p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        String out = java.nio.file.Files.readString(tmp.resolve("log.txt"));
        assertTrue(exited, "study preview without a display did not exit: " + out);
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.strip().lines().count() == 1 && out.contains("needs a display") && out.contains("xvfb-run"),
                out);
        assertTrue(!java.nio.file.Files.exists(tmp.resolve("t.png")));
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitCode2() {
        CliRunner.Result r = CliRunner.run("extract", "--out", "x", "--colour", "red");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--colour"), r.err());
    }

    @Test
    void validateAcceptsTheShippedManifestsAndRejectsABrokenOne(@TempDir Path tmp) throws Exception {
        CliRunner.Result ok = CliRunner.run("validate", "--sha256",
                CliRunner.embedded("stimulus-sets/fashion-mnist-test.json").toString(),
                CliRunner.embedded("models/fmnist-cnn.json").toString());
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains("ok (model)"), ok.out());
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"kind\": \"model\", \"name\": 7}");
        CliRunner.Result bad = CliRunner.run("validate", broken.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains(broken.toString()), bad.err());
    }

    @Test
    void modelsListsTheShippedModelWithItsLayers() {
        CliRunner.Result r = CliRunner.run("models");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("fmnist-cnn") && r.out().contains("conv1,conv2,conv3,conv4,logits"), r.out());
    }

    /** ipb train writes a checkpoint, provenance and a manifest that ipb extract can use at once. */
    @Test
    void trainThenExtractWithTheWrittenManifest(@TempDir Path tmp) throws Exception {
        Path models = tmp.resolve("models");
        CliRunner.Result t = CliRunner.run("train", "--arch", "fmnist-cnn", "--name", "quick", "--train-set",
                "fashion-mnist-test", "--limit", "1024", "--batch", "64", "--epochs", "1", "--seed", "3", "--out", models.toString());
        assertEquals(0, t.exitCode(), t.err());
        Path manifest = models.resolve("quick.json");
        JsonNode m = Json.MAPPER.readTree(manifest.toFile());
        String params = m.get("source").get("params").asText();
        assertEquals("quick/quick-0001.params", params);
        assertEquals(Sha256.of(models.resolve(params)), m.get("sha256").get(params).asText());
        JsonNode prov = Json.MAPPER.readTree(models.resolve("quick/quick.provenance.json").toFile());
        assertEquals(3, prov.get("config").get("seed").asInt());
        assertEquals(1024, prov.get("trainSet").get("images").asInt());
        assertTrue(prov.get("testAccuracy").asDouble() > 0.3, "one epoch on 1,024 images beats chance (0.1)");
        assertEquals(prov.get("testAccuracy").asDouble(), prov.get("epochs").get(0).get("testAccuracy").asDouble());

        Path out = tmp.resolve("acts");
        CliRunner.Result x = CliRunner.run("extract", "--model", manifest.toString(), "--limit", "16", "--layers",
                "conv3", "--no-progress", "--out", out.toString());
        assertEquals(0, x.exitCode(), x.err());
        assertArrayEquals(new long[] {16, 128}, Npy.read(out.resolve("conv3.npy")).shape());
    }
}
