package org.ipb.leaderboards.publish;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ipb.leaderboards.board.LeaderboardRow;

/**
 * The contact sheets of one board row (its first directions' most and least activating
 * exemplars), published under {@code sheets/} and linked from the row's table.
 *
 * @param files the PNGs as drawn by the exemplar pipeline, in direction order
 */
public record RowSheets(String benchmark, String model, String layer, String entry, int entryVersion,
        List<Path> files) {
    public RowSheets {
        files = List.copyOf(files);
    }

    /** Whether these are the sheets of {@code row}. */
    boolean belongsTo(LeaderboardRow row) {
        return benchmark.equals(row.benchmark()) && model.equals(row.model()) && layer.equals(row.layer())
                && entry.equals(row.entry()) && entryVersion == row.entryVersion();
    }

    /** Published name of sheet {@code i} (0-based): {@code sheets/<benchmark-model-layer>/<entry>-v<n>-<i+1>.png}. */
    String publishedName(int i) {
        return LeaderboardPublisher.SHEETS + "/" + Table.slug(benchmark + "-" + model + "-" + layer) + "/"
                + String.format(Locale.ROOT, "%s-v%d-%d.png", Table.slug(entry), entryVersion, i + 1);
    }

    /** The published names of {@code row}'s sheets, empty when it has none. */
    static List<String> linksOf(List<RowSheets> sheets, LeaderboardRow row) {
        for (RowSheets s : sheets) {
            if (s.belongsTo(row)) {
                return java.util.stream.IntStream.range(0, s.files().size()).mapToObj(s::publishedName).toList();
            }
        }
        return List.of();
    }
}
