package org.ipb.scorers;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ipb.core.AtomicWrite;
import org.ipb.core.Json;

/** Writes score rows as CSV: {@code direction,index,scorer,version,score,standard_error,parameters}. */
public final class ScoreTable {
    public static final String HEADER = "direction,index,scorer,version,score,standard_error,parameters";

    private ScoreTable() {}

    /** Atomically: a temporary file beside {@code out}, renamed when complete. */
    public static void write(Path out, List<ScoreRow> rows) {
        var compact = Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        AtomicWrite.text(out, w -> {
            w.write(HEADER + "\n");
            for (ScoreRow r : rows) {
                w.write(String.join(",", csv(r.direction()), Integer.toString(r.index()), csv(r.scorer()),
                        csv(r.version()), String.format(Locale.ROOT, "%.9g", r.score()),
                        r.standardError() == null ? "" : String.format(Locale.ROOT, "%.9g", r.standardError()),
                        csv(compact.writeValueAsString(new java.util.TreeMap<>(r.parameters())))) + "\n");
            }
        });
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
