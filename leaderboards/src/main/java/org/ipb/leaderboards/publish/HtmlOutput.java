package org.ipb.leaderboards.publish;

import java.util.List;
import org.ipb.leaderboards.board.BenchmarkDefinition;
import org.ipb.leaderboards.board.Leaderboard;
import org.ipb.leaderboards.board.LeaderboardRow;

/**
 * {@code index.html}: a static, self-contained page (inline CSS, no script, no external URL) with the
 * Markdown page's tables and the charts as PNG files next to it. All text from the board is escaped.
 */
final class HtmlOutput {
    private static final String CSS = String.join("\n",
            "body{font-family:\"DejaVu Sans\",Verdana,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;"
                    + "color:#222;line-height:1.4}",
            "h1,h2,h3{font-weight:600}",
            "table{border-collapse:collapse;margin:0.5em 0 1.5em;font-size:0.9em}",
            "th,td{border:1px solid #ccc;padding:0.25em 0.6em;vertical-align:top}",
            "th{background:#f2f2f2;text-align:left}",
            "td.num{text-align:right;white-space:nowrap}",
            ".desc{color:#555;font-size:0.85em}",
            ".note{border-left:4px solid #d62728;background:#fdf0f0;padding:0.5em 1em}",
            "img{max-width:100%;height:auto;display:block;margin:0.5em 0}",
            "footer{color:#777;font-size:0.8em;margin-top:3em}");

    private HtmlOutput() {}

    static String html(Leaderboard board, List<Table> tables, boolean humanChart) {
        return html(board, tables, humanChart, false);
    }

    static String html(Leaderboard board, List<Table> tables, boolean humanChart, boolean strips) {
        return html(board, tables, humanChart, strips, List.of());
    }

    static String html(Leaderboard board, List<Table> tables, boolean humanChart, boolean strips,
            List<RowSheets> sheets) {
        return html(board, tables, humanChart, strips, sheets, List.of());
    }

    static String html(Leaderboard board, List<Table> tables, boolean humanChart, boolean strips,
            List<RowSheets> sheets, List<ReplicationTable> replications) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>IPB leaderboard</title>\n<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n");
        h.append("<h1>IPB leaderboard</h1>\n");
        h.append("<p>Interpretability Psychophysics Benchmark: how interpretable the directions found by each method"
                + " or submission are, per model layer: the machine observer's 2-AFC accuracy (hard MIS), a predicted"
                + " human accuracy only where a calibration to human data passed its checks, and measured human"
                + " accuracy (").append(esc(board.kind())).append(", format version ")
                .append(board.formatVersion()).append("). Data: <a href=\"leaderboard.json\">leaderboard.json</a>"
                        + " (schema <a href=\"leaderboard.schema.json\">leaderboard.schema.json</a>),"
                        + " <a href=\"leaderboard.csv\">leaderboard.csv</a>.</p>\n");

        h.append("<h2>Benchmarks</h2>\n");
        if (board.benchmarks().isEmpty()) {
            h.append("<p>No benchmark definitions.</p>\n");
        } else {
            table(h, Cells.BENCHMARK_HEADER, board.benchmarks().stream().map(Cells::benchmark).toList(), 4);
            h.append("<ul>\n");
            for (BenchmarkDefinition b : board.benchmarks()) {
                h.append("<li>").append(esc(Cells.benchmarkDetails(b))).append("</li>\n");
            }
            h.append("</ul>\n");
        }

        h.append("<h2>Human data</h2>\n");
        h.append(Cells.hasHumanData(board) ? "<p>" : "<p class=\"note\"><strong>")
                .append(esc(Cells.humanNote(board)))
                .append(Cells.hasHumanData(board) ? "</p>\n" : "</strong></p>\n");
        if (board.simulatedIgnored() > 0) {
            h.append("<p>").append(esc(board.simulatedIgnored() + " responses of simulated participants were left out:"
                    + " they never count as human data.")).append("</p>\n");
        }
        h.append("<h2>Calibration</h2>\n<p>").append(esc(board.calibrationNote())).append("</p>\n");
        h.append("<h2>Ceilings</h2>\n<p>").append(esc(Cells.ceiling(board))).append("</p>\n");
        h.append("<h2>Glossary</h2>\n<ul>\n");
        Cells.GLOSSARY.forEach(g -> h.append("<li>").append(esc(g)).append("</li>\n"));
        h.append("</ul>\n");
        if (!board.findings().isEmpty()) {
            h.append("<h2>Do other directions beat single units?</h2>\n<ul>\n");
            board.findings().values().forEach(f -> h.append("<li>").append(esc(f)).append("</li>\n"));
            h.append("</ul>\n");
        }

