package org.ipb.leaderboards.replicate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.ipb.core.Json;
import org.ipb.core.Provenance;
import org.ipb.core.StagedOutput;
import org.ipb.leaderboards.replicate.Borowski2021Replication.Effect;
import org.ipb.leaderboards.replicate.Borowski2021Replication.Result;
import org.ipb.leaderboards.replicate.Borowski2021Replication.Row;
import org.ipb.leaderboards.replicate.Borowski2021Replication.Settings;

/** Writes a Borowski replication's files into the staged output folder. */
final class ReplicationFiles {
    /** A layer's units and the folder of its synthetic candidate set. */
    record LayerInfo(String layer, int[] units, Path syntheticFolder) {}

    static final String NONE_NOTE = "Exp I 'none' (no references): the machine observer has nothing to compare the"
            + " queries with; its delta is 0 on every task, a tie, so its accuracy is 0.5 by construction and the"
            + " interval is the degenerate [0.5, 0.5]. It is not a measurement.";

    private ReplicationFiles() {}

    static void write(StagedOutput out, Settings s, Result r, Borowski2021Humans.Result humans,
            List<LayerInfo> layers, String stimulusSet) {
        try {
            Files.writeString(out.file("conditions.csv"), conditionsCsv(r.rows()), StandardCharsets.UTF_8);
            Files.writeString(out.file("directions.csv"), directionsCsv(r), StandardCharsets.UTF_8);
            for (LayerInfo l : layers) {
                Path to = out.file("synthetic").resolve(l.layer());
                Files.createDirectories(to);
                try (Stream<Path> pngs = Files.list(l.syntheticFolder().resolve("synthetic"))) {
                    for (Path p : pngs.filter(p -> p.toString().endsWith(".png")).sorted().toList()) {
                        Files.copy(p, to.resolve(p.getFileName()));
                    }
                }
            }
            Json.write(out.file("replication.json"), json(s, r, humans, layers, stimulusSet));
            Files.writeString(out.file("REPLICATION.md"), markdown(s, r, layers), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String conditionsCsv(List<Row> rows) {
        StringBuilder b = new StringBuilder(String.join(",", Borowski2021Replication.CSV_COLUMNS)).append('\n');
        for (Row r : rows) {
            b.append(r.condition().experiment()).append(',').append(r.condition().name()).append(',')
                    .append(r.condition().reference()).append(',').append(num(r.machine())).append(',')
                    .append(num(r.ci().low())).append(',').append(num(r.ci().high())).append(',')
                    .append(r.human() == null ? "" : num(r.human().accuracy())).append(',')
                    .append(r.human() == null || r.human().n() == null ? "" : r.human().n()).append('\n');
        }
        return b.toString();
    }

    private static String directionsCsv(Result r) {
        StringBuilder b = new StringBuilder("direction,layer,unit,experiment,condition,reference,machine_accuracy\n");
        for (var d : r.directions()) {
            for (Borowski2021Condition c : Borowski2021Condition.ALL) {
                b.append(d.id()).append(',').append(d.layer()).append(',').append(d.unit()).append(',')
                        .append(c.experiment()).append(',').append(c.name()).append(',').append(c.reference())
                        .append(',').append(num(d.accuracy().get(c.key()))).append('\n');
            }
        }
        return b.toString();
    }

    private static Map<String, Object> json(Settings s, Result r, Borowski2021Humans.Result humans,
            List<LayerInfo> layers, String stimulusSet) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("replication", Replications.BOROWSKI2021);
        m.put("paper", "Borowski, Zimmermann, Schepers, Geirhos, Wallis, Bethge, Brendel: Exemplary Natural Images"
                + " Explain CNN Activations Better than State-of-the-Art Feature Visualization, ICLR 2021"
                + " (bethgelab/testing_visualizations)");
        m.put("codeVersion", Provenance.ipbVersion());
        m.put("run", Provenance.run());
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("model", Borowski2021Replication.MODEL);
        set.put("stimulusSet", stimulusSet);
        set.put("observer", s.observer());
        set.put("layers", s.layers());
        set.put("unitsPerLayer", s.unitsPerLayer());
        Map<String, Object> units = new LinkedHashMap<>();
        for (LayerInfo l : layers) {
            units.put(l.layer(), l.units());
        }
        set.put("units", units);
        set.put("unitDraw", "uniform without replacement per layer, seeded (the paper's Exp II used randomly drawn"
                + " feature maps)");
        set.put("tasksPerDirection", s.tasks());
        set.put("protocol", "Borowski 2021: 200 most/least activating per direction in 10 bins of 20 ranks, each bin"
                + " shuffled; task t takes the t-th image of every bin; query from ranks 1-20, 9 references from"
                + " ranks 21-200 (one per bin), 1-reference conditions show the most extreme (ranks 21-40)");
        set.put("synthetic", Map.of("method", "feature visualization (Olah et al. 2017, lucid defaults), diverse batch"
                + " of 9 maximising and 9 minimising images per direction", "steps", s.steps(), "diversity",
                s.diversity(), "singleReference", "the most extreme of the 9 (highest / lowest activation)"));
        set.put("machineObserver", "hard decision of the MIS observer on cosine similarity of observer embeddings;"
                + " Min-Max: delta = [s(q+,E+) - s(q+,E-)] - [s(q-,E+) - s(q-,E-)]; Max: delta = s(q+,E+) -"
                + " s(q-,E+); correct when delta > 0, ties 0.5");
        set.put("interval", "95 % percentile bootstrap over directions (" + s.bootstrap() + " resamples, paired"
                + " across conditions), since the tasks of one direction share references");
        set.put("seed", s.seed());
        set.put("bootstrapResamples", s.bootstrap());
        m.put("settings", set);
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("sources", humans.sources());
        h.put("counted", "trial_type main, catch_trial False; accuracy = correct / trials pooled over participants;"
                + " Exp I none = none_pre and none_post pooled");
        Map<String, Object> parts = new LinkedHashMap<>();
        humans.noneParts().forEach((k, v) -> parts.put(k, Map.of("accuracy", v.accuracy(), "n", v.n())));
        h.put("noneParts", parts);
        m.put("human", h);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Row row : r.rows()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("experiment", row.condition().experiment());
            x.put("condition", row.condition().name());
            x.put("reference", row.condition().reference());
            x.put("machineAccuracy", row.machine());
            x.put("machineCi", List.of(row.ci().low(), row.ci().high()));
            x.put("humanAccuracy", row.human() == null ? null : row.human().accuracy());
            x.put("humanCorrect", row.human() == null ? null : row.human().correct());
            x.put("humanN", row.human() == null ? null : row.human().n());
            x.put("humanSource", row.human() == null ? null : row.human().source());
            rows.add(x);
        }
        m.put("conditions", rows);
        m.put("spearman", Map.of("rho", finiteOrNull(r.spearman()), "n", r.spearmanN(), "rhoWithoutNone",
                finiteOrNull(r.spearmanWithoutNone()), "nWithoutNone", r.spearmanWithoutNoneN()));
        List<Map<String, Object>> eff = new ArrayList<>();
        for (Effect e : r.effects()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("effect", e.name());
            x.put("groupA", e.groupA());
            x.put("groupB", e.groupB());
            x.put("conditionsPerGroup", e.conditionsPerGroup());
            x.put("machineA", e.machineA());
            x.put("machineB", e.machineB());
            x.put("machineDifference", e.machineDifference());
            x.put("machineDifferenceCi", List.of(e.machineCi().low(), e.machineCi().high()));
            x.put("humanA", e.humanA());
            x.put("humanB", e.humanB());
            x.put("reproduced", e.reproduced());
            eff.add(x);
        }
        m.put("effects", eff);
        m.put("notes", List.of(NONE_NOTE,
                "Exp I natural / synthetic and Exp II Min-Max-9 natural / synthetic are the same protocol on the same"
                        + " directions, so the machine gives them identical numbers; the paper's two experiments used"
                        + " different participants and feature maps.",
                "Deviations from the paper: fmnist-cnn on Fashion-MNIST (28x28 grey) instead of GoogLeNet on ImageNet;"
                        + " post-ReLU conv layers; feature visualizations with " + s.steps() + " steps instead of 2560"
                        + " to fit 10 minutes on 2 cores."));
        m.put("timings", r.timings());
        return m;
    }

    static String markdown(Settings s, Result r, List<LayerInfo> layers) {
        StringBuilder b = new StringBuilder("# Machine replication of Borowski et al. (ICLR 2021)\n\n");
        b.append(String.format(Locale.ROOT, "Model %s, observer %s, %d directions (%d random units on each of %s),"
                + " %d tasks each, synthetic references %d steps, seed %d. Machine intervals: 95 %% bootstrap over"
                + " directions.%n%n", Borowski2021Replication.MODEL, s.observer(), r.directions().size(),
                s.unitsPerLayer(), String.join(", ", s.layers()), s.tasks(), s.steps(), s.seed()));
        b.append("| experiment | condition | reference | machine | 95 % CI | human | human n |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (Row row : r.rows()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %.3f-%.3f | %s | %s |%n",
                    row.condition().experiment(), row.condition().name(), row.condition().reference(), row.machine(),
                    row.ci().low(), row.ci().high(), row.human() == null ? "" : String.format(Locale.ROOT, "%.3f",
                            row.human().accuracy()), row.human() == null || row.human().n() == null ? ""
                            : row.human().n()));
        }
        b.append(String.format(Locale.ROOT, "%nSpearman rank correlation machine vs human: %s over n = %d conditions"
                + " (%s over n = %d without 'none').%n%n", fmt(r.spearman()), r.spearmanN(),
                fmt(r.spearmanWithoutNone()), r.spearmanWithoutNoneN()));
        b.append("Published effects (means over the conditions of each group):\n\n");
        for (Effect e : r.effects()) {
            b.append("- ").append(effectLine(e)).append('\n');
        }
        b.append("\nNotes: ").append(NONE_NOTE).append(" Exp I natural/synthetic equal Exp II Min-Max-9 for the"
                + " machine (same protocol, same directions). Human numbers: ");
        r.humanSources().forEach((k, v) -> b.append("Exp ").append(k).append(" from ").append(v).append("; "));
        b.append(String.format(Locale.ROOT, "wall time %.1f s.%n", r.timings().get("totalSeconds")));
        return b.toString();
    }

    /** "natural > synthetic: machine 0.9 vs 0.8 (+0.1, 95 % CI ...) - reproduced: yes; human ..." */
    static String effectLine(Effect e) {
        String human = e.humanA() == null || e.humanB() == null ? "human: not all conditions available"
                : String.format(Locale.ROOT, "human %.3f vs %.3f (%+.3f)", e.humanA(), e.humanB(),
                        e.humanA() - e.humanB() + 0.0);
        return String.format(Locale.ROOT, "%s: machine %.3f vs %.3f (%+.3f, 95 %% CI %+.3f to %+.3f) - reproduced: %s;"
                + " %s", e.name(), e.machineA(), e.machineB(), e.machineDifference() + 0.0, e.machineCi().low() + 0.0,
                e.machineCi().high() + 0.0, e.reproduced() ? "yes" : "no", human);
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "undefined";
    }

    private static Object finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
