package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.ipb.core.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmarks run end to end (tiny sizes; the figures in issue notes come from full runs). */
class BenchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void directionsBenchmarkMeasuresEachMethodInItsOwnProcess() throws Exception {
        Path json = tmp.resolve("bench.json");
        CliRunner.Result r = CliRunner.run("bench", "directions", "--sizes", "400x16", "--methods", "pca,kmeans",
                "--k", "4", "--workdir", tmp.toString(), "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode results = Json.MAPPER.readTree(json.toFile()).get("results");
        assertEquals(2, results.size());
        for (JsonNode row : results) {
            assertEquals(4, row.get("k").asInt());
            assertTrue(row.get("seconds").asDouble() > 0);
            assertTrue(row.get("peakRssMiB").asDouble() > 10, "a JVM's peak RSS");
        }
        assertTrue(results.get(0).get("objective").asDouble() > 0, "pca explains some variance");
    }

    @Test
    void extractionBenchmarkReportsImagesPerSecondAndSgemm() throws Exception {
        Path json = tmp.resolve("extract.json");
        CliRunner.Result r = CliRunner.run("bench", "extract", "--engines", "MXNet", "--images", "64", "--batch", "32",
                "--matmul-size", "256", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode row = Json.MAPPER.readTree(json.toFile()).get("results").get(0);
        assertEquals("MXNet", row.get("engine").asText());
        assertEquals(64, row.get("images").asInt());
        assertTrue(row.get("imagesPerSecond").asDouble() > 0);
        assertTrue(row.get("matmulGflops").asDouble() > 0);
    }

    @Test
    void scorerBenchmarkReportsEmbeddingSpeedAndScoringTimes() throws Exception {
        Path json = tmp.resolve("scorers.json");
        CliRunner.Result r = CliRunner.run("bench", "scorers", "--observer", "pixels", "--images", "300",
                "--directions", "10", "--tasks", "2", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode f = Json.MAPPER.readTree(json.toFile()).get("figures");
        assertEquals(300, f.get("images").asInt());
        assertEquals(10, f.get("directions").asInt());
        assertTrue(f.get("imagesPerSecond").asDouble() > 0);
        assertTrue(f.get("misSeconds").asDouble() > 0);
    }

    @Test
    void plantedBenchmarkPrintsARowPerKindSeedAndMethod() throws Exception {
        Path json = tmp.resolve("planted.json");
        CliRunner.Result r = CliRunner.run("bench", "planted", "--n", "600", "--c", "6", "--active", "2",
                "--seeds", "1,2", "--coefficients", "signed", "--methods", "dict,sae-topk-abs:epochs=2",
                "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("mean over 2 seeds"), r.out());
        assertTrue(r.out().contains("sae-topk-abs:epochs=2"), r.out());
        JsonNode results = Json.MAPPER.readTree(json.toFile()).get("results");
        assertEquals(4, results.size());
        for (JsonNode row : results) {
            assertEquals("signed", row.get("coefficients").asText());
            assertEquals(12, row.get("atoms").asInt());
            assertTrue(row.get("meanMaxCos").asDouble() > 0);
        }
        CliRunner.Result bad = CliRunner.run("bench", "planted", "--coefficients", "gaussian");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("nonneg, signed or uniform"), bad.err());
    }

    @Test
    void badSizeIsAUsageError() {
        CliRunner.Result r = CliRunner.run("bench", "directions", "--sizes", "lots", "--workdir", tmp.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("'lots' is not NxC"), r.err());
    }
}
