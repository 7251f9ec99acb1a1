package org.ipb.study.importer;

import org.ipb.core.plugin.OptionSpec;
import org.ipb.core.plugin.PluginInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ipb.core.UserError;
import org.ipb.study.store.Judgment;
import org.ipb.study.store.JudgmentStore;

/**
 * Imports the per-trial CSVs of the IMI dataset: Zimmermann, Klein, Brendel, "Scale Alone Does not
 * Improve Mechanistic Interpretability in Vision Models", NeurIPS 2023 (code:
 * github.com/brendel-group/imi; data: zenodo.org/records/8131197). The authors export {@code
 * responses_main.csv} (responses that passed their checks, without workers who took part in more
 * than one experiment), {@code responses_lower_quality.csv} (the others) and {@code
 * responses_all.csv} (both), all in one layout: one row per 2-AFC trial of an MTurk task (HIT) of
 * 40 main and 5 catch trials, optionally preceded by demo trials.
 *
 * <p>Mapping: participant = {@code participant_id} (the authors' pseudonym, e.g. {@code P0001});
 * session = {@code task_id} (one HIT); trial index = {@code trial_index} (jsPsych's index within
 * the HIT) or, without that column, the row's position within its session; block = none; trial
 * type = {@code practice} for {@code is_demo}, else {@code catch} for {@code catch_trial}, else
 * {@code main}; direction = {@code model:layer:basis:channel} (IMI shows single units, so the
 * direction is the unit's basis vector, in the id format of {@code ipb directions}); layer = {@code
 * model:layer}; chosen = {@code choice}; correct side = {@code b} (the plugin always puts the
 * maximally activating query on side b before it shuffles the screen, and records {@code choice}
 * in that unshuffled frame); queries = none (the release anonymises them).
 *
 * <p>Condition and reference come from {@code mode}: {@code natural} (natural exemplars as
 * references) gives reference {@code natural}, {@code optimized} (feature visualizations) gives
 * {@code synthetic}. Every HIT shows one of the two; its catch trials ({@code mode} = {@code
 * catch_trial}: the authors pick catch references for the HIT's condition) and demo trials (no
 * {@code mode}: the demo is that of the condition) get the condition and reference of the HIT's
 * main trials. Any other {@code mode} is refused.
 *
 * <p>Units: {@code rt} is milliseconds ({@code performance.now()} differences in the authors'
 * jsPsych plugin) and is stored as seconds; {@code confidence} is the button pressed, 1 to 3
 * (3 = most confident), stored as is.
 *
 * <p>Exclusions: the authors analyse only responses with {@code passed_checks} (catch trials,
 * response times, instruction time, demo attempts, row variability) and without {@code
 * multi_participation}. The judgment store has no per-response exclusion flag, so those rows are
 * kept, in one transaction with the rest, in the sibling study {@code <study>-excluded}: {@code
 * <study>} holds exactly the authors' analysis set.
 */
public final class Imi2023Importer {
    public static final String FORMAT = "imi2023";

    /** The default study name. */
    public static final String DEFAULT_STUDY = "imi2023";

    /** Appended to the study name for the responses the authors exclude. */
    public static final String EXCLUDED_SUFFIX = "-excluded";

    static final List<String> REQUIRED = List.of("rt", "confidence", "choice", "correct", "catch_trial", "is_demo",
            "task_id", "channel", "layer", "mode", "model", "participant_id", "passed_checks");

    /** The importer as a registered plugin; option {@code study} names the study. */
    public static final JudgmentImporter PLUGIN = new JudgmentImporter() {
        private final PluginInfo info = new PluginInfo(FORMAT, "responses_*.csv of the IMI dataset, Zimmermann et al.,"
                + " NeurIPS 2023 (brendel-group/imi); excluded responses go to <study>" + EXCLUDED_SUFFIX, "",
                java.util.Set.of(), List.of(new OptionSpec("study", DEFAULT_STUDY, "name of the study the responses"
                        + " go to")), List.of());

        @Override
        public PluginInfo describe() {
            return info;
        }

        @Override
        public Map<String, Integer> importInto(JudgmentStore store, List<Path> files, Map<String, String> options) {
            Importers.registry().rejectUnknownOptions(List.of(FORMAT), options.keySet());
            return importFiles(store, files, options.getOrDefault("study", DEFAULT_STUDY));
        }
    };

