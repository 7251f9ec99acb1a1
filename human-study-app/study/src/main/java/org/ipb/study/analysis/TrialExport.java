package org.ipb.study.analysis;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.AtomicWrite;
import org.ipb.core.Json;
import org.ipb.core.UserError;
import org.ipb.study.store.Judgment;

/**
 * Tidy per-trial export of the judgment store: one row per trial with the columns {@link
 * #COLUMNS}, ready for pandas or R.
 *
 * <p>CSV: a header line, then one record per trial, fields quoted as RFC 4180 asks (a field holding
 * a comma, a double quote, CR or LF is enclosed in double quotes, inner quotes doubled), CRLF line
 * ends, UTF-8; a missing value is an empty field; booleans are {@code true}/{@code false}; {@code
 * onset_at} is ISO-8601 UTC. JSON: an array of objects with the same keys, missing values as
 * {@code null}, booleans and numbers typed.
 */
public final class TrialExport {
    public static final List<String> FORMATS = List.of("csv", "json");

    public static final List<String> COLUMNS = List.of("study", "participant", "session", "trial_index", "block",
            "trial_type", "is_catch", "direction", "layer", "condition", "reference", "query_a", "query_b",
            "correct_side", "chosen", "correct", "confidence", "rt_s", "onset_at", "source", "excluded",
            "exclusion_reason");

    private TrialExport() {}

    /** One trial as an ordered column → value map (values are String, Integer, Double, Boolean or null). */
    public static Map<String, Object> row(Judgment j, Exclusions.Result exclusions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", j.study());
        m.put("participant", j.participant());
        m.put("session", j.session());
        m.put("trial_index", j.trialIndex());
        m.put("block", j.block());
        m.put("trial_type", j.trialType());
        m.put("is_catch", j.catchTrial());
        m.put("direction", j.direction());
        m.put("layer", j.layer());
        m.put("condition", j.condition());
        m.put("reference", j.reference());
        m.put("query_a", j.queryA());
        m.put("query_b", j.queryB());
        m.put("correct_side", j.correctSide());
        m.put("chosen", j.chosen());
        m.put("correct", j.correct());
        m.put("confidence", j.confidence());
        m.put("rt_s", j.rtS() == null || j.rtS().isNaN() || j.rtS().isInfinite() ? null : j.rtS());
        m.put("onset_at", j.onset() == null ? null : j.onset().toString());
        m.put("source", j.source());
        String reason = exclusions == null ? null : exclusions.reason(j);
        m.put("excluded", reason != null);
        m.put("exclusion_reason", reason);
        return m;
    }

    /** Writes all judgments in {@code format} to {@code out} (the caller closes it). */
    public static void write(OutputStream out, String format, List<Judgment> judgments, Exclusions.Result exclusions)
            throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>(judgments.size());
        for (Judgment j : judgments) {
            rows.add(row(j, exclusions));
        }
        switch (format) {
            case "csv" -> {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                w.write(String.join(",", COLUMNS) + "\r\n");
                StringBuilder sb = new StringBuilder();
                for (Map<String, Object> r : rows) {
                    sb.setLength(0);
                    for (int i = 0; i < COLUMNS.size(); i++) {
                        if (i > 0) {
                            sb.append(',');
                        }
                        Object v = r.get(COLUMNS.get(i));
                        sb.append(v == null ? "" : csvField(v.toString()));
                    }
                    sb.append("\r\n");
                    w.write(sb.toString());
                }
                w.flush();
            }
            case "json" -> {
                out.write(Json.MAPPER.writeValueAsBytes(rows));
                out.write('\n');
                out.flush();
            }
            default -> throw new UserError("unknown export format '" + format + "'; choose from "
                    + String.join(", ", FORMATS));
        }
    }

    /** Writes to {@code file} atomically: a temporary sibling, then a rename. */
    public static void write(Path file, String format, List<Judgment> judgments, Exclusions.Result exclusions) {
        if (!FORMATS.contains(format)) {
            throw new UserError("unknown export format '" + format + "'; choose from " + String.join(", ", FORMATS));
        }
        AtomicWrite.bytes(file, o -> write(o, format, judgments, exclusions));
    }

    /** RFC 4180 field: quoted when it holds a comma, double quote, CR or LF. */
    static String csvField(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
