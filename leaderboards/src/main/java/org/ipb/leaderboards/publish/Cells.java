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

    static List<String> rowHeader(List<String> mainScores) {
        List<String> h = new ArrayList<>(List.of("entry", "directions", "predicted accuracy [95 % CI]",
                "human accuracy (trials / participants)", "raw / ceiling / ceiled"));
        h.addAll(mainScores);
        h.add("ablation AUC");
        return h;
    }

    static List<String> row(LeaderboardRow r, List<String> mainScores) {
        List<String> cells = new ArrayList<>();
        cells.add(Table.entryLabel(r));
        cells.add(Integer.toString(r.directions()));
        var p = r.predicted();
        cells.add(p == null ? NONE : acc(p.accuracy()) + " [" + acc(p.ciLow()) + ", " + acc(p.ciHigh()) + "]");
        var h = r.human();
        cells.add(h == null ? NONE : acc(h.accuracy()) + " [" + acc(h.ciLow()) + ", " + acc(h.ciHigh()) + "] ("
                + h.trials() + " / " + h.participants() + ")");
        var c = r.ceiled();
        cells.add(c == null ? NONE : acc(c.raw()) + " / " + acc(c.ceiling()) + " / " + acc(c.ceiled()));
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

    /** The noise-ceiling sentence. */
    static String ceiling(Leaderboard board) {
        Leaderboard.Ceiling c = board.ceiling();
        if (c == null) {
            return "No noise ceiling: there are no human data to estimate it from.";
        }
        return "Split-half reliability of per-direction human accuracy (Spearman-Brown corrected): "
                + acc(c.reliability()) + " [95 % CI " + acc(c.ciLow()) + ", " + acc(c.ciHigh()) + "], from "
                + c.splits() + " random splits of " + c.participants() + " participants over " + c.directions()
                + " directions. Ceiled scores divide by the ceiling shown in each row.";
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
