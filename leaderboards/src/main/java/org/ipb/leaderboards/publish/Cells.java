package org.ipb.leaderboards.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ipb.leaderboards.board.BenchmarkDefinition;
import org.ipb.leaderboards.board.Leaderboard;
import org.ipb.leaderboards.board.LeaderboardRow;

/** The plain-text cells shared by the Markdown and HTML pages (each page escapes them its own way). */
final class Cells {
    /** Shown for a value that was not measured. */
    static final String NONE = "–";

    static final List<String> BENCHMARK_HEADER = List.of("benchmark", "model", "layers", "methods", "k", "tasks",
            "seeds (direction / task / bootstrap)");

    static final List<String> VALIDITY_HEADER = List.of("scorer", "directions", "participants", "correlation",
            "raw [95 % CI]", "ceiling", "ceiled", "fit", "held-out log-likelihood", "held-out Brier",
            "reliability diagram");

    private Cells() {}

    /** The headline measure of a table's rows (all rows of a layer share their calibration). */
    static String measure(List<LeaderboardRow> rows) {
        return rows.stream().map(LeaderboardRow::headline).filter(java.util.Objects::nonNull)
                .map(LeaderboardRow.Headline::measure).findFirst().orElse(LeaderboardRow.Headline.MACHINE);
    }

    static List<String> rowHeader(String measure, List<String> mainScores) {
        List<String> h = new ArrayList<>(List.of("entry", "directions", measure + " [95 % CI]",
                "human accuracy (trials / participants)", "predicted / catch-trial ceiling / ceiled"));
        h.addAll(mainScores);
        h.add("ablation AUC");
        return h;
    }

    static List<String> row(LeaderboardRow r, List<String> mainScores) {
        List<String> cells = new ArrayList<>();
        cells.add(Table.entryLabel(r));
        cells.add(r.directions() + ("basis".equals(r.entry()) && "builtin".equals(r.kind()) ? " (all units)" : ""));
        var p = r.headline();
        cells.add(p == null ? NONE : acc(p.accuracy()) + " [" + acc(p.ciLow()) + ", " + acc(p.ciHigh()) + "]");
        var h = r.human();
        cells.add(h == null ? NONE : acc(h.accuracy()) + " [" + acc(h.ciLow()) + ", " + acc(h.ciHigh()) + "] ("
                + h.trials() + " / " + h.participants() + ")");
        var c = r.ceiled();
        cells.add(c == null ? "not measured" : acc(c.raw()) + " / " + acc(c.ceiling()) + " / " + acc(c.ceiled()));
        for (String s : mainScores) {
            var score = r.scores() == null ? null : r.scores().get(s);
            cells.add(score == null ? NONE : sig(score.mean()) + " ± " + sig(score.standardError()));
        }
        cells.add(r.ablationAuc() == null ? NONE : acc(r.ablationAuc()));
        return cells;
    }

    static List<String> benchmark(BenchmarkDefinition b) {
        return List.of(b.key(), String.valueOf(b.model()), String.join(", ", b.layers()), String.join(", ", b.methods()),
                Integer.toString(b.k()), Integer.toString(b.tasks()),
                b.directionSeed() + " / " + b.taskSeed() + " / " + b.bootstrapSeed());
    }

    /** Further settings of a benchmark, for a line under the table. */
    static String benchmarkDetails(BenchmarkDefinition b) {
        List<String> parts = new ArrayList<>();
        if (b.description() != null && !b.description().isBlank()) {
            parts.add(b.description().strip());
        }
        parts.add("stimulus set " + b.stimulusSet());
        parts.add(b.protocolText());
        parts.add(b.references() + " references per side");
        parts.add("observer " + b.observer());
        parts.add("scorers " + sorted(b.scorers()));
        if (!b.scorerOptions().isEmpty()) {
            parts.add("scorer options " + sorted(b.scorerOptions()));
        }
        return b.key() + ": " + String.join("; ", parts);
    }

    /** One line per (scorer, correlation); a scorer without correlations still gets a line. */
    static List<List<String>> validity(Leaderboard board) {
        List<List<String>> lines = new ArrayList<>();
        for (Map.Entry<String, Leaderboard.Validity> e : board.validity().entrySet()) {
            Leaderboard.Validity v = e.getValue();
            List<Leaderboard.Correlation> cs = v.correlations() == null ? List.of() : v.correlations();
            if (cs.isEmpty()) {
                lines.add(validityLine(e.getKey(), v, null));
            }
            for (Leaderboard.Correlation c : cs) {
                lines.add(validityLine(e.getKey(), v, c));
            }
        }
        return lines;
    }

    private static List<String> validityLine(String scorer, Leaderboard.Validity v, Leaderboard.Correlation c) {
        return List.of(scorer, Integer.toString(v.directions()), Integer.toString(v.participants()),
                c == null ? NONE : String.valueOf(c.method()),
                c == null ? NONE : acc(c.raw()) + " [" + acc(c.ciLow()) + ", " + acc(c.ciHigh()) + "]",
                c == null ? NONE : acc(c.ceiling()),
                c == null ? NONE : acc(c.ceiled()),
                v.fit() == null ? NONE : v.fit(),
                Numbers.fixed(v.heldOutLogLikelihood(), 4),
                Numbers.fixed(v.heldOutBrier(), 4),
                v.reliabilityDiagram() == null || v.reliabilityDiagram().isBlank() ? NONE : v.reliabilityDiagram());
    }

