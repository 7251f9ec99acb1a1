package org.ipb.leaderboards.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
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
 * Turns scored entries and human judgments into the leaderboard.
 *
 * <p><b>Headline.</b> A direction's headline score is its hard MIS, the machine observer's 2-AFC
 * accuracy (Zimmermann, Klindt &amp; Brendel 2024). Without a valid calibration for its layer the
 * row's headline is that score's mean over directions, labelled {@value
 * LeaderboardRow.Headline#MACHINE}: it is never called a human accuracy. A calibration is the
 * trial-level logistic psychometric function with lapse (2AFC, Wichmann &amp; Hill 2001) of human
 * correctness on the standardised score, fitted on human trials only; it is accepted when it has
 * at least {@link #MIN_DIRECTIONS} measured directions, a positive slope below {@link #MAX_SLOPE}
 * (per standard deviation of the score), a lapse below its bound, and a 5-fold (by direction)
 * held-out log-likelihood better than a constant-accuracy model's. It is fitted per layer where
 * the layer has enough measured directions, else pooled over the layers' measured directions and
 * applied to a layer only with a calibration string that says so. Intervals: seeded percentile
 * bootstrap over directions.
 *
 * <p><b>Ceilings.</b> Only where measured: the catch-trial ceiling (human accuracy when the answer
 * is among the references) ceils a predicted human accuracy; the split-half reliability ceiling
 * (Spearman-Brown) ceils a correlation with human accuracy.
 *
 * <p><b>Comparisons.</b> Per layer, each entry's mean hard MIS minus the basis (single units) and
 * minus random directions, with an unpaired two-sample bootstrap interval ({@link #difference}).
 */
public final class BoardAssembly {
    /** Directions with human data a calibration needs. */
    public static final int MIN_DIRECTIONS = 10;
    /**
     * Largest accepted slope per standard deviation of the score: beyond it the fit is a step
     * function through a handful of trials (the degenerate fit of issue 11 had -460).
     */
    static final double MAX_SLOPE = 20;
    static final int BOOTSTRAP = 2000;
    /** Scorer measures whose validity is reported (when present). */
    static final List<String> VALIDATED = List.of("mis", "mis.delta", "coherence", "selectivity.precision",
            "sparsity.hoyer", "ablation");
    /** Reference entries of the comparisons: single units, and random directions. */
    static final List<String> REFERENCES = List.of("basis", "random");

    private BoardAssembly() {}

    /** A calibration of one layer (or pooled), or why there is none. */
    record Calibration(DoubleUnaryOperator map, String description) {}

    /**
     * The board. {@code diagrams} (may be null) receives one reliability-diagram PNG per validated
     * scorer when human data exist.
     */
    public static Leaderboard assemble(List<BenchmarkDefinition> defs, BenchmarkDefinition current,
            List<EntryResult> entries, HumanTrials human, Path diagrams) throws java.io.IOException {
        Map<String, Double> mis = new HashMap<>();
        Map<String, String> layerOf = new HashMap<>();
        for (EntryResult e : entries) {
            mis.putAll(e.mis());
            e.directionIds().forEach(id -> layerOf.put(id, e.layer()));
        }
        boolean hasHuman = human != null && !human.isEmpty();
        TreeSet<String> measured = new TreeSet<>();
        if (hasHuman) {
            human.main().forEach(t -> measured.add(t.direction()));
        }
        List<String> notes = new ArrayList<>();
        Map<String, Calibration> calibrations = hasHuman
                ? calibrate(entries, mis, layerOf, human, current.bootstrapSeed(), notes) : Map.of();
        List<LeaderboardRow> rows = new ArrayList<>();
        for (EntryResult e : entries) {
            Calibration cal = calibrations.get(e.layer());
            DoubleUnaryOperator map = cal == null ? x -> x : cal.map();
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
            LeaderboardRow.Headline headline = cal == null
                    ? new LeaderboardRow.Headline(LeaderboardRow.Headline.MACHINE, mean, ci.low(), ci.high(),
                            "none: mean hard MIS (fraction of tasks the observer " + current.observer()
                                    + " decides correctly)")
                    : new LeaderboardRow.Headline(LeaderboardRow.Headline.PREDICTED_HUMAN, mean, ci.low(), ci.high(),
                            cal.description());
            LeaderboardRow.Ceiled ceiled = null;
            if (cal != null && human.catchTrials() > 0) {
                double ceiling = human.catchCorrect() / (double) human.catchTrials();
                ceiled = new LeaderboardRow.Ceiled(mean, ceiling, mean / ceiling, "catch-trial ceiling ("
                        + human.catchCorrect() + "/" + human.catchTrials() + " catch trials correct)");
            }
            rows.add(new LeaderboardRow(current.key(), e.entry(), e.entryVersion(), e.kind(), e.description(),
                    e.model(), e.layer(), e.directionIds().size(), headline, h, ceiled, e.summaries(),
                    e.ablationAuc(), e.provenance()));
        }
        List<Leaderboard.Comparison> comparisons = comparisons(current, entries);
        Leaderboard.Ceiling ceil = null;
        TreeMap<String, Leaderboard.Validity> validity = new TreeMap<>();
        String note = "";
        int simulated = human == null ? 0 : human.simulatedIgnored();
        if (!hasHuman) {
            if (human == null || human.db() == null) {
                note = "no study database given: the human columns are empty";
            } else if (simulated > 0) {
                note = "the study database " + human.db() + " holds only simulated responses (" + simulated
                        + ") on this benchmark's directions: they never count as human data; not calibrating, the"
                        + " human columns are empty";
            } else {
                note = "the study database " + human.db() + " holds no main trials on this benchmark's directions:"
                        + " the human columns are empty";
            }
        } else if (human.main().stream().map(TrialOutcome::participant).distinct().count() < 2) {
            note = "";
            notes.add("Split-half reliability ceiling and scorer validity not measured: one participant only.");
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
        String calibrationNote = !hasHuman ? "no calibration: there are no human data; every headline is the"
                + " uncalibrated machine 2-AFC accuracy" : String.join(" ", notes);
        return new Leaderboard(Leaderboard.KIND, Leaderboard.FORMAT_VERSION, defs, note, simulated, calibrationNote,
                ceil, validity, comparisons, findings(entries, comparisons), rows);
    }

    /**
     * Per layer the accepted calibration; layers without one are left out and {@code notes} says
     * why. Fits are on the z-scored hard MIS of the fitted directions.
     */
    static Map<String, Calibration> calibrate(List<EntryResult> entries, Map<String, Double> mis,
            Map<String, String> layerOf, HumanTrials human, long seed, List<String> notes) {
        TreeSet<String> layers = new TreeSet<>();
        entries.forEach(e -> layers.add(e.layer()));
        Map<String, Calibration> out = new TreeMap<>();
        List<String> without = new ArrayList<>();
        for (String layer : layers) {
            List<TrialOutcome> trials = human.main().stream().filter(t -> layer.equals(layerOf.get(t.direction())))
                    .toList();
            long dirs = trials.stream().map(TrialOutcome::direction).distinct().count();
            if (dirs < MIN_DIRECTIONS) {
                without.add(layer);
                if (dirs > 0) {
                    notes.add(layer + ": " + dirs + " measured directions, fewer than the " + MIN_DIRECTIONS
                            + " a fit of its own needs.");
                }
                continue;
            }
            String[] why = new String[1];
            Calibration c = fit(trials, mis, "per-layer fit on " + layer, seed, why);
            if (c == null) {
                notes.add(layer + ": calibration refused (" + why[0] + ").");
                without.add(layer);
            } else {
                out.put(layer, c);
            }
        }
        if (!without.isEmpty()) {
            long pooledDirs = human.main().stream().map(TrialOutcome::direction).filter(layerOf::containsKey)
                    .distinct().count();
            if (pooledDirs >= MIN_DIRECTIONS) {
                String[] why = new String[1];
                TreeSet<String> measuredLayers = new TreeSet<>();
                human.main().forEach(t -> {
                    if (layerOf.containsKey(t.direction())) {
                        measuredLayers.add(layerOf.get(t.direction()));
                    }
                });
                Calibration pooled = fit(human.main(), mis, "pooled fit on the measured directions of layers "
                        + String.join(", ", measuredLayers), seed, why);
                if (pooled == null) {
                    notes.add("Pooled calibration refused (" + why[0] + "): " + String.join(", ", without)
                            + " stay uncalibrated.");
                } else {
                    for (String layer : without) {
                        out.put(layer, new Calibration(pooled.map(), pooled.description() + "; carried to " + layer
                                + ", which has too few measured directions or a refused fit of its own"));
                    }
                    notes.add("Layers " + String.join(", ", without) + " use the pooled fit (held-out check passed).");
                }
            } else {
                notes.add(String.join(", ", without) + " stay uncalibrated: " + pooledDirs
                        + " measured directions in all, fewer than " + MIN_DIRECTIONS + ".");
            }
        }
        return out;
    }

    /**
     * The logistic-lapse fit of correctness on the z-scored score of {@code trials}' directions, or
     * null with the reason in {@code why[0]} when it is degenerate or does not beat a constant
     * accuracy out of sample.
     */
    static Calibration fit(List<TrialOutcome> trials, Map<String, Double> mis, String scope, long seed, String[] why) {
        double[] x = trials.stream().map(TrialOutcome::direction).distinct().filter(mis::containsKey)
                .mapToDouble(mis::get).toArray();
        double mu = mean(x);
        double sd = Math.sqrt(java.util.Arrays.stream(x).map(v -> (v - mu) * (v - mu)).sum()
                / Math.max(1, x.length - 1));
        if (!(sd > 0)) {
            why[0] = "the score is the same for every measured direction";
            return null;
        }
        Map<String, Double> z = new HashMap<>();
        mis.forEach((k, v) -> z.put(k, (v - mu) / sd));
        LogisticLapseFit.Result f = LogisticLapseFit.fit(trials, z);
        if (!(f.slope() > 0) || !Double.isFinite(f.slope())) {
            why[0] = String.format(java.util.Locale.ROOT, "slope %.4g is not positive", f.slope());
            return null;
        }
        if (f.slope() >= MAX_SLOPE) {
            why[0] = String.format(java.util.Locale.ROOT, "slope %.4g per SD is a step function", f.slope());
            return null;
        }
        if (f.lapse() >= LogisticLapseFit.MAX_LAPSE - 1e-3) {
            why[0] = "lapse at its bound 0.5 (no relation to the score)";
            return null;
        }
        List<CrossValidatedFit.Observation> obs = CrossValidatedFit.byDirectionScore(trials, z);
        long dirs = obs.stream().map(CrossValidatedFit.Observation::direction).distinct().count();
        int folds = (int) Math.min(5, dirs);
        double heldOut = CrossValidatedFit.run(obs, CrossValidatedFit.logisticLapse(), folds, seed)
                .logLikelihoodPerTrial();
        double constant = CrossValidatedFit.run(obs, CONSTANT, folds, seed).logLikelihoodPerTrial();
        if (!(heldOut > constant)) {
            why[0] = String.format(java.util.Locale.ROOT, "held-out log-likelihood %.4f per trial does not beat a"
                    + " constant accuracy's %.4f", heldOut, constant);
            return null;
        }
        String d = String.format(java.util.Locale.ROOT, "%s: logistic-lapse fit to %d human trials on %d directions:"
                + " P = 0.5 + (0.5 - lapse) sigmoid(a + b (mis - %.4g) / %.4g), a %.4g, b %.4g, lapse %.4g;"
                + " %d-fold held-out log-likelihood %.4f per trial vs %.4f for a constant accuracy", scope,
                f.trials(), dirs, mu, sd, f.intercept(), f.slope(), f.lapse(), folds, heldOut, constant);
        return new Calibration(v -> f.probability((v - mu) / sd), d);
    }

    /** A constant accuracy (the fold's mean), the baseline a calibration must beat out of sample. */
    static final CrossValidatedFit.Mapping CONSTANT = new CrossValidatedFit.Mapping() {
        @Override
        public String name() {
            return "constant";
        }

        @Override
        public DoubleUnaryOperator fit(double[] predictor, boolean[] correct) {
            double k = 0.5; // add-one smoothing keeps log(0) out of a fold with all correct
            for (boolean c : correct) {
                k += c ? 1 : 0;
            }
            double p = k / (correct.length + 1);
            return x -> p;
        }
    };

    /** Every scored direction of the entries, with each measure's value, in entry order. */
    public static List<org.ipb.leaderboards.board.DirectionScore> directionScores(BenchmarkDefinition def,
            List<EntryResult> entries) {
        List<org.ipb.leaderboards.board.DirectionScore> out = new ArrayList<>();
        for (EntryResult e : entries) {
            Map<String, TreeMap<String, Double>> by = new java.util.LinkedHashMap<>();
            e.directionIds().forEach(id -> by.put(id, new TreeMap<>()));
            for (var r : e.scores()) {
                TreeMap<String, Double> m = by.get(r.direction());
                if (m != null && Double.isFinite(r.score())) {
                    m.put(r.scorer(), r.score());
                }
            }
            String bench = e.provenance().benchmark() != null ? e.provenance().benchmark() : def.key();
            by.forEach((id, m) -> out.add(new org.ipb.leaderboards.board.DirectionScore(bench, e.model(), e.layer(),
                    e.entry(), e.entryVersion(), id, m)));
        }
        return out;
    }

    /** Every entry against basis and random of its layer (not against itself). */
    static List<Leaderboard.Comparison> comparisons(BenchmarkDefinition def, List<EntryResult> entries) {
        List<Leaderboard.Comparison> out = new ArrayList<>();
        for (EntryResult e : entries) {
            for (String ref : REFERENCES) {
                EntryResult r = entries.stream().filter(x -> x.layer().equals(e.layer()) && x.model().equals(e.model())
                        && x.entry().equals(ref) && x.kind().equals("builtin")).findFirst().orElse(null);
                if (r == null || r == e) {
                    continue;
                }
                double[] a = scores(e);
                double[] b = scores(r);
                if (a.length == 0 || b.length == 0) {
                    continue;
                }
                Interval ci = difference(a, b, def.bootstrapSeed() ^ (e.layer() + "/" + e.entry() + "/" + e.entryVersion()
                        + "-" + ref).hashCode());
                out.add(new Leaderboard.Comparison(def.key(), e.model(), e.layer(), e.entry(), e.entryVersion(), ref,
                        mean(a) - mean(b), ci.low(), ci.high(), a.length, b.length));
            }
        }
        out.sort(java.util.Comparator.comparing((Leaderboard.Comparison c) -> c.model() + "\u0000" + c.layer()
                + "\u0000" + c.versus() + "\u0000" + c.entry() + "\u0000" + String.format("%06d", c.entryVersion())));
        return out;
    }

    private static double[] scores(EntryResult e) {
        return e.directionIds().stream().filter(e.mis()::containsKey).mapToDouble(id -> e.mis().get(id)).toArray();
    }

    /**
     * Percentile 95 % interval of mean(a) - mean(b) by an unpaired two-sample bootstrap: each
     * replicate resamples a and b independently with replacement ({@value #BOOTSTRAP} replicates,
     * seeded; a first, then b, from one stream).
     */
    static Interval difference(double[] a, double[] b, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] reps = new double[BOOTSTRAP];
        for (int r = 0; r < BOOTSTRAP; r++) {
            double sa = 0;
            for (int i = 0; i < a.length; i++) {
                sa += a[rng.nextInt(a.length)];
            }
            double sb = 0;
            for (int i = 0; i < b.length; i++) {
                sb += b[rng.nextInt(b.length)];
            }
            reps[r] = sa / a.length - sb / b.length;
        }
        return Interval.percentile95(reps);
    }

    /** One sentence per model layer: which entries beat single units, which match them, which fall below. */
    static SortedMap<String, String> findings(List<EntryResult> entries, List<Leaderboard.Comparison> cs) {
        SortedMap<String, String> out = new TreeMap<>();
        TreeSet<String> layers = new TreeSet<>();
        for (Leaderboard.Comparison c : cs) {
            layers.add(c.model() + ":" + c.layer());
        }
        for (String ml : layers) {
            List<String> above = new ArrayList<>();
            List<String> same = new ArrayList<>();
            List<String> below = new ArrayList<>();
            int units = 0;
            for (Leaderboard.Comparison c : cs) {
                if (!(c.model() + ":" + c.layer()).equals(ml) || !c.versus().equals("basis")) {
                    continue;
                }
                units = c.nVersus();
                String name = c.entryVersion() == 0 ? c.entry() : c.entry() + " v" + c.entryVersion();
                (c.ciLow() > 0 ? above : c.ciHigh() < 0 ? below : same).add(name);
            }
            StringBuilder sb = new StringBuilder(ml + " (hard MIS against all " + units + " single units): ");
            sb.append(above.isEmpty() ? "no method beats single units" : String.join(", ", above) + " beat"
                    + (above.size() == 1 ? "s" : "") + " single units");
            if (!same.isEmpty()) {
                sb.append("; indistinguishable from units: ").append(String.join(", ", same));
            }
            if (!below.isEmpty()) {
                sb.append("; below units: ").append(String.join(", ", below));
            }
            sb.append(" (95 % bootstrap intervals of the difference in mean hard MIS).");
            out.put(ml, sb.toString());
        }
        return out;
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
