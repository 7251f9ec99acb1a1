package org.ipb.leaderboards.publish;

import java.util.List;
import org.ipb.leaderboards.board.BenchmarkDefinition;
import org.ipb.leaderboards.board.Leaderboard;
import org.ipb.leaderboards.board.LeaderboardRow;

/** {@code LEADERBOARD.md}: the summary for a repository page. Text from the board is escaped. */
final class MarkdownOutput {
    private MarkdownOutput() {}

    static String markdown(Leaderboard board) {
        StringBuilder md = new StringBuilder();
        md.append("# IPB leaderboard\n\n");
        md.append("Interpretability Psychophysics Benchmark: predicted human 2-AFC accuracy of directions found by each"
                + " method or submission, per model layer (").append(esc(board.kind())).append(", format version ")
                .append(board.formatVersion()).append(").\n\n");

        md.append("## Benchmarks\n\n");
        if (board.benchmarks().isEmpty()) {
            md.append("No benchmark definitions.\n\n");
        } else {
            table(md, Cells.BENCHMARK_HEADER, board.benchmarks().stream().map(Cells::benchmark).toList(), 4);
            for (BenchmarkDefinition b : board.benchmarks()) {
                md.append("- ").append(esc(Cells.benchmarkDetails(b))).append('\n');
            }
            md.append('\n');
        }

        md.append("## Human data\n\n");
        if (Cells.hasHumanData(board)) {
            md.append(esc(Cells.humanNote(board))).append("\n\n");
        } else {
            md.append("> **").append(esc(Cells.humanNote(board))).append("**\n\n");
        }

        md.append("## Noise ceiling\n\n").append(esc(Cells.ceiling(board))).append("\n\n");

        md.append("## Results\n\n");
        List<String> main = Table.mainScores(board);
        List<Table> tables = Table.of(board);
        if (tables.isEmpty()) {
            md.append("No rows.\n\n");
        }
        for (Table t : tables) {
            md.append("### ").append(esc(t.benchmark() + " — " + t.modelLayer())).append("\n\n");
            table(md, Cells.rowHeader(main), t.rows().stream().map(r -> Cells.row(r, main)).toList(), 1);
            for (LeaderboardRow r : t.rows()) {
                if (r.description() != null && !r.description().isBlank()) {
                    md.append("- **").append(esc(Table.entryLabel(r))).append("**: ").append(esc(r.description()))
                            .append('\n');
                }
            }
            if (t.rows().stream().anyMatch(r -> r.description() != null && !r.description().isBlank())) {
                md.append('\n');
            }
        }

        if (!board.validity().isEmpty()) {
            md.append("## Scorer validity\n\n");
            md.append("How well each automated score predicts human accuracy per direction (correlations with"
                    + " bootstrap 95 % intervals, ceiled by the noise ceiling) and the cross-validated psychometric"
                    + " fit.\n\n");
            table(md, Cells.VALIDITY_HEADER, Cells.validity(board), 1);
        }
        return md.toString();
    }

    /** A pipe table whose columns from {@code firstNumeric} on are right-aligned. */
    private static void table(StringBuilder md, List<String> header, List<List<String>> rows, int firstNumeric) {
        line(md, header);
        md.append('|');
        for (int i = 0; i < header.size(); i++) {
            md.append(i < firstNumeric ? " --- |" : " ---: |");
        }
        md.append('\n');
        rows.forEach(r -> line(md, r));
        md.append('\n');
    }

    private static void line(StringBuilder md, List<String> cells) {
        md.append('|');
        for (String c : cells) {
            md.append(' ').append(esc(c)).append(" |");
        }
        md.append('\n');
    }

    /**
     * Backslash-escapes Markdown punctuation (so names and descriptions cannot start emphasis,
     * links, HTML or break a table) and folds line breaks into spaces.
     */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (char ch : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").toCharArray()) {
            if ("\\`*_[]<>|#!&".indexOf(ch) >= 0) {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }
}
