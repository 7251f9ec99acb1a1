package org.ipb.study.importer;

import org.ipb.core.plugin.PluginInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ipb.core.UserError;
import org.ipb.study.store.Judgment;
import org.ipb.study.store.JudgmentStore;

/**
 * Imports the preprocessed per-trial CSVs of Borowski et al., "Exemplary Natural Images Explain CNN
 * Activations Better than State-of-the-Art Feature Visualization", ICLR 2021 (repository
 * bethgelab/testing_visualizations, folder data_from_human_experiments/).
 *
 * <p>Mapping: study = {@code borowski2021-I} or {@code borowski2021-II} (from the file name, or
 * from the presence of {@code condition_name}); participant = experiment + {@code :} +
 * {@code subject_id}; one session per participant; trial index = {@code trial_nr}; block =
 * {@code block_nr}; trial type = {@code trial_type}; catch = {@code catch_trial}; condition =
 * {@code condition_name} where present, else {@code instr_type}; reference = natural for {@code
 * natural}, synthetic for {@code optimized}, none for {@code none_pre}/{@code none_post};
 * direction = {@code layer/kernel_size/channel}; layer = {@code layer}; queries = {@code
 * query_image_a}/{@code query_image_b}; correct side = {@code correct_response}; chosen = {@code
 * response}; confidence = {@code abs_conf_rating}; rt_s = {@code RT} (kept as recorded, including the
 * few slightly negative values in experiment I).
 */
public final class Borowski2021Importer {
    public static final String FORMAT = "borowski2021";

    static final List<String> REQUIRED = List.of("subject_id", "trial_nr", "block_nr", "instr_type", "trial_type",
            "catch_trial", "layer", "kernel_size", "channel", "correct", "abs_conf_rating", "RT", "response",
            "correct_response", "query_image_a", "query_image_b");

    private static final Pattern EXPERIMENT = Pattern.compile("experiment_(I{1,3})_");

    /** The importer as a registered plugin (no options: study names come from the files). */
    public static final JudgmentImporter PLUGIN = new JudgmentImporter() {
        private final PluginInfo info = PluginInfo.of(FORMAT, "preprocessed main-experiment CSVs of Borowski et al.,"
                + " ICLR 2021 (bethgelab/testing_visualizations); studies borowski2021-I and -II from the files", "");

        @Override
        public PluginInfo describe() {
            return info;
        }

        @Override
        public Map<String, Integer> importInto(JudgmentStore store, List<Path> files, Map<String, String> options) {
            Importers.registry().rejectUnknownOptions(List.of(FORMAT), options.keySet());
            return importFiles(store, files);
        }
    };

    private Borowski2021Importer() {}

    /** Parses one file into judgments (nothing is stored). */
    public static List<Judgment> read(Path file) {
        List<Judgment> out = new ArrayList<>();
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
            boolean hasCondition = col.containsKey("condition_name");
            String experiment = experiment(file, hasCondition);
            String study = FORMAT + "-" + experiment;
            List<String> row;
            while ((row = csv.next()) != null) {
                if (row.size() == 1 && row.get(0).isBlank()) {
                    continue;
                }
                long line = csv.line();
                if (row.size() != header.size()) {
                    throw new UserError(file, "line " + line + ": " + row.size() + " fields, header has " + header.size());
                }
                CsvRow r = new CsvRow(file, line, row, col);
                String instr = r.get("instr_type");
                String reference = switch (instr) {
                    case "natural" -> "natural";
                    case "optimized" -> "synthetic";
                    case "none_pre", "none_post" -> "none";
                    default -> throw r.bad("instr_type", "expected natural, optimized, none_pre or none_post");
                };
                String trialType = r.get("trial_type");
                if (!Judgment.TRIAL_TYPES.contains(trialType)) {
                    throw r.bad("trial_type", "expected one of practice, main, catch, repeated");
                }
                String condition = hasCondition && !r.get("condition_name").isEmpty() ? r.get("condition_name") : instr;
                int confidence = r.integer("abs_conf_rating");
                if (confidence < 1 || confidence > 3) {
                    throw r.bad("abs_conf_rating", "expected 1, 2 or 3");
                }
                double rt = r.number("RT");
                if (!Double.isFinite(rt)) {
                    // The published files hold a few slightly negative RTs (clock offsets); they are
                    // kept as recorded, only non-numbers are refused.
                    throw r.bad("RT", "expected a number of seconds");
                }
                String direction = r.get("layer") + "/" + r.get("kernel_size") + "/" + r.get("channel");
                String participant = experiment + ":" + r.get("subject_id");
                out.add(new Judgment(study, participant, "session-1", FORMAT, r.integer("trial_nr"),
                        r.integer("block_nr"), trialType, r.bool("catch_trial"), direction, r.get("layer"), condition,
                        reference, r.get("query_image_a"), r.get("query_image_b"), r.get("correct_response"),
                        r.get("response"), r.bool("correct"), confidence, rt, null));
            }
        } catch (CsvReader.MalformedCsvException e) {
            throw new UserError(file, e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError(file, "cannot read: " + e.getMessage(), e);
        }
        return out;
    }

    /** Reads every file, then stores them all in one transaction; returns judgments per study. */
    public static Map<String, Integer> importFiles(JudgmentStore store, List<Path> files) {
        List<Judgment> all = new ArrayList<>();
        Map<String, Integer> perStudy = new java.util.TreeMap<>();
        for (Path f : files) {
            List<Judgment> js = read(f);
            for (Judgment j : js) {
                perStudy.merge(j.study(), 1, Integer::sum);
            }
            all.addAll(js);
        }
        for (String study : perStudy.keySet()) {
            if (store.hasStudy(study)) {
                throw new UserError(store.file(), "study " + study + " is already in the database; import into a new --db");
            }
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Judgment j : all) {
            if (!seen.add(j.study() + "\u0000" + j.participant() + "\u0000" + j.trialIndex())) {
                throw new UserError("study " + j.study() + ": participant " + j.participant() + " has trial "
                        + j.trialIndex() + " twice (same file given twice?)");
            }
        }
        store.recordAll(all);
        return perStudy;
    }

    private static String experiment(Path file, boolean hasCondition) {
        Matcher m = EXPERIMENT.matcher(file.getFileName().toString());
        if (m.find()) {
            return m.group(1);
        }
        return hasCondition ? "II" : "I";
    }
}
