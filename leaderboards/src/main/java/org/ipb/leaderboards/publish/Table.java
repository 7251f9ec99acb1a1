package org.ipb.leaderboards.publish;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ipb.leaderboards.board.BenchmarkDefinition;
import org.ipb.leaderboards.board.Leaderboard;
import org.ipb.leaderboards.board.LeaderboardRow;

/**
 * The rows of one benchmark on one model layer, best predicted accuracy first: one table in the
 * Markdown and HTML pages and one chart. Scores of different benchmark versions are never put in
 * one table.
 *
 * @param index 1-based position of the table on the page (names its chart file)
 */
record Table(int index, String benchmark, String model, String layer, List<LeaderboardRow> rows) {
    /** Scores shown in the tables, in this order, when any row has them. */
    static final List<String> MAIN_SCORES = List.of("mis", "coherence", "selectivity.precision", "sparsity.hoyer");

    /** Headline accuracy descending; ties in the board's order (entry, then version). */
    private static final Comparator<LeaderboardRow> BEST_FIRST = Comparator
            .comparingDouble((LeaderboardRow r) -> r.headline() == null ? Double.NEGATIVE_INFINITY
                    : nanLast(r.headline().accuracy()))
            .reversed()
            .thenComparing(LeaderboardRow::sortKey);

    /** The board's tables, in the board's (benchmark, model, layer) order. */
    static List<Table> of(Leaderboard board) {
        Map<List<String>, List<LeaderboardRow>> groups = new LinkedHashMap<>();
        for (LeaderboardRow row : board.rows()) {
            groups.computeIfAbsent(List.of(String.valueOf(row.benchmark()), String.valueOf(row.model()),
                    String.valueOf(row.layer())), k -> new ArrayList<>()).add(row);
        }
        List<Table> tables = new ArrayList<>();
        for (Map.Entry<List<String>, List<LeaderboardRow>> g : groups.entrySet()) {
            List<String> key = g.getKey();
            tables.add(new Table(tables.size() + 1, key.get(0), key.get(1), key.get(2),
                    g.getValue().stream().sorted(BEST_FIRST).toList()));
        }
        return tables;
    }

    /** {@code model:layer}. */
    String modelLayer() {
        return model + ":" + layer;
    }

    /** File name of this table's chart: index and a slug of benchmark, model and layer. */
    String chartFile() {
        return String.format(java.util.Locale.ROOT, "accuracy-%02d-%s.png", index,
                slug(benchmark + "-" + model + "-" + layer));
    }

    /** The per-direction strip plot of this table. */
    String stripFile() {
        return chartFile().replaceFirst("^accuracy-", "mis-directions-");
    }

    /** Entry name, with {@code v<version>} for submissions. */
    static String entryLabel(LeaderboardRow row) {
        return "submission".equals(row.kind()) || row.entryVersion() > 0
                ? row.entry() + " v" + row.entryVersion()
                : String.valueOf(row.entry());
    }

    /** The main scores that appear in any row of the board, in {@link #MAIN_SCORES} order. */
    static List<String> mainScores(Leaderboard board) {
        return MAIN_SCORES.stream()
                .filter(s -> board.rows().stream().anyMatch(r -> r.scores() != null && r.scores().containsKey(s)))
                .toList();
    }

    /** Every scorer name that appears in any row, sorted. */
    static Set<String> scorerNames(Leaderboard board) {
        Set<String> names = new TreeSet<>();
        board.rows().stream().filter(r -> r.scores() != null).forEach(r -> names.addAll(r.scores().keySet()));
        return names;
    }

    /** The definition a row names, when the board has it. */
    static Optional<BenchmarkDefinition> definition(Leaderboard board, String key) {
        return board.benchmarks().stream().filter(b -> Objects.equals(b.key(), key)).findFirst();
    }

    /** Letters, digits, '.', '_' and '-' only; anything else becomes '_'. */
    static String slug(String text) {
        String s = text.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.length() > 80 ? s.substring(0, 80) : s;
    }

    private static double nanLast(double d) {
        return Double.isNaN(d) ? Double.NEGATIVE_INFINITY : d;
    }
}
