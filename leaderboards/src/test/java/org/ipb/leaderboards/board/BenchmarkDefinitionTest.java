package org.ipb.leaderboards.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped definitions read strictly; method options pin direction-finding settings. */
class BenchmarkDefinitionTest {
    private static final Path HOME = Path.of(System.getProperty("ipb.home"));

    @Test
    void shippedDefinitionsReadAndVersionsPinTheirMethodOptions() throws Exception {
        BenchmarkDefinition v2 = BenchmarkDefinition.read(HOME.resolve("leaderboards/benchmarks/fmnist-2afc.v2.json"));
        BenchmarkDefinition v3 = BenchmarkDefinition.read(HOME.resolve("leaderboards/benchmarks/fmnist-2afc.v3.json"));
        assertEquals("fmnist-2afc@2", v2.key());
        assertEquals("fmnist-2afc@3", v3.key());
        assertEquals(v2.methods(), v3.methods());
        // v2 keeps the SAE it was published with; v3 takes the current defaults.
        assertEquals("topk", v2.optionsOf("sae").get("sparsity"));
        assertEquals(Map.of(), v3.optionsOf("sae"));
        assertEquals(Map.of(), v2.optionsOf("pca"));
        assertEquals("false", v3.scorerOptions().get("ablation-random"));
        // No empty methodOptions block in what a board embeds.
        assertFalse(Json.MAPPER.writeValueAsString(v3).contains("methodOptions"));
        assertTrue(Json.MAPPER.writeValueAsString(v2).contains("methodOptions"));
    }

    @Test
    void methodOptionsForAMethodTheDefinitionDoesNotRunAreRefused(@TempDir Path dir) throws Exception {
        String v3 = Files.readString(HOME.resolve("leaderboards/benchmarks/fmnist-2afc.v3.json"));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, v3.replaceFirst("\\{", "{\"methodOptions\": {\"umap\": {\"k\": \"2\"}},"));
        UserError e = assertThrows(UserError.class, () -> BenchmarkDefinition.read(bad));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("umap"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