    private Imi2023Importer() {}

    /** Parses one file into judgments for {@code study} and its excluded sibling (nothing is stored). */
    public static List<Judgment> read(Path file, String study) {
        checkStudyName(study);
        List<Trial> trials = new ArrayList<>();
        try (CsvReader csv = new CsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            List<String> header = csv.next();
            if (header == null) {
                throw new UserError(file, "empty file, expected a header line");
            }
            Map<String, Integer> col = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                col.putIfAbsent(header.get(i).strip(), i);
            }
            for (String r : REQUIRED) {
                if (!col.containsKey(r)) {
                    throw new UserError(file, "line 1: missing column '" + r + "'");
                }
            }
            boolean hasTrialIndex = col.containsKey("trial_index");
            boolean hasMultiParticipation = col.containsKey("multi_participation");
            Map<String, Integer> rowsPerSession = new HashMap<>();
            List<String> row;
            while ((row = csv.next()) != null) {
                if (row.size() == 1 && row.get(0).isBlank()) {
                    continue;
                }
                long line = csv.line();
                if (row.size() != header.size()) {
                    throw new UserError(file, "line " + line + ": " + row.size() + " fields, header has " + header.size());
                }
                trials.add(parse(new CsvRow(file, line, row, col), hasTrialIndex, hasMultiParticipation, rowsPerSession));
            }
        } catch (CsvReader.MalformedCsvException e) {
            throw new UserError(file, e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError(file, "cannot read: " + e.getMessage(), e);
        }
        return judgments(file, study, trials);
    }

    /** One row, checked, before the HIT's condition is known. */
    private record Trial(long line, String participant, String session, int trialIndex, boolean demo,
            boolean catchTrial, String mode, String direction, String layer, String chosen, boolean correct,
            Integer confidence, Double rtS, boolean excluded) {}

    private static Trial parse(CsvRow r, boolean hasTrialIndex, boolean hasMultiParticipation,
            Map<String, Integer> rowsPerSession) {
        String participant = r.get("participant_id");
        if (participant.isEmpty()) {
            throw r.bad("participant_id", "expected a participant id");
        }
        String session = r.get("task_id");
        if (session.isEmpty()) {
            throw r.bad("task_id", "expected a task id");
        }
        boolean demo = r.boolOrFloat("is_demo");
        boolean catchTrial = r.boolOrFloat("catch_trial");
        String mode = r.get("mode");
        switch (mode) {
            case "natural", "optimized" -> {
                if (catchTrial) {
                    throw r.bad("mode", "a catch trial (catch_trial True) must have mode catch_trial");
                }
            }
            case "catch_trial" -> {
                if (!catchTrial) {
                    throw r.bad("catch_trial", "expected True for mode catch_trial");
                }
            }
            // The authors attach trial structure (mode, model, unit) to non-demo trials only.
            case "" -> {
                if (!demo) {
                    throw r.bad("mode", "expected natural, optimized or catch_trial");
                }
            }
            default -> throw r.bad("mode", "expected natural, optimized or catch_trial");
        }
        String direction = null;
        String layer = null;
        if (!r.get("model").isEmpty() || !r.get("layer").isEmpty() || !r.get("channel").isEmpty()) {
            for (String c : List.of("model", "layer", "channel")) {
                if (r.get(c).isEmpty()) {
                    throw r.bad(c, "expected a value (model, layer and channel go together)");
                }
            }
            layer = r.get("model") + ":" + r.get("layer");
            direction = layer + ":basis:" + r.integer("channel");
        } else if (!demo) {
            throw r.bad("model", "expected the unit's model");
        }
        String choice = r.get("choice");
        String chosen = switch (choice) {
            case "a", "b" -> choice;
            case "" -> null;
            default -> throw r.bad("choice", "expected a or b");
        };
        boolean correct = r.boolOrFloat("correct");
        // The plugin computes correct = (choice == "b"); a mismatch means shifted or swapped columns.
        if (chosen != null && correct != chosen.equals("b")) {
            throw r.bad("correct", "disagrees with choice = '" + chosen + "' (side b is the correct query)");
        }
        Integer confidence = null;
        if (!r.get("confidence").isEmpty()) {
            confidence = r.integer("confidence");
            if (confidence < 1 || confidence > 3) {
                throw r.bad("confidence", "expected 1, 2 or 3");
            }
        }
        Double rtS = null;
        if (!r.get("rt").isEmpty()) {
            double ms = r.number("rt");
            if (!Double.isFinite(ms) || ms < 0) {
                throw r.bad("rt", "expected a non-negative number of milliseconds");
            }
            rtS = ms / 1000.0;
        }
        int position = rowsPerSession.merge(participant + "\u0000" + session, 1, Integer::sum) - 1;
        int trialIndex = hasTrialIndex ? r.integer("trial_index") : position;
        boolean excluded = !r.boolOrFloat("passed_checks") || hasMultiParticipation && r.boolOrFloat("multi_participation");
        return new Trial(r.line(), participant, session, trialIndex, demo, catchTrial, mode, direction, layer, chosen,
                correct, confidence, rtS, excluded);
    }

