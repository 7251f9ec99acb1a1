package org.ipb.leaderboards.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import org.ipb.leaderboards.board.BenchmarkDefinition;
import org.ipb.leaderboards.board.Leaderboard;
import org.ipb.leaderboards.board.LeaderboardRow;
import org.ipb.leaderboards.stats.Correlations;
import org.ipb.leaderboards.stats.CrossValidatedFit;
import org.ipb.leaderboards.stats.Interval;
import org.ipb.leaderboards.stats.LogisticLapseFit;
import org.ipb.leaderboards.stats.ReliabilityDiagram;
import org.ipb.leaderboards.stats.ScorerValidity;
import org.ipb.leaderboards.stats.SplitHalfCeiling;
import org.ipb.leaderboards.stats.TrialOutcome;
import org.ipb.leaderboards.stats.WilsonInterval;

/**
 * Turns scored entries and human judgments into the leaderboard. Calibration: without enough human
 * data a direction's predicted 2-AFC accuracy is its MIS, itself a probability under the published
 * psychometric slope (alpha = 0.16, Zimmermann, Klindt &amp; Brendel 2024); with at least {@link
 * #MIN_DIRECTIONS} measured directions it is the trial-level logistic fit with lapse (Wichmann
 * &amp; Hill 2001) of human correctness on the direction's MIS. A row's prediction is the mean over
 * its directions with a seeded percentile bootstrap over directions.
 */
public final class BoardAssembly {
    /** Directions with human data needed before the mapping is fitted rather than taken as published. */
    public static final int MIN_DIRECTIONS = 10;
    static final int BOOTSTRAP = 2000;
    /** Scorer measures whose validity is reported (when present). */
    static final List<String> VALIDATED = List.of("mis", "coherence", "selectivity.precision", "sparsity.hoyer",
            "ablation");

    private BoardAssembly() {}

