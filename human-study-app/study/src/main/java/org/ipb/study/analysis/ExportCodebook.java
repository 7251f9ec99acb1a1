package org.ipb.study.analysis;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.AtomicWrite;
import org.ipb.core.Json;

/**
 * What every column of {@link TrialExport} means, written beside each export as {@code
 * codebook.json} (machine-readable) and {@code codebook.md} (for people): type, unit, values and
 * orientation, so that a trial row is readable without this source code.
 */
public final class ExportCodebook {
    /** One column: name, type ({@code string}, {@code integer}, {@code number}, {@code boolean}) and meaning. */
    public record Column(String name, String type, String description) {}

    public static final List<Column> COLUMNS = List.of(
            new Column("study", "string", "Study name (ipb study create --name, or the importer's)."),
            new Column("participant", "string", "Pseudonym within the study (P01...). Never a name, e-mail or"
                    + " recruitment-platform id."),
            new Column("session", "string", "Session key within the participant (session-1 for planned studies)."),
            new Column("source", "string", "Where the answer came from: app (the JavaFX window), web (ipb study web"
                    + " in a browser), simulated... (ipb study simulate, never human), bench, or an import format"
                    + " (borowski2021, imi2023)."),
            new Column("recruitment", "string", "How the participant came: link (a personal link from ipb study"
                    + " links), prolific (a Prolific-style link with PROLIFIC_PID), empty for the lab window and"
                    + " imports."),
            new Column("screen", "string", "The browser's screen and window, WIDTHxHEIGHT@DEVICE_PIXEL_RATIO"
                    + " window WIDTHxHEIGHT, as reported by the page; empty outside ipb study web."),
            new Column("browser", "string", "The browser's user-agent string (first 300 characters); empty outside"
                    + " ipb study web."),
            new Column("instructions_s", "number", "Seconds from the session's start (first page shown) to the"
                    + " first trial's onset: consent, instructions and the fullscreen request. Participant-level."),
            new Column("session_s", "number", "Seconds from the session's start to its end (or last answer)."
                    + " Participant-level."),
            new Column("practice_attempts", "integer", "The most attempts any practice trial needed (a wrong"
                    + " practice trial is shown again, up to the design's limit). Participant-level."),
            new Column("trial_index", "integer", "Trial position within the session, from 0, in the order shown"
                    + " (a repeated practice trial takes the next index)."),
            new Column("block", "integer", "Block number: 0 = practice, 1.. = main blocks (a break between)."),
            new Column("trial_type", "string", "practice, main, catch or repeated."),
            new Column("is_catch", "boolean", "true for catch trials: the correct query is also shown among the"
                    + " maximally activating references, so an attentive participant cannot miss it."),
            new Column("direction", "string", "The direction shown, model:layer:method:index."),
            new Column("model", "string", "The network (first field of direction)."),
            new Column("layer", "string", "The layer the direction lives in."),
            new Column("method", "string", "How the direction was found: basis (a single unit), random, pca, ica,"
                    + " kmeans, nmf, dict, sae, or a submitted method's name."),
            new Column("direction_index", "integer", "The direction's index within its method's set (the unit's"
                    + " channel for basis)."),
            new Column("condition", "string", "Experimental condition, e.g. Min-Max-9 (9 minimally and 9"
                    + " maximally activating references)."),
            new Column("reference", "string", "What the references are: natural (dataset exemplars), synthetic"
                    + " (feature visualizations) or none."),
            new Column("query_a", "string", "Stimulus id of query a, shown on the LEFT of the centre."),
            new Column("query_b", "string", "Stimulus id of query b, shown on the RIGHT of the centre."),
            new Column("correct_side", "string", "a or b: the query that activates the direction strongly (the"
                    + " one that belongs with the maximally activating references on the right)."),
            new Column("correct_position", "string", "left or right: correct_side as the participant saw it."),
            new Column("chosen", "string", "a or b: the query the participant chose."),
            new Column("chosen_position", "string", "left or right: chosen as the participant saw it."),
            new Column("button", "integer", "The response button pressed, 1-6 counted from the left as on screen"
                    + " (keys 1-6): 1 = left sure, 2 = left fairly sure, 3 = left guess, 4 = right guess, 5 = right"
                    + " fairly sure, 6 = right sure. Only for ipb's own layout (source app or web)."),
            new Column("confidence", "integer", "Confidence 1-3 oriented as a scale, NOT as the button number:"
                    + " 1 = guess, 2 = fairly sure, 3 = sure (the outermost buttons 1 and 6 are 3)."),
            new Column("confidence_label", "string", "guess, fairly sure or sure (the button's words)."),
            new Column("correct", "boolean", "true when chosen = correct_side."),
            new Column("rt_s", "number", "Reaction time in seconds, from the first displayed frame of the trial"
                    + " (web: the requestAnimationFrame timestamp, performance.now() clock; app: the first"
                    + " animation pulse) to the click or key."),
            new Column("onset_at", "string", "When the trial appeared, ISO-8601 UTC."),
            new Column("excluded", "boolean", "true when an active exclusion criterion drops this trial; excluded"
                    + " trials are flagged, never removed."),
            new Column("exclusion_reason", "string", "Why the trial is excluded (all reasons, separated by ;)."));

    private ExportCodebook() {}

    /** Writes {@code codebook.json} and {@code codebook.md} into {@code dir}, atomically each. */
    public static void writeBeside(Path exportFile, Exclusions.Criteria criteria) {
        Path dir = exportFile.toAbsolutePath().getParent();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", "ipb-trial-export-codebook");
        json.put("export", exportFile.getFileName().toString());
        json.put("exclusion", criteria == null ? "none" : criteria.describe());
        json.put("missing", "an empty CSV field, or null in JSON");
        json.put("columns", COLUMNS);
        AtomicWrite.bytes(dir.resolve("codebook.json"), o -> o.write(Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(json)));
        AtomicWrite.text(dir.resolve("codebook.md"), w -> {
            w.write("# Codebook of " + exportFile.getFileName() + "\n\n");
            w.write("One row per trial. Missing values are empty (CSV) or null (JSON). Exclusion applied: "
                    + (criteria == null ? "none" : criteria.describe()) + ".\n\n");
            w.write("| column | type | meaning |\n|---|---|---|\n");
            for (Column c : COLUMNS) {
                w.write("| `" + c.name() + "` | " + c.type() + " | " + c.description().replace("|", "\\|") + " |\n");
            }
        });
    }
}