    private static List<Judgment> judgments(Path file, String study, List<Trial> trials) {
        // The condition of each HIT: the mode of its main trials (the IMI design shows one per HIT).
        Map<String, Set<String>> modes = new HashMap<>();
        for (Trial t : trials) {
            if (t.mode().equals("natural") || t.mode().equals("optimized")) {
                modes.computeIfAbsent(sessionKey(t), k -> new HashSet<>()).add(t.mode());
            }
        }
        List<Judgment> out = new ArrayList<>();
        for (Trial t : trials) {
            String condition = t.mode();
            if (!condition.equals("natural") && !condition.equals("optimized")) {
                Set<String> m = modes.getOrDefault(sessionKey(t), Set.of());
                if (m.size() != 1) {
                    throw new UserError(file, "line " + t.line() + ": task " + t.session() + " of participant "
                            + t.participant() + " has " + (m.isEmpty() ? "no main trial" : "main trials of modes "
                            + new java.util.TreeSet<>(m)) + ", so the condition of this "
                            + (t.demo() ? "demo" : "catch") + " trial is unknown");
                }
                condition = m.iterator().next();
            }
            String reference = condition.equals("natural") ? "natural" : "synthetic";
            String trialType = t.demo() ? "practice" : t.catchTrial() ? "catch" : "main";
            out.add(new Judgment(t.excluded() ? study + EXCLUDED_SUFFIX : study, t.participant(), t.session(), FORMAT,
                    t.trialIndex(), null, trialType, t.catchTrial(), t.direction(), t.layer(), condition, reference,
                    null, null, "b", t.chosen(), t.correct(), t.confidence(), t.rtS(), null));
        }
        return out;
    }

    private static String sessionKey(Trial t) {
        return t.participant() + "\u0000" + t.session();
    }

    /**
     * Reads every file, then stores them all in one transaction; returns judgments per study
     * ({@code study}, and {@code study-excluded} when some rows failed the authors' checks).
     */
    public static Map<String, Integer> importFiles(JudgmentStore store, List<Path> files, String study) {
        checkStudyName(study);
        List<Judgment> all = new ArrayList<>();
        Map<String, Integer> perStudy = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (Path f : files) {
            for (Judgment j : read(f, study)) {
                perStudy.merge(j.study(), 1, Integer::sum);
                String key = j.study() + "\u0000" + j.participant() + "\u0000" + j.session() + "\u0000" + j.trialIndex();
                if (!seen.add(key)) {
                    throw new UserError(f, "participant " + j.participant() + ", task " + j.session() + " has trial "
                            + j.trialIndex() + " twice (the same rows in two files, e.g. responses_all.csv and"
                            + " responses_main.csv?)");
                }
                all.add(j);
            }
        }
        for (String s : perStudy.keySet()) {
            if (store.hasStudy(s)) {
                throw new UserError(store.file(), "study " + s + " is already in the database; import into a new --db"
                        + " or choose another --study");
            }
        }
        store.recordAll(all);
        return perStudy;
    }

    private static void checkStudyName(String study) {
        if (study == null || study.isBlank() || !study.equals(study.strip()) || study.length() > 180) {
            throw new UserError("study name must be 1-180 characters without surrounding blanks: '" + study + "'");
        }
    }
}