        h.append("<h2>Results</h2>\n");
        if (tables.isEmpty()) {
            h.append("<p>No rows.</p>\n");
        }
        List<String> main = Table.mainScores(board);
        for (Table t : tables) {
            List<String> header = Cells.rowHeader(Cells.measure(t.rows()), main);
            h.append("<h3>").append(esc(t.benchmark() + " — " + t.modelLayer())).append("</h3>\n");
            h.append("<img src=\"").append(esc(t.chartFile())).append("\" width=\"").append(Charts.WIDTH)
                    .append("\" height=\"").append(Charts.accuracyHeight(t)).append("\" alt=\"")
                    .append(esc(Cells.measure(t.rows()) + " per entry, " + t.benchmark() + " " + t.modelLayer()))
                    .append("\">\n");
            h.append("<table>\n<thead><tr>");
            header.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
            h.append("</tr></thead>\n<tbody>\n");
            for (LeaderboardRow r : t.rows()) {
                List<String> cells = Cells.row(r, main);
                h.append("<tr><td>").append(esc(cells.get(0)));
                if (r.description() != null && !r.description().isBlank()) {
                    h.append("<div class=\"desc\">").append(esc(r.description().strip())).append("</div>");
                }
                List<String> links = RowSheets.linksOf(sheets, r);
                if (!links.isEmpty()) {
                    h.append("<div class=\"desc\">sheets");
                    for (int i = 0; i < links.size(); i++) {
                        h.append(" <a href=\"").append(esc(links.get(i))).append("\">").append(i + 1).append("</a>");
                    }
                    h.append("</div>");
                }
                h.append("</td>");
                for (String c : cells.subList(1, cells.size())) {
                    h.append("<td class=\"num\">").append(esc(c)).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</tbody>\n</table>\n");
            List<List<String>> cmp = Cells.comparisons(board, t);
            if (cmp.stream().anyMatch(c -> !c.get(1).equals(Cells.NONE) || !c.get(2).equals(Cells.NONE))) {
                h.append("<p>Difference in mean hard MIS:</p>\n");
                table(h, Cells.COMPARISON_HEADER, cmp, 1);
            }
            if (strips) {
                h.append("<img src=\"").append(esc(t.stripFile())).append("\" width=\"").append(Charts.WIDTH)
                        .append("\" height=\"").append(Charts.accuracyHeight(t)).append("\" alt=\"")
                        .append(esc("hard MIS of every direction, " + t.benchmark() + " " + t.modelLayer()))
                        .append("\">\n");
            }
        }
        if (strips) {
            h.append("<p>Every direction's scores: <a href=\"").append(LeaderboardPublisher.DIRECTIONS).append("\">")
                    .append(LeaderboardPublisher.DIRECTIONS).append("</a>.</p>\n");
        }

        h.append("<h2>Predicted against human accuracy</h2>\n");
        if (humanChart) {
            h.append("<img src=\"").append(Charts.HUMAN_CHART).append("\" width=\"").append(Charts.WIDTH)
                    .append("\" height=\"").append(Charts.SCATTER_HEIGHT)
                    .append("\" alt=\"predicted against human accuracy, one point per row\">\n");
        } else {
            h.append("<p>No row has human data, so there is no chart of predicted against human accuracy.</p>\n");
        }

        if (!replications.isEmpty()) {
            h.append("<h2>Machine replications of human experiments</h2>\n");
            for (ReplicationTable r : replications) {
                h.append("<h3>").append(esc(r.title())).append("</h3>\n");
                table(h, r.header(), r.rows(), 3);
                h.append("<p>Full report: <a href=\"").append(esc(r.reportLink())).append("\">")
                        .append(esc(r.reportLink())).append("</a>.</p>\n");
            }
        }
        if (!board.validity().isEmpty()) {
            h.append("<h2>Scorer validity</h2>\n<p>How well each automated score predicts human accuracy per"
                    + " direction (correlations with bootstrap 95 % intervals, ceiled by the noise ceiling) and the"
                    + " cross-validated psychometric fit.</p>\n");
            table(h, Cells.VALIDITY_HEADER, Cells.validity(board), 1);
        }
        h.append("<footer>Generated by ipb from leaderboard.json.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    /** A table whose columns from {@code firstNumeric} on are right-aligned. */
    private static void table(StringBuilder h, List<String> header, List<List<String>> rows, int firstNumeric) {
        h.append("<table>\n<thead><tr>");
        header.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            h.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                h.append(i >= firstNumeric ? "<td class=\"num\">" : "<td>").append(esc(row.get(i))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    /** Escapes {@code & < > " '} for text and attribute values. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
