package org.ipb.leaderboards.board;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.SortedMap;

/**
 * One row of the leaderboard: a way of reading out directions (a built-in method or a submission)
 * on one model layer, under one benchmark version.
 *
 * @param benchmark {@code id@version} of the benchmark definition
 * @param entry method name, or submission name
 * @param entryVersion 0 for built-in methods; 1, 2, ... for successive submissions of one name
 * @param kind {@code builtin} or {@code submission}
 * @param directions number of directions scored
 * @param headline the row's headline accuracy, mean over directions with a bootstrap 95 % interval:
 *     the machine observer's 2-AFC accuracy (hard MIS, uncalibrated) unless a valid calibration for
 *     this layer maps it to a predicted human accuracy ({@link Headline#measure()} says which)
 * @param human measured human accuracy on main, non-catch trials (null when no study measured it)
 * @param ceiled raw (predicted human accuracy), catch-trial ceiling and ceiled score stored together;
 *     null unless both a calibration and catch trials were measured
 * @param scores per scorer (and sub-measure, e.g. {@code selectivity.precision}): the mean over
 *     directions, its standard error and the scorer version
 * @param ablationAuc area under the cumulative ablation curve (accuracy against the fraction of
 *     directions removed, directions in decreasing order of single-direction drop), normalised
 *     by the intact accuracy; null when not measured
 * @param provenance code version, benchmark version, seeds, input digests
 */
@JsonPropertyOrder({"benchmark", "entry", "entryVersion", "kind", "description", "model", "layer", "directions",
    "headline", "human", "ceiled", "scores", "ablationAuc", "provenance"})
public record LeaderboardRow(String benchmark, String entry, int entryVersion, String kind, String description,
        String model, String layer, int directions, Headline headline, Human human, Ceiled ceiled,
        SortedMap<String, ScoreSummary> scores, Double ablationAuc, EntryProvenance provenance) {

    /**
     * The headline accuracy with its interval. {@code measure} is {@link #MACHINE} (the mean hard MIS,
     * no human data involved) or {@link #PREDICTED_HUMAN} (that score mapped through a psychometric
     * fit to human data, named in {@code calibration}).
     */
    @JsonPropertyOrder({"measure", "accuracy", "ciLow", "ciHigh", "calibration"})
    public record Headline(String measure, double accuracy, double ciLow, double ciHigh, String calibration) {
        public static final String MACHINE = "machine 2-AFC accuracy (uncalibrated)";
        public static final String PREDICTED_HUMAN = "predicted human 2-AFC accuracy";
    }

    /** Measured human accuracy (Wilson 95 % interval). */
    @JsonPropertyOrder({"trials", "participants", "accuracy", "ciLow", "ciHigh"})
    public record Human(int trials, int participants, double accuracy, double ciLow, double ciHigh) {}

    /**
     * Raw score, ceiling and ceiled score (raw / ceiling), Brain-Score style. The raw score is the
     * predicted human 2-AFC accuracy; the ceiling is the catch-trial ceiling, what people reach when
     * the answer is shown among the references. Never filled in without a measured ceiling.
     */
    @JsonPropertyOrder({"raw", "ceiling", "ceiled", "ceilingSource"})
    public record Ceiled(double raw, double ceiling, double ceiled, String ceilingSource) {}

    /** A scorer's mean over directions. */
    @JsonPropertyOrder({"mean", "standardError", "n", "version"})
    public record ScoreSummary(double mean, double standardError, int n, String version) {}

    /** Sort key: benchmark, model, layer, entry, entry version. */
    public String sortKey() {
        return String.join("\u0000", benchmark, model, layer, entry, String.format("%06d", entryVersion));
    }
}
