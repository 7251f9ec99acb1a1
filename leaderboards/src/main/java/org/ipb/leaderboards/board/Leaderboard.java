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
@JsonPropertyOrder({"kind", "formatVersion", "benchmarks", "humanNote", "simulatedIgnored", "calibrationNote",
    "splitHalfCeiling", "validity", "comparisons", "findings", "rows"})
public record Leaderboard(String kind, int formatVersion, List<BenchmarkDefinition> benchmarks, String humanNote,
        int simulatedIgnored, String calibrationNote, Ceiling splitHalfCeiling, SortedMap<String, Validity> validity,
        List<Comparison> comparisons, SortedMap<String, String> findings, List<LeaderboardRow> rows) {
    public static final String KIND = "ipb-leaderboard";
    /** 2: headline measure named (machine vs predicted human), ceilings only where measured, comparisons. */
    public static final int FORMAT_VERSION = 2;

    public Leaderboard {
        benchmarks = List.copyOf(benchmarks);
        comparisons = List.copyOf(comparisons);
        rows = rows.stream().sorted(Comparator.comparing(LeaderboardRow::sortKey)).toList();
    }

    /**
     * Split-half reliability ceiling: the Spearman-Brown corrected split-half reliability of
     * per-direction human accuracy, the most a score can correlate with human accuracy.
     */
    @JsonPropertyOrder({"reliability", "ciLow", "ciHigh", "splits", "participants", "directions"})
    public record Ceiling(double reliability, double ciLow, double ciHigh, int splits, int participants,
            int directions) {}

    /**
     * One method's mean hard MIS on one layer minus a reference method's (basis: single units, or
     * random directions), with a seeded bootstrap 95 % interval: an unpaired two-sample bootstrap
     * that resamples each method's directions independently (directions of two methods are not
     * paired).
     */
    @JsonPropertyOrder({"benchmark", "model", "layer", "entry", "entryVersion", "versus", "difference", "ciLow",
        "ciHigh", "n", "nVersus"})
    public record Comparison(String benchmark, String model, String layer, String entry, int entryVersion,
            String versus, double difference, double ciLow, double ciHigh, int n, int nVersus) {}

    /** One correlation of a scorer with human accuracy: raw, interval, ceiling, ceiled. */
    @JsonPropertyOrder({"method", "raw", "ciLow", "ciHigh", "ceiling", "ceiled"})
    public record Correlation(String method, double raw, double ciLow, double ciHigh, double ceiling, double ceiled) {}

    /** A scorer's validity: correlations and the cross-validated psychometric fit. */
    @JsonPropertyOrder({"directions", "participants", "correlations", "fit", "heldOutLogLikelihood", "heldOutBrier",
        "reliabilityDiagram"})
    public record Validity(int directions, int participants, List<Correlation> correlations, String fit,
            double heldOutLogLikelihood, double heldOutBrier, String reliabilityDiagram) {}
}
