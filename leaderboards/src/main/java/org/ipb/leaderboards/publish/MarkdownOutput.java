package org.ipb.leaderboards.publish;

import java.util.List;
import org.ipb.leaderboards.board.BenchmarkDefinition;
import org.ipb.leaderboards.board.Leaderboard;
import org.ipb.leaderboards.board.LeaderboardRow;

/** {@code LEADERBOARD.md}: the summary for a repository page. Text from the board is escaped. */
final class MarkdownOutput {
    private MarkdownOutput() {}

    static String markdown(Leaderboard board) {
        return markdown(board, false);
    }

    static String markdown(Leaderboard board, boolean strips) {
        return markdown(board, strips, List.of());
    }

    static String markdown(Leaderboard board, boolean strips, List<RowSheets> sheets) {
        return markdown(board, strips, sheets, List.of());
    }

    static String markdown(Leaderboard board, boolean strips, List<RowSheets> sheets,
            List<ReplicationTable> replications) {
        StringBuilder md = new StringBuilder();
        md.append("# IPB leaderboard\n\n");
        md.append("Interpretability Psychophysics Benchmark: how interpretable the directions found by each method or"
                + " submission are, per model layer: the machine observer's 2-AFC accuracy (hard MIS), a predicted human"
                + " accuracy only where a calibration to human data passed its checks, and measured human accuracy ("
                ).append(esc(board.kind())).append(", format version ").append(board.formatVersion()).append(").\n\n");

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

        if (board.simulatedIgnored() > 0) {
            md.append(esc(board.simulatedIgnored() + " responses of simulated participants were left out: they never"
                    + " count as human data.")).append("\n\n");
        }
        md.append("## Calibration\n\n").append(esc(board.calibrationNote())).append("\n\n");
        md.append("## Ceilings\n\n").append(esc(Cells.ceiling(board))).append("\n\n");
        md.append("## Glossary\n\n");
        Cells.GLOSSARY.forEach(g -> md.append("- ").append(esc(g)).append('\n'));
        md.append('\n');
        if (!board.findings().isEmpty()) {
            md.append("## Do other directions beat single units?\n\n");
            board.findings().values().forEach(f -> md.append("- ").append(esc(f)).append('\n'));
            md.append('\n');
        }

        md.append("## Results\n\n");
        List<String> main = Table.mainScores(board);
        List<Table> tables = Table.of(board);
        if (tables.isEmpty()) {
            md.append("No rows.\n\n");
        }
        for (Table t : tables) {
            md.append("### ").append(esc(t.benchmark() + " — " + t.modelLayer())).append("\n\n");
            table(md, Cells.rowHeader(Cells.measure(t.rows()), main), t.rows().stream().map(r -> Cells.row(r, main))
                    .toList(), 1);
            List<List<String>> cmp = Cells.comparisons(board, t);
            if (cmp.stream().anyMatch(c -> !c.get(1).equals(Cells.NONE) || !c.get(2).equals(Cells.NONE))) {
                md.append("Difference in mean hard MIS:\n\n");
                table(md, Cells.COMPARISON_HEADER, cmp, 1);
            }
            if (strips) {
                md.append("![per-direction hard MIS](").append(t.stripFile()).append(")\n\n");
            }
            for (LeaderboardRow r : t.rows()) {
                if (r.description() != null && !r.description().isBlank()) {
                    md.append("- **").append(esc(Table.entryLabel(r))).append("**: ").append(esc(r.description()))
                            .append('\n');
                }
            }
            if (t.rows().stream().anyMatch(r -> r.description() != null && !r.description().isBlank())) {
                md.append('\n');
            }
            List<String> linked = new java.util.ArrayList<>();
            for (LeaderboardRow r : t.rows()) {
                List<String> links = RowSheets.linksOf(sheets, r);
                if (!links.isEmpty()) {
                    StringBuilder l = new StringBuilder("**").append(esc(Table.entryLabel(r))).append("**");
                    for (int i = 0; i < links.size(); i++) {
                        l.append(" [").append(i + 1).append("](").append(links.get(i)).append(')');
                    }
                    linked.add(l.toString());
                }
            }
            if (!linked.isEmpty()) {
                md.append("Contact sheets (most and least activating images of the first directions): ")
                        .append(String.join(" · ", linked)).append("\n\n");
            }
        }

        if (strips) {
            md.append("Every direction's scores: [").append(LeaderboardPublisher.DIRECTIONS).append("](")
                    .append(LeaderboardPublisher.DIRECTIONS).append(").\n\n");
        }
        if (!replications.isEmpty()) {
            md.append("## Machine replications of human experiments\n\n");
            for (ReplicationTable r : replications) {
                md.append("### ").append(esc(r.title())).append("\n\n");
                table(md, r.header(), r.rows(), 3);
                md.append("Full report: [").append(esc(r.reportLink())).append("](").append(r.reportLink())
                        .append(").\n\n");
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
