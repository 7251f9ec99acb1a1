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
 * #COLUMNS} (participant properties, method, layer and direction, sides named left/right, the
 * button as on screen and confidence as a 1-3 scale; {@link ExportCodebook} says what each column
 * means and is written beside every export file), ready for pandas or R.
 *
 * <p>CSV: a header line, then one record per trial, fields quoted as RFC 4180 asks (a field holding
 * a comma, a double quote, CR or LF is enclosed in double quotes, inner quotes doubled), CRLF line
 * ends, UTF-8; a missing value is an empty field; booleans are {@code true}/{@code false}; {@code
 * onset_at} is ISO-8601 UTC. JSON: an array of objects with the same keys, missing values as
 * {@code null}, booleans and numbers typed.
 */
public final class TrialExport {
    public static final List<String> FORMATS = List.of("csv", "json");

    /** The columns, in order; {@link ExportCodebook} says what each means. */
    public static final List<String> COLUMNS = ExportCodebook.COLUMNS.stream().map(ExportCodebook.Column::name)
            .toList();

    private TrialExport() {}

    /** One trial as an ordered column → value map, without participant records. */
    public static Map<String, Object> row(Judgment j, Exclusions.Result exclusions) {
        return row(j, exclusions, ParticipantRecords.NONE, Exclusions.practiceAttempts(List.of(j)));
    }

    /**
     * One trial as an ordered column → value map (values are String, Integer, Double, Boolean or
     * null); {@code attempts} is {@link Exclusions#practiceAttempts} of all judgments.
     */
    public static Map<String, Object> row(Judgment j, Exclusions.Result exclusions, ParticipantRecords records,
            Map<String, Integer> attempts) {
        Map<String, String> props = records.propertiesOf(j);
        Exclusions.ParticipantFacts facts = records.factsOf(j);
        String[] dir = j.direction() == null ? new String[0] : j.direction().split(":");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", j.study());
        m.put("participant", j.participant());
        m.put("session", j.session());
        m.put("source", j.source());
        m.put("recruitment", props.get("recruitment"));
        m.put("screen", props.get("screen"));
        m.put("browser", props.get("browser"));
        m.put("instructions_s", facts == null ? null : facts.instructionS());
        m.put("session_s", facts == null ? null : facts.totalS());
        m.put("practice_attempts", attempts.get(Exclusions.participantKey(j)));
        m.put("trial_index", j.trialIndex());
        m.put("block", j.block());
        m.put("trial_type", j.trialType());
        m.put("is_catch", j.catchTrial());
        m.put("direction", j.direction());
        m.put("model", dir.length == 4 ? dir[0] : null);
        m.put("layer", j.layer());
        m.put("method", dir.length == 4 ? dir[2] : null);
        m.put("direction_index", dir.length == 4 ? integer(dir[3]) : null);
        m.put("condition", j.condition());
        m.put("reference", j.reference());
        m.put("query_a", j.queryA());
        m.put("query_b", j.queryB());
        m.put("correct_side", j.correctSide());
        m.put("correct_position", position(j.correctSide()));
        m.put("chosen", j.chosen());
        m.put("chosen_position", position(j.chosen()));
        m.put("button", button(j));
        m.put("confidence", j.confidence());
        m.put("confidence_label", j.confidence() == null ? null : CONFIDENCE_LABELS.get(j.confidence() - 1));
        m.put("correct", j.correct());
        m.put("rt_s", j.rtS() == null || j.rtS().isNaN() || j.rtS().isInfinite() ? null : j.rtS());
        m.put("onset_at", j.onset() == null ? null : j.onset().toString());
        String reason = exclusions == null ? null : exclusions.reason(j);
        m.put("excluded", reason != null);
        m.put("exclusion_reason", reason);
        return m;
    }

    /** Confidence 1, 2, 3 in words, as the buttons say them. */
    static final List<String> CONFIDENCE_LABELS = List.of("guess", "fairly sure", "sure");

    private static String position(String side) {
        return side == null ? null : side.equals("a") ? "left" : side.equals("b") ? "right" : null;
    }

    private static Integer integer(String s) {
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The button number (1-6 from the left) for ipb's own layout; null for imported data. */
    static Integer button(Judgment j) {
        if (!(j.source().equals("app") || j.source().equals("web")) || j.confidence() == null) {
            return null;
        }
        for (org.ipb.study.session.SessionFlow.Response r : org.ipb.study.session.SessionFlow.RESPONSES) {
            if (r.choice().equals(j.chosen()) && r.confidence() == j.confidence()) {
                return Integer.valueOf(r.key());
            }
        }
        return null;
    }

    /** Writes all judgments in {@code format} to {@code out} (the caller closes it), without participant records. */
    public static void write(OutputStream out, String format, List<Judgment> judgments, Exclusions.Result exclusions)
            throws IOException {
        write(out, format, judgments, exclusions, ParticipantRecords.NONE);
    }

    /** Writes all judgments in {@code format} to {@code out} (the caller closes it). */
    public static void write(OutputStream out, String format, List<Judgment> judgments, Exclusions.Result exclusions,
            ParticipantRecords records) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>(judgments.size());
        Map<String, Integer> attempts = Exclusions.practiceAttempts(judgments);
        for (Judgment j : judgments) {
            rows.add(row(j, exclusions, records, attempts));
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

    /** Writes to {@code file} atomically (a temporary sibling, then a rename), without participant records. */
    public static void write(Path file, String format, List<Judgment> judgments, Exclusions.Result exclusions) {
        write(file, format, judgments, exclusions, ParticipantRecords.NONE);
    }

    /**
     * Writes to {@code file} atomically (a temporary sibling, then a rename) and the codebook beside
     * it ({@code codebook.json}, {@code codebook.md}; {@link ExportCodebook}).
     */
    public static void write(Path file, String format, List<Judgment> judgments, Exclusions.Result exclusions,
            ParticipantRecords records) {
        if (!FORMATS.contains(format)) {
            throw new UserError("unknown export format '" + format + "'; choose from " + String.join(", ", FORMATS));
        }
        AtomicWrite.bytes(file, o -> write(o, format, judgments, exclusions, records));
        ExportCodebook.writeBeside(file, exclusions == null ? null : exclusions.criteria());
    }

    /** RFC 4180 field: quoted when it holds a comma, double quote, CR or LF. */
    static String csvField(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
