package org.ipb.study.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.ipb.core.AtomicWrite;
import org.ipb.core.UserError;
import org.ipb.study.store.Judgment;

/**
 * Accuracy summaries of human judgments over main, non-catch trials, grouped by any of the keys
 * {@code study}, {@code direction}, {@code participant}, {@code condition}, {@code reference}.
 *
 * <p>{@code accuracy} pools all trials of a group (correct / n); {@code ci_low}/{@code ci_high} is
 * the Wilson 95 % score interval of that proportion (see {@link Wilson}), which treats trials as
 * independent. {@code accuracy_participant_mean} first takes each participant's accuracy, then the
 * mean over participants (the way Borowski et al. 2021 report their figures); in a balanced design
 * both agree.
 */
public final class Summary {
    /** The grouping keys, with how each is read from a judgment. */
    public static final Map<String, Function<Judgment, String>> KEYS;

    static {
        Map<String, Function<Judgment, String>> k = new LinkedHashMap<>();
        k.put("study", Judgment::study);
        k.put("direction", Judgment::direction);
        k.put("participant", j -> j.study() + "/" + j.participant());
        k.put("condition", Judgment::condition);
        k.put("reference", Judgment::reference);
        KEYS = java.util.Collections.unmodifiableMap(k);
    }

    public static final List<String> COLUMNS = List.of("n_trials", "n_participants", "accuracy", "ci_low", "ci_high",
            "accuracy_participant_mean", "median_rt_s");

    /** One group. */
    public record Row(List<String> keys, int nTrials, int nParticipants, double accuracy, double ciLow,
            double ciHigh, double accuracyParticipantMean, double medianRtS) {}

    private Summary() {}

    /** Checks grouping keys; an unknown one is a UserError. */
    public static List<String> checkKeys(List<String> keys) {
        for (String k : keys) {
            if (!KEYS.containsKey(k)) {
                throw new UserError("unknown summary key '" + k + "'; choose from " + String.join(", ", KEYS.keySet()));
            }
        }
        return keys;
    }

    /** Summarises the main, non-catch judgments, groups sorted by key values. */
    public static List<Row> compute(List<Judgment> judgments, List<String> keys) {
        checkKeys(keys);
        Map<List<String>, List<Judgment>> groups = new TreeMap<>((a, b) -> {
            for (int i = 0; i < a.size(); i++) {
                int c = String.valueOf(a.get(i)).compareTo(String.valueOf(b.get(i)));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        for (Judgment j : judgments) {
            if (!j.isMainNonCatch()) {
                continue;
            }
            List<String> key = new ArrayList<>();
            for (String k : keys) {
                String v = KEYS.get(k).apply(j);
                key.add(v == null ? "" : v);
            }
            groups.computeIfAbsent(key, x -> new ArrayList<>()).add(j);
        }
        List<Row> rows = new ArrayList<>();
        for (var e : groups.entrySet()) {
            List<Judgment> g = e.getValue();
            int correct = 0;
            Map<String, int[]> perParticipant = new TreeMap<>();
            List<Double> rts = new ArrayList<>();
            for (Judgment j : g) {
                int c = j.correct() ? 1 : 0;
                correct += c;
                int[] pc = perParticipant.computeIfAbsent(j.study() + "/" + j.participant(), x -> new int[2]);
                pc[0] += c;
                pc[1]++;
                if (j.rtS() != null && !j.rtS().isNaN()) {
                    rts.add(j.rtS());
                }
            }
            double[] ci = Wilson.interval95(correct, g.size());
            double meanOfParticipants = perParticipant.values().stream().mapToDouble(a -> (double) a[0] / a[1])
                    .average().orElse(Double.NaN);
            rows.add(new Row(e.getKey(), g.size(), perParticipant.size(), (double) correct / g.size(), ci[0], ci[1],
                    meanOfParticipants, median(rts)));
        }
        return rows;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Writes the summary CSV atomically: a temporary sibling file, then a rename. */
    public static void write(Path out, List<String> keys, List<Row> rows) {
        AtomicWrite.text(out, w -> {
            List<String> header = new ArrayList<>(keys);
            header.addAll(COLUMNS);
            w.write(String.join(",", header) + "\n");
            for (Row r : rows) {
                List<String> f = new ArrayList<>();
                r.keys().forEach(k -> f.add(quote(k)));
                f.add(Integer.toString(r.nTrials()));
                f.add(Integer.toString(r.nParticipants()));
                f.add(fmt(r.accuracy()));
                f.add(fmt(r.ciLow()));
                f.add(fmt(r.ciHigh()));
                f.add(fmt(r.accuracyParticipantMean()));
                f.add(fmt(r.medianRtS()));
                w.write(String.join(",", f) + "\n");
            }
        });
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