    /**
     * The board. {@code diagrams} (may be null) receives one reliability-diagram PNG per validated
     * scorer when human data exist.
     */
    public static Leaderboard assemble(List<BenchmarkDefinition> defs, BenchmarkDefinition current,
            List<EntryResult> entries, HumanTrials human, Path diagrams) throws java.io.IOException {
        Map<String, Double> mis = new HashMap<>();
        for (EntryResult e : entries) {
            mis.putAll(e.mis());
        }
        boolean hasHuman = human != null && !human.isEmpty();
        TreeSet<String> measured = new TreeSet<>();
        if (hasHuman) {
            human.main().forEach(t -> measured.add(t.direction()));
        }
        DoubleUnaryOperator map = x -> x;
        String calibration = "mis (alpha 0.16, published; Zimmermann, Klindt & Brendel 2024)";
        if (hasHuman && measured.size() >= MIN_DIRECTIONS) {
            // Fit on the standardised score: MIS spans a few hundredths around 0.5, and a slope of
            // order 100 on the raw scale left Newton's method at a degenerate lapse of 0.5.
            double[] all = mis.values().stream().mapToDouble(Double::doubleValue).toArray();
            double mu = mean(all);
            double sd = Math.sqrt(java.util.Arrays.stream(all).map(v -> (v - mu) * (v - mu)).sum()
                    / Math.max(1, all.length - 1));
            double scale = sd > 0 ? sd : 1;
            Map<String, Double> z = new HashMap<>();
            mis.forEach((k, v) -> z.put(k, (v - mu) / scale));
            LogisticLapseFit.Result fit = LogisticLapseFit.fit(human.main(), z);
            map = x -> fit.probability((x - mu) / scale);
            calibration = String.format(java.util.Locale.ROOT, "logistic-lapse fit of mis to %d human trials on %d"
                    + " directions: P = 0.5 + (0.5 - lapse) sigmoid(a + b (mis - %.4g) / %.4g), a %.4g, b %.4g,"
                    + " lapse %.4g", human.main().size(), measured.size(), mu, scale, fit.intercept(), fit.slope(),
                    fit.lapse());
        }
        double ceiling = 1.0;
        String ceilingSource = "no catch trials measured: 1";
        if (human != null && human.catchTrials() > 0) {
            ceiling = human.catchCorrect() / (double) human.catchTrials();
            ceilingSource = "human catch-trial accuracy (" + human.catchCorrect() + "/" + human.catchTrials() + ")";
        }
        List<LeaderboardRow> rows = new ArrayList<>();
        for (EntryResult e : entries) {
            double[] p = e.directionIds().stream().filter(mis::containsKey).mapToDouble(id -> mis.get(id)).map(map)
                    .toArray();
            double mean = mean(p);
            Interval ci = bootstrapMean(p, current.bootstrapSeed() ^ (e.layer() + "/" + e.entry()).hashCode());
            LeaderboardRow.Human h = null;
            if (hasHuman) {
                TreeSet<String> ids = new TreeSet<>(e.directionIds());
                List<TrialOutcome> mine = human.main().stream().filter(t -> ids.contains(t.direction())).toList();
                if (!mine.isEmpty()) {
                    int k = (int) mine.stream().filter(TrialOutcome::correct).count();
                    Interval w = WilsonInterval.of95(k, mine.size());
                    h = new LeaderboardRow.Human(mine.size(), (int) mine.stream().map(TrialOutcome::participant)
                            .distinct().count(), k / (double) mine.size(), w.low(), w.high());
                }
            }
            rows.add(new LeaderboardRow(current.key(), e.entry(), e.entryVersion(), e.kind(), e.description(),
                    e.model(), e.layer(), e.directionIds().size(),
                    new LeaderboardRow.Predicted(mean, ci.low(), ci.high(), calibration), h,
                    new LeaderboardRow.Ceiled(mean, ceiling, mean / ceiling, ceilingSource), e.summaries(),
                    e.ablationAuc(), e.provenance()));
        }
        Leaderboard.Ceiling ceil = null;
        TreeMap<String, Leaderboard.Validity> validity = new TreeMap<>();
        String note = "";
        if (!hasHuman) {
            note = human == null || human.db() == null ? "no study database given: the human columns are empty"
                    : "the study database " + human.db() + " holds no main trials on this benchmark's directions:"
                    + " the human columns are empty";
        } else {
            SplitHalfCeiling.Result sh = SplitHalfCeiling.estimate(human.main(),
                    SplitHalfCeiling.Config.defaults(current.bootstrapSeed()));
            ceil = new Leaderboard.Ceiling(sh.reliability(), sh.ci95().low(), sh.ci95().high(), sh.splitsUsed(),
                    sh.participants(), sh.directions());
            Map<Correlations.Method, Double> ceilings = Map.of(Correlations.Method.PEARSON, sh.reliability(),
                    Correlations.Method.SPEARMAN, sh.reliability(), Correlations.Method.KENDALL_TAU_B,
                    sh.reliability());
            for (String scorer : VALIDATED) {
                Map<String, Double> scores = new HashMap<>();
                for (EntryResult e : entries) {
                    for (var r : e.scores()) {
                        if (r.scorer().equals(scorer) && Double.isFinite(r.score())) {
                            scores.put(r.direction(), r.score());
                        }
                    }
                }
                if (scores.keySet().stream().filter(measured::contains).count() < 3) {
                    continue;
                }
                ScorerValidity.Result v = ScorerValidity.evaluate(human.main(), scores, ceilings,
                        ScorerValidity.Config.defaults(current.bootstrapSeed()));
                List<Leaderboard.Correlation> cs = new ArrayList<>();
                for (ScorerValidity.Estimate est : v.estimates()) {
                    cs.add(new Leaderboard.Correlation(est.method().name().toLowerCase(java.util.Locale.ROOT),
                            est.raw(), est.ci95().low(), est.ci95().high(), est.ceiling(), est.ceiled()));
                }
                CrossValidatedFit.Result cv = CrossValidatedFit.run(CrossValidatedFit.byDirectionScore(human.main(),
                        scores), CrossValidatedFit.logisticLapse(), 5, current.bootstrapSeed());
                String png = null;
                if (diagrams != null) {
                    png = "reliability-" + scorer + ".png";
                    java.nio.file.Files.createDirectories(diagrams);
                    ReliabilityDiagram.of(cv.predicted(), cv.correct(), 10, ReliabilityDiagram.Binning.EQUAL_COUNT)
                            .writePng(diagrams.resolve(png), 640, 480, "Held-out calibration of " + scorer);
                }
                validity.put(scorer, new Leaderboard.Validity(v.directions(), v.participants(), cs,
                        "logistic-lapse, 5-fold by direction", cv.logLikelihoodPerTrial(), cv.brier(), png));
            }
        }
        return new Leaderboard(Leaderboard.KIND, Leaderboard.FORMAT_VERSION, defs, note, ceil, validity, rows);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? Double.NaN : s / x.length;
    }

    /** Percentile 95 % bootstrap interval of the mean, resampling directions (seeded). */
    static Interval bootstrapMean(double[] x, long seed) {
        if (x.length < 2) {
            return new Interval(mean(x), mean(x));
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] reps = new double[BOOTSTRAP];
        for (int b = 0; b < BOOTSTRAP; b++) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += x[rng.nextInt(x.length)];
            }
            reps[b] = s / x.length;
        }
        return Interval.percentile95(reps);
    }
}
