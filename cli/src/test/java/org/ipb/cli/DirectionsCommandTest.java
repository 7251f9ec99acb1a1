package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ipb.core.Json;
import org.ipb.core.Sha256;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ipb directions} on real activations of the shipped model. */
class DirectionsCommandTest {
    @TempDir
    static Path tmp;
    static Path conv3;

    @BeforeAll
    static void extract() {
        Path acts = tmp.resolve("acts");
        CliRunner.Result r = CliRunner.run("extract", "--limit", "600", "--layers", "conv3", "--no-progress",
                "--out", acts.toString());
        assertEquals(0, r.exitCode(), r.err());
        conv3 = acts.resolve("conv3.npy");
    }

    @Test
    void pcaWritesUnitDirectionsAndAReport() throws Exception {
        Path out = tmp.resolve("pca.npy");
        CliRunner.Result r = CliRunner.run("directions", "--activations", conv3.toString(), "--method", "pca",
                "--k", "16", "--seed", "3", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        NpyArray d = Npy.read(out);
        assertArrayEquals(new long[] {16, 128}, d.shape());
        float[] v = d.toFloatArray();
        for (int i = 0; i < 16; i++) {
            double norm = 0;
            for (int j = 0; j < 128; j++) {
                norm += v[i * 128 + j] * v[i * 128 + j];
            }
            assertEquals(1, norm, 1e-5);
        }
        JsonNode report = Json.MAPPER.readTree(tmp.resolve("pca.report.json").toFile());
        assertEquals("pca", report.get("method").asText());
        assertEquals(600, report.get("n").asInt());
        assertEquals(Sha256.of(conv3), report.get("activations").get("sha256").asText());
        double explained = report.get("objective").asDouble();
        assertTrue(explained > 0.5 && explained < 1, "16 of 128 components of a conv layer explain most variance");
        assertEquals(1 - explained, report.get("relativeReconstructionError").asDouble(), 1e-9);
    }

    @Test
    void sameSeedSameDirections() throws Exception {
        Path a = tmp.resolve("r1.npy");
        Path b = tmp.resolve("r2.npy");
        for (Path p : new Path[] {a, b}) {
            assertEquals(0, CliRunner.run("directions", "--activations", conv3.toString(), "--method", "random",
                    "--k", "8", "--seed", "9", "--option", "orthonormal=true", "--out", p.toString()).exitCode());
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void badInputExitsWithCode2AndWritesNothing() throws Exception {
        Path nan = tmp.resolve("nan.npy");
        Npy.write(nan, NpyArray.ofFloats(new float[] {1, Float.POSITIVE_INFINITY, 3, 4}, 2, 2));
        Path out = tmp.resolve("never.npy");
        String[][] cases = {
            {"--activations", nan.toString(), "--method", "pca", "--k", "1"},
            {"--activations", conv3.toString(), "--method", "pca", "--k", "601"},
            {"--activations", conv3.toString(), "--method", "umap", "--k", "2"},
            {"--activations", tmp.resolve("missing.npy").toString(), "--method", "pca", "--k", "2"},
            {"--activations", conv3.toString(), "--method", "random", "--k", "2", "--option", "orthonormal=maybe"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 3];
            args[0] = "directions";
            System.arraycopy(c, 0, args, 1, c.length);
            args[c.length + 1] = "--out";
            args[c.length + 2] = out.toString();
            CliRunner.Result r = CliRunner.run(args);
            assertEquals(2, r.exitCode(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(Files.notExists(out) && Files.notExists(tmp.resolve("never.report.json")));
        }
    }
}
