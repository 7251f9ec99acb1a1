package org.ipb.leaderboards.board;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;

/**
 * The published leaderboard: the benchmark definitions its rows were made under, the rows sorted
 * by {@link LeaderboardRow#sortKey()}, the scorer-validity table (how well each automated score
 * predicts human accuracy, with the noise ceiling), and a note on the human columns.
 *
 * @param humanNote empty when human data were used; otherwise why the human columns are empty
 * @param validity per scorer (key) the correlations with human accuracy; empty without human data
 */
@JsonPropertyOrder({"kind", "formatVersion", "benchmarks", "humanNote", "ceiling", "validity", "rows"})
public record Leaderboard(String kind, int formatVersion, List<BenchmarkDefinition> benchmarks, String humanNote,
        Ceiling ceiling, SortedMap<String, Validity> validity, List<LeaderboardRow> rows) {
    public static final String KIND = "ipb-leaderboard";
    public static final int FORMAT_VERSION = 1;

    public Leaderboard {
        benchmarks = List.copyOf(benchmarks);
        rows = rows.stream().sorted(Comparator.comparing(LeaderboardRow::sortKey)).toList();
    }

    /** Split-half noise ceiling of per-direction human accuracy (Spearman-Brown corrected). */
    @JsonPropertyOrder({"reliability", "ciLow", "ciHigh", "splits", "participants", "directions"})
    public record Ceiling(double reliability, double ciLow, double ciHigh, int splits, int participants,
            int directions) {}

    /** One correlation of a scorer with human accuracy: raw, interval, ceiling, ceiled. */
    @JsonPropertyOrder({"method", "raw", "ciLow", "ciHigh", "ceiling", "ceiled"})
    public record Correlation(String method, double raw, double ciLow, double ciHigh, double ceiling, double ceiled) {}

    /** A scorer's validity: correlations and the cross-validated psychometric fit. */
    @JsonPropertyOrder({"directions", "participants", "correlations", "fit", "heldOutLogLikelihood", "heldOutBrier",
        "reliabilityDiagram"})
    public record Validity(int directions, int participants, List<Correlation> correlations, String fit,
            double heldOutLogLikelihood, double heldOutBrier, String reliabilityDiagram) {}
}
