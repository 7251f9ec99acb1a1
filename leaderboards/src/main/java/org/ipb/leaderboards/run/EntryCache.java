package org.ipb.leaderboards.run;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ipb.core.Json;
import org.ipb.core.UserError;
import org.ipb.leaderboards.board.BenchmarkDefinition;

/**
 * The built-in entries of the last {@code ipb run} ({@code <work>/entries.json}), so that a
 * submission can republish the board without scoring every method again.
 */
public final class EntryCache {
    private EntryCache() {}

    public static Path file(Path work) {
        return work.resolve("entries.json");
    }

    public static void write(Path work, List<EntryResult> entries) {
        Json.write(file(work), entries);
    }

    /** The cached entries of this benchmark version, or null when there are none. */
    public static List<EntryResult> read(Path work, BenchmarkDefinition def) {
        Path f = file(work);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            List<EntryResult> es = Json.MAPPER.readValue(f.toFile(), new TypeReference<List<EntryResult>>() {});
            return es.stream().allMatch(e -> def.key().equals(e.provenance().benchmark())) ? es : null;
        } catch (IOException e) {
            throw new UserError(f, "cannot read the cached entries: " + e.getMessage(), e);
        }
    }
}
