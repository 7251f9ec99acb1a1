package org.ipb.scorers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.ipb.core.FilePermissions;
import org.ipb.core.Json;

/** Writes score rows as CSV: {@code direction,index,scorer,version,score,standard_error,parameters}. */
public final class ScoreTable {
    public static final String HEADER = "direction,index,scorer,version,score,standard_error,parameters";

    private ScoreTable() {}

    /** Atomically: a temporary file beside {@code out}, renamed when complete. */
    public static void write(Path out, List<ScoreRow> rows) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "." + out.getFileName(), ".tmp");
            try {
                try (Writer w = Files.newBufferedWriter(tmp)) {
                    w.write(HEADER + "\n");
                    for (ScoreRow r : rows) {
                        w.write(String.join(",", csv(r.direction()), Integer.toString(r.index()), csv(r.scorer()),
                                csv(r.version()), String.format(Locale.ROOT, "%.9g", r.score()),
                                r.standardError() == null ? "" : String.format(Locale.ROOT, "%.9g", r.standardError()),
                                csv(Json.MAPPER.writer().without(
                                        com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                                        .writeValueAsString(new java.util.TreeMap<>(r.parameters())))) + "\n");
                    }
                }
                FilePermissions.makeShared(tmp);
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
