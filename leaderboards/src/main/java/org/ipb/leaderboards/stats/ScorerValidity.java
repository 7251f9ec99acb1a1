package org.ipb.leaderboards.stats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How well one scorer's per-direction scores track per-direction human accuracy: Pearson, Spearman
 * and Kendall tau-b, each with a 95 % percentile bootstrap interval and set against the human noise
 * ceiling.
 *
 * <p>Directions: those with a finite score and at least one human trial; trials on other directions
 * are ignored.
 *
 * <p>Bootstrap: two levels, because both the participants and the directions are samples (the
 * hierarchical bootstrap of Davison &amp; Hinkley 1997, "Bootstrap Methods and their Application",
 * section 3.8, resampling at both stages). Each replicate draws P participants with replacement and
 * recomputes per-direction accuracy from their trials, then draws D directions with replacement and
 * correlates scores with those accuracies (directions that got no trial from the drawn participants
 * are left out of that replicate). The three coefficients share the same replicates.
 *
 * <p>Ceiling: the ceiled score is raw / sqrt(ceiling), Spearman's (1904, "The proof and measurement
 * of association between two things", Am. J. Psychol. 15) correction for attenuation with the
 * scorer taken as noise-free: a scorer that predicted the true accuracies perfectly would correlate
 * with the measured ones at sqrt(reliability), so dividing by it puts a perfect scorer at 1. (Brain-
 * Score divides by the ceiling itself; for a deterministic model the square root is the consistent
 * choice, and the raw score and the ceiling are stored next to the ceiled one, as Brain-Score does,
 * so either convention can be recomputed.) Nothing is clamped: a ceiled value above 1 means the
 * scorer beats the ceiling estimate and is reported as such; a ceiling that is not positive gives
 * NaN.
 */
public final class ScorerValidity {
    /** @param bootstrap replicates B (0: no intervals) */
    public record Config(int bootstrap, long seed) {
        public Config {
            if (bootstrap < 0) {
                throw new IllegalArgumentException("bootstrap must be >= 0");
            }
        }

        /** 2000 replicates. */
        public static Config defaults(long seed) {
            return new Config(2000, seed);
        }
    }

    /**
     * One coefficient.
     *
     * @param raw the coefficient on the data
     * @param ci95 percentile two-level bootstrap interval of raw
     * @param ceiling the human reliability it is set against (NaN if none was given)
     * @param ceiled raw / sqrt(ceiling), NaN without a positive ceiling
     */
    public record Estimate(Correlations.Method method, double raw, Interval ci95, double ceiling, double ceiled) {}

    /** The three estimates in {@link Correlations.Method} order, and the sample sizes they rest on. */
    public record Result(List<Estimate> estimates, int directions, int participants) {
        public Result {
            estimates = List.copyOf(estimates);
        }

        public Estimate get(Correlations.Method method) {
            return estimates.get(method.ordinal());
        }
    }

    private ScorerValidity() {}

    /**
     * Correlations of {@code scores} with the human accuracy in {@code trials}.
     *
     * @param ceilings human reliability per method (e.g. from {@link SplitHalfCeiling}); a method
     *     without an entry gets a NaN ceiled score
     */
    public static Result evaluate(Collection<TrialOutcome> trials, Map<String, Double> scores,
            Map<Correlations.Method, Double> ceilings, Config config) {
        List<TrialOutcome> kept = new ArrayList<>();
        for (TrialOutcome t : trials) {
            Double s = scores.get(t.direction());
            if (s != null && Double.isFinite(s)) {
                kept.add(t);
            }
        }
        TrialTable table = TrialTable.of(kept);
        int dCount = table.directionCount();
        double[] score = new double[dCount];
        int[] all = new int[dCount];
        for (int d = 0; d < dCount; d++) {
            score[d] = scores.get(table.directions.get(d));
            all[d] = d;
        }
        double[] accuracy = table.accuracy(table.allParticipants());

        Correlations.Method[] methods = Correlations.Method.values();
        double[][] replicates = new double[methods.length][config.bootstrap()];
        SplittableRandom rng = new SplittableRandom(config.seed());
        for (int b = 0; b < config.bootstrap(); b++) {
            double[] acc = table.accuracy(table.resampleParticipants(rng));
            int[] drawn = new int[dCount];
            for (int i = 0; i < dCount; i++) {
                drawn[i] = rng.nextInt(dCount);
            }
            double[][] pairs = TrialTable.finitePairs(score, acc, drawn);
            for (Correlations.Method m : methods) {
                replicates[m.ordinal()][b] = pairs[0].length < 3 ? Double.NaN : m.apply(pairs[0], pairs[1]);
            }
        }

        List<Estimate> estimates = new ArrayList<>();
        for (Correlations.Method m : methods) {
            double raw = dCount < 2 ? Double.NaN : m.apply(score, accuracy);
            Interval ci = config.bootstrap() == 0 ? Interval.UNDEFINED : Interval.percentile95(replicates[m.ordinal()]);
            double ceiling = ceilings.getOrDefault(m, Double.NaN);
            estimates.add(new Estimate(m, raw, ci, ceiling, ceiled(raw, ceiling)));
        }
        return new Result(estimates, dCount, table.participantCount());
    }

    /** raw / sqrt(ceiling); NaN when the ceiling is not positive. Not clamped. */
    public static double ceiled(double raw, double ceiling) {
        return ceiling > 0 ? raw / Math.sqrt(ceiling) : Double.NaN;
    }
}
