package org.ipb.leaderboards.replicate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ipb.core.UserError;
import org.ipb.study.importer.Borowski2021Importer;
import org.ipb.study.store.Judgment;

/**
 * Human accuracy per Borowski condition, from the authors' raw per-trial CSVs (read with {@link
 * Borowski2021Importer}, so a malformed file is a one-line error naming it) or, for an experiment
 * whose file is absent, from the paper's published figures.
 *
 * <p>Counted: main trials that are not catch trials ({@code trial_type = main}, {@code catch_trial
 * = False}; practice and Exp I's repeated trials left out), outcome {@code correct}; accuracy =
 * correct / trials, pooled over participants (every participant did the same number of trials
 * per condition, so this equals the mean of participant accuracies). Exp I's {@code none_pre}
 * and {@code none_post} blocks (no references, at the start and at the end of the session) are
 * pooled into {@code none}: both are the same condition, and the paper's Figure 3 reports one
 * "none" value; each is also kept on its own in {@link Result#noneParts}.
 */
public final class Borowski2021Humans {
    public static final String FILE_I = "experiment_I_main_practice_catch_repeated_trials_preprocessed.csv";
    public static final String FILE_II = "experiment_II_main_practice_catch_trials_preprocessed.csv";

    /**
     * Published per-condition figures (Borowski et al. 2021, abstract): Exp I 92 % natural vs 82 %
     * synthetic; Exp II with a single max reference 73 % natural vs 65 % synthetic. No other
     * per-condition numbers were found in text form; those conditions stay empty.
     */
    static final Map<String, Double> PUBLISHED = Map.of(
            Borowski2021Condition.key("I", "natural", "natural"), 0.92,
            Borowski2021Condition.key("I", "synthetic", "synthetic"), 0.82,
            Borowski2021Condition.key("II", "Max-1", "natural"), 0.73,
            Borowski2021Condition.key("II", "Max-1", "synthetic"), 0.65);

    /**
     * Accuracy of one condition.
     *
     * @param n trials counted, or null for a published figure
     * @param source the file it was counted from, or "published"
     */
    public record Human(double accuracy, Integer correct, Integer n, String source) {}

    /** Per condition key ({@link Borowski2021Condition#key}), plus what each experiment came from. */
    public record Result(Map<String, Human> byCondition, Map<String, String> sources, Map<String, Human> noneParts) {}

    private Borowski2021Humans() {}

    /** Reads {@code folder}'s two main files where present; the paper's figures otherwise. */
    public static Result read(Path folder) {
        Map<String, Human> by = new LinkedHashMap<>();
        Map<String, String> sources = new TreeMap<>();
        Map<String, Human> noneParts = new TreeMap<>();
        for (String exp : List.of("I", "II")) {
            Path file = folder == null ? null : folder.resolve(exp.equals("I") ? FILE_I : FILE_II);
            if (file != null && Files.isRegularFile(file)) {
                by.putAll(count(file, exp, noneParts));
                sources.put(exp, file.toAbsolutePath().normalize().toString());
            } else {
                PUBLISHED.forEach((k, v) -> {
                    if (k.startsWith(exp + "/")) {
                        by.put(k, new Human(v, null, null, "published"));
                    }
                });
                sources.put(exp, "published (Borowski et al. 2021, abstract; " + (file == null ? "no reference folder"
                        : file + " not found") + ")");
            }
        }
        return new Result(by, sources, noneParts);
    }

    /**
     * Counts of one experiment's file.
     *
     * @throws UserError naming the file if it is malformed or holds a condition the paper does not have
     */
    static Map<String, Human> count(Path file, String experiment, Map<String, Human> noneParts) {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, int[]> parts = new TreeMap<>();
        for (Judgment j : Borowski2021Importer.read(file)) {
            if (!j.trialType().equals("main") || j.catchTrial()) {
                continue;
            }
            String name;
            if (experiment.equals("I")) {
                name = j.reference();
                if (j.reference().equals("none")) {
                    tally(parts, j.condition(), j.correct());
                }
            } else {
                name = j.condition();
                if (!Borowski2021Condition.EXPERIMENT_II_NAMES.contains(name) || j.reference().equals("none")) {
                    throw new UserError(file, "trial " + j.trialIndex() + " of participant " + j.participant()
                            + ": condition_name '" + name + "' with reference " + j.reference() + " is not one of "
                            + Borowski2021Condition.EXPERIMENT_II_NAMES + " x natural/optimized");
                }
            }
            tally(counts, Borowski2021Condition.key(experiment, name, j.reference()), j.correct());
        }
        if (counts.isEmpty()) {
            throw new UserError(file, "holds no main, non-catch trials");
        }
        Map<String, Human> out = new LinkedHashMap<>();
        String src = file.getFileName().toString();
        counts.forEach((k, c) -> out.put(k, new Human((double) c[0] / c[1], c[0], c[1], src)));
        parts.forEach((k, c) -> noneParts.put(k, new Human((double) c[0] / c[1], c[0], c[1], src)));
        return out;
    }

    private static void tally(Map<String, int[]> m, String key, boolean correct) {
        int[] c = m.computeIfAbsent(key, k -> new int[2]);
        c[0] += correct ? 1 : 0;
        c[1]++;
    }
}