    /** The ceilings paragraph: each ceiling by its name, or that it was not measured. */
    static String ceiling(Leaderboard board) {
        Leaderboard.Ceiling c = board.splitHalfCeiling();
        String catchCeiling = board.rows().stream().map(LeaderboardRow::ceiled).filter(java.util.Objects::nonNull)
                .map(LeaderboardRow.Ceiled::ceilingSource).findFirst()
                .map(src -> "Catch-trial ceiling: " + src + "; a row's predicted human accuracy is divided by it.")
                .orElse("Catch-trial ceiling: not measured (it needs human catch trials and a calibrated row).");
        if (c == null) {
            return catchCeiling + " Split-half reliability ceiling: not measured (no human data).";
        }
        return catchCeiling + " Split-half reliability ceiling (Spearman-Brown corrected split-half reliability of"
                + " per-direction human accuracy; it ceils correlations with human accuracy): "
                + acc(c.reliability()) + " [95 % CI " + acc(c.ciLow()) + ", " + acc(c.ciHigh()) + "], from "
                + c.splits() + " random splits of " + c.participants() + " participants over " + c.directions()
                + " directions.";
    }

    /** What the columns mean, and which way is better. */
    static final List<String> GLOSSARY = List.of(
            "mis (hard MIS): the fraction of a direction's 2-AFC tasks that the machine observer decides correctly"
                    + " (delta > 0, ties 1/2; Zimmermann, Klindt & Brendel 2024). 0.5 is chance, 1 is perfect; higher"
                    + " is more interpretable to the machine observer. Uncalibrated: not a human accuracy.",
            "mis.delta: the mean similarity margin delta behind those decisions; higher is clearer. mis.confidence"
                    + " (soft MIS, mean sigmoid(alpha delta)) appears only with an alpha fitted to human data for the"
                    + " observer.",
            "predicted human 2-AFC accuracy: hard MIS mapped through a psychometric fit to human trials; only shown"
                    + " where such a fit passed its checks, with the fit named.",
            "catch-trial ceiling: human accuracy on catch trials (the answer is among the references); it ceils a"
                    + " predicted human accuracy. Split-half reliability ceiling: how well human accuracy per direction"
                    + " agrees between random halves of the participants (Spearman-Brown); it ceils a correlation.",
            "coherence: mean cosine similarity of a direction's most activating exemplars in the observer's"
                    + " embedding relative to random images; higher is more coherent.",
            "selectivity.precision: fraction of the top exemplars from the most frequent class; sparsity.hoyer:"
                    + " Hoyer sparsity of the direction's activations; higher is more selective / sparser.",
            "ablation AUC: area under the accuracy curve as directions are projected out (most important first),"
                    + " relative to the intact network; lower means the directions carry more of what the network"
                    + " needs (Morcos et al. 2018). It measures importance, not interpretability.",
            "vs basis / vs random: difference of the mean hard MIS from single units / random directions of the same"
                    + " layer, with an unpaired two-sample bootstrap 95 % interval over directions; an interval above"
                    + " 0 means the method beats the reference.");

    static final List<String> COMPARISON_HEADER = List.of("entry", "vs basis (single units) [95 % CI]",
            "vs random directions [95 % CI]");

    /** The comparison rows of one model layer, in the table's entry order. */
    static List<List<String>> comparisons(Leaderboard board, Table t) {
        List<List<String>> out = new ArrayList<>();
        for (LeaderboardRow r : t.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(Table.entryLabel(r));
            for (String ref : List.of("basis", "random")) {
                var c = board.comparisons().stream().filter(x -> x.benchmark().equals(r.benchmark())
                        && x.model().equals(r.model()) && x.layer().equals(r.layer()) && x.entry().equals(r.entry())
                        && x.entryVersion() == r.entryVersion() && x.versus().equals(ref)).findFirst().orElse(null);
                cells.add(c == null ? NONE : signed(c.difference()) + " [" + signed(c.ciLow()) + ", "
                        + signed(c.ciHigh()) + "]");
            }
            out.add(cells);
        }
        return out;
    }

    static String signed(double d) {
        String v = acc(d);
        return d > 0 && !v.equals("0.000") ? "+" + v : v;
    }

    /** Whether the board has human data: an empty human note. */
    static boolean hasHumanData(Leaderboard board) {
        return board.humanNote() == null || board.humanNote().isBlank();
    }

    /** The human-data paragraph: with the board's note, it says that (and why) the human columns are empty. */
    static String humanNote(Leaderboard board) {
        if (hasHumanData(board)) {
            return "Human accuracy is measured on main (non-catch) 2-AFC trials, with Wilson 95 % intervals.";
        }
        String note = board.humanNote().strip();
        String sentence = note.isEmpty() ? note : Character.toUpperCase(note.charAt(0)) + note.substring(1);
        if (!sentence.endsWith(".")) {
            sentence += ".";
        }
        return note.toLowerCase(java.util.Locale.ROOT).contains("human columns are empty")
                ? "No human data. " + sentence
                : "No human data. The human columns are empty. " + sentence;
    }

    static String acc(double d) {
        return Numbers.fixed(d, 3);
    }

    static String sig(double d) {
        return Numbers.significant(d, 3);
    }

    private static String sorted(Map<String, String> map) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(map).forEach((k, v) -> parts.add(k + " " + v));
        return String.join(", ", parts);
    }
}
