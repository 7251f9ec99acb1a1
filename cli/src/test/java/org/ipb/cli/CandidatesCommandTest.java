package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ipb.core.Json;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.core.candidates.Task;
import org.ipb.core.npy.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ipb candidates}: extraction, directions and exemplars for several methods in one go. */
class CandidatesCommandTest {
    @TempDir
    Path tmp;

    @Test
    void oneCandidateSetPerMethodOnTheDefaultModel() throws Exception {
        Path out = tmp.resolve("run");
        CliRunner.Result r = CliRunner.run("candidates", "--layer", "conv2", "--methods", "basis,pca,kmeans",
                "--k", "8", "--limit", "400", "--tasks", "5", "--sheets", "2", "--no-progress", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of(400L, 64L), List.of(Npy.shapeOf(out.resolve("activations/conv2.npy"))[0],
                Npy.shapeOf(out.resolve("activations/conv2.npy"))[1]));
        for (String method : List.of("basis", "pca", "kmeans")) {
            CandidateSet set = CandidateSets.read(out.resolve("candidates/" + method + "/candidates.json"));
            assertEquals("fmnist-cnn", set.model());
            assertEquals("conv2", set.layer());
            assertEquals(method, set.method());
            assertEquals(method.equals("basis") ? 64 : 8, set.k());
            assertEquals(method.equals("basis") ? 64 : 8, set.directions().size());
            assertEquals("fmnist-cnn:conv2:" + method + ":0", set.directions().get(0).id());
            for (Task t : set.directions().get(0).tasks()) {
                assertEquals(9, t.maxReferences().size());
                assertEquals(9, t.minReferences().size());
                assertTrue(t.maxQuery().activation() > t.minQuery().activation());
            }
            assertEquals(5, set.directions().get(0).tasks().size());
            assertEquals(2, Files.list(out.resolve("candidates/" + method + "/sheets")).count());
            assertTrue(Files.exists(out.resolve("directions/" + method + ".report.json")));
        }
        JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals(3, summary.get("methods").size());

        // A second run reuses the activations instead of extracting again.
        long before = Files.getLastModifiedTime(out.resolve("activations/conv2.npy")).toMillis();
        CliRunner.Result again = CliRunner.run("candidates", "--layer", "conv2", "--methods", "random", "--k", "4",
                "--limit", "400", "--tasks", "2", "--sheets", "0", "--no-progress", "--out", out.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("activations/conv2.npy")).toMillis());
    }

    @Test
    void unknownMethodFailsBeforeAnyWork() {
        Path out = tmp.resolve("never");
        CliRunner.Result r = CliRunner.run("candidates", "--layer", "conv2", "--methods", "pca,tsne", "--out",
                out.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unknown method 'tsne'"), r.err());
        assertTrue(Files.notExists(out));
    }
}
