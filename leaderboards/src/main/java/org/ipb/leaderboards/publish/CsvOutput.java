package org.ipb.leaderboards.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ipb.leaderboards.board.Leaderboard;
import org.ipb.leaderboards.board.LeaderboardRow;

/**
 * {@code leaderboard.csv}: one line per row in the board's order, header first. RFC 4180: fields
 * that hold a comma, a double quote, CR or LF are quoted with inner quotes doubled; lines end in
 * CRLF. Null is an empty cell; doubles have at most 6 significant digits ({@link Numbers#significant}).
 */
final class CsvOutput {
    static final List<String> LEADING = List.of("benchmark", "entry", "entry_version", "kind", "model", "layer",
            "directions", "headline_measure", "headline_accuracy", "headline_ci_low", "headline_ci_high", "calibration",
            "human_trials", "human_participants", "human_accuracy", "human_ci_low", "human_ci_high", "raw",
            "catch_trial_ceiling", "ceiled");
    static final List<String> TRAILING = List.of("ablation_auc", "code_version");
    static final int DIGITS = 6;

    private CsvOutput() {}

    static String csv(Leaderboard board) {
        Set<String> scorers = Table.scorerNames(board);
        List<String> header = new ArrayList<>(LEADING);
        for (String s : scorers) {
            header.add("score_" + s);
            header.add("score_" + s + "_se");
        }
        header.addAll(TRAILING);
        StringBuilder out = new StringBuilder();
        line(out, header);
        for (LeaderboardRow r : board.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(r.benchmark());
            cells.add(r.entry());
            cells.add(Integer.toString(r.entryVersion()));
            cells.add(r.kind());
            cells.add(r.model());
            cells.add(r.layer());
            cells.add(Integer.toString(r.directions()));
            var p = r.headline();
            cells.add(p == null ? null : p.measure());
            cells.add(p == null ? null : num(p.accuracy()));
            cells.add(p == null ? null : num(p.ciLow()));
            cells.add(p == null ? null : num(p.ciHigh()));
            cells.add(p == null ? null : p.calibration());
            var h = r.human();
            cells.add(h == null ? null : Integer.toString(h.trials()));
            cells.add(h == null ? null : Integer.toString(h.participants()));
            cells.add(h == null ? null : num(h.accuracy()));
            cells.add(h == null ? null : num(h.ciLow()));
            cells.add(h == null ? null : num(h.ciHigh()));
            var c = r.ceiled();
            cells.add(c == null ? null : num(c.raw()));
            cells.add(c == null ? null : num(c.ceiling()));
            cells.add(c == null ? null : num(c.ceiled()));
            for (String s : scorers) {
                var score = r.scores() == null ? null : r.scores().get(s);
                cells.add(score == null ? null : num(score.mean()));
                cells.add(score == null ? null : num(score.standardError()));
            }
            cells.add(r.ablationAuc() == null ? null : num(r.ablationAuc()));
            Object code = r.provenance() == null ? null : r.provenance().codeVersion();
            cells.add(code == null ? null : String.valueOf(code));
            line(out, cells);
        }
        return out.toString();
    }

    private static String num(double d) {
        return Numbers.significant(d, DIGITS);
    }

    /**
     * {@code directions.csv}: one line per scored direction with every measure any direction has
     * (sorted by name; empty where a direction lacks one), rows in the given order.
     */
    static String directions(List<org.ipb.leaderboards.board.DirectionScore> ds) {
        java.util.TreeSet<String> measures = new java.util.TreeSet<>();
        ds.forEach(d -> measures.addAll(d.scores().keySet()));
        List<String> header = new ArrayList<>(List.of("benchmark", "model", "layer", "entry", "entry_version",
                "direction"));
        header.addAll(measures);
        StringBuilder out = new StringBuilder();
        line(out, header);
        for (var d : ds) {
            List<String> cells = new ArrayList<>(List.of(d.benchmark(), d.model(), d.layer(), d.entry(),
                    Integer.toString(d.entryVersion()), d.direction()));
            for (String m : measures) {
                Double v = d.scores().get(m);
                cells.add(v == null ? null : num(v));
            }
            line(out, cells);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** RFC 4180 field; null is the empty field. */
    static String quote(String cell) {
        if (cell == null) {
            return "";
        }
        boolean needs = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\r') >= 0
                || cell.indexOf('\n') >= 0;
        return needs ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
