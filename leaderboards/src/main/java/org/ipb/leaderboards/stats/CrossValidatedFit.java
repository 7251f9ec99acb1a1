package org.ipb.leaderboards.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import org.ipb.scorers.mis.AlphaFit;
import org.ipb.scorers.mis.MachineInterpretabilityScore;

/**
 * k-fold cross-validation, by direction, of a psychometric mapping from a per-trial predictor to
 * P(correct): every direction's trials are predicted by a mapping fitted on the other folds only, so
 * the held-out scores measure how well the mapping transfers to directions it has not seen (the
 * question a leaderboard asks of a scorer), not how well it fits.
 *
 * <p>Folds: the distinct directions, in sorted order, are shuffled with the seed and dealt round-robin
 * into k folds. Reported on the held-out predictions: the mean log-likelihood per trial (natural
 * log; predictions clipped to [1e-12, 1 − 1e-12] so that a mapping fitted at an infinite slope gives
 * a large finite penalty instead of −∞), the Brier score (Brier 1950, Monthly Weather Review 78(1):
 * mean of (ψ − y)²), and per direction the observed accuracy against the mean predicted P(correct).
 */
public final class CrossValidatedFit {
    private static final double CLIP = 1e-12;

    /** One trial: its direction, the predictor the mapping sees, and the response. */
    public record Observation(String direction, double predictor, boolean correct) {}

    /** A psychometric mapping: fitted on trials, it returns ψ(predictor). */
    public interface Mapping {
        String name();

        DoubleUnaryOperator fit(double[] predictor, boolean[] correct);
    }

    /** {@link LogisticLapseFit}: predictor is the direction's score. */
    public static Mapping logisticLapse() {
        return new Mapping() {
            @Override
            public String name() {
                return "logistic-lapse";
            }

            @Override
            public DoubleUnaryOperator fit(double[] predictor, boolean[] correct) {
                return LogisticLapseFit.fit(predictor, correct)::probability;
            }
        };
    }

    /**
     * The MIS link P(correct) = sigmoid(α·delta) with α fitted by {@link AlphaFit}: predictor is the
     * task's delta (Zimmermann, Klindt &amp; Brendel 2024).
     *
     * @param maxAlpha cap on α for separable training folds
     */
    public static Mapping misAlpha(double maxAlpha) {
        return new Mapping() {
            @Override
            public String name() {
                return "mis-alpha";
            }

            @Override
            public DoubleUnaryOperator fit(double[] predictor, boolean[] correct) {
                double alpha = AlphaFit.fit(predictor, correct, maxAlpha).alpha();
                return d -> MachineInterpretabilityScore.sigmoid(alpha * d);
            }
        };
    }

    /**
     * Held-out prediction for one direction.
     *
     * @param observed k/n
     * @param predicted mean held-out ψ over its trials
     */
    public record DirectionPrediction(String direction, int fold, int n, int k, double observed, double predicted) {}

    /**
     * @param logLikelihoodPerTrial mean held-out log-likelihood per trial
     * @param brier mean held-out (ψ − y)²
     * @param directions per-direction held-out predictions, sorted by direction
     * @param predicted held-out ψ per trial, in input order (a copy)
     * @param correct responses per trial, in input order (a copy)
     */
    public record Result(String mapping, int folds, int trials, double logLikelihoodPerTrial, double brier,
            List<DirectionPrediction> directions, double[] predicted, boolean[] correct) {
        public Result {
            directions = List.copyOf(directions);
            predicted = predicted.clone();
            correct = correct.clone();
        }

        @Override
        public double[] predicted() {
            return predicted.clone();
        }

        @Override
        public boolean[] correct() {
            return correct.clone();
        }

        /** Equal when every component is, arrays compared by content. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && mapping.equals(r.mapping) && folds == r.folds && trials == r.trials
                    && Double.compare(logLikelihoodPerTrial, r.logLikelihoodPerTrial) == 0
                    && Double.compare(brier, r.brier) == 0 && directions.equals(r.directions)
                    && Arrays.equals(predicted, r.predicted) && Arrays.equals(correct, r.correct);
        }

        @Override
        public int hashCode() {
            return Objects.hash(mapping, folds, trials, logLikelihoodPerTrial, brier, directions,
                    Arrays.hashCode(predicted), Arrays.hashCode(correct));
        }

        @Override
        public String toString() {
            return "Result[mapping=" + mapping + ", folds=" + folds + ", trials=" + trials + ", logLikelihoodPerTrial="
                    + logLikelihoodPerTrial + ", brier=" + brier + ", directions=" + directions.size() + "]";
        }
    }

    private CrossValidatedFit() {}

    /** Observations whose predictor is the direction's score; trials of unscored directions are skipped. */
    public static List<Observation> byDirectionScore(Collection<TrialOutcome> trials, Map<String, Double> scores) {
        List<Observation> out = new ArrayList<>();
        for (TrialOutcome t : trials) {
            Double s = scores.get(t.direction());
            if (s != null && Double.isFinite(s)) {
                out.add(new Observation(t.direction(), s, t.correct()));
            }
        }
        return out;
    }

    /**
     * Runs k-fold cross-validation.
     *
     * @throws IllegalArgumentException unless 2 <= folds <= number of directions
     */
    public static Result run(List<Observation> observations, Mapping mapping, int folds, long seed) {
        List<String> directions = new ArrayList<>(new TreeSet<>(observations.stream().map(Observation::direction).toList()));
        if (folds < 2 || folds > directions.size()) {
            throw new IllegalArgumentException("need 2 <= folds <= directions (" + directions.size() + "), got " + folds);
        }
        int[] order = new int[directions.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        TrialTable.shuffle(order, new SplittableRandom(seed));
        Map<String, Integer> foldOf = new TreeMap<>();
        for (int i = 0; i < order.length; i++) {
            foldOf.put(directions.get(order[i]), i % folds);
        }

        int n = observations.size();
        double[] predicted = new double[n];
        boolean[] correct = new boolean[n];
        for (int f = 0; f < folds; f++) {
            List<Observation> train = new ArrayList<>();
            for (Observation o : observations) {
                if (foldOf.get(o.direction()) != f) {
                    train.add(o);
                }
            }
            double[] x = new double[train.size()];
            boolean[] y = new boolean[train.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = train.get(i).predictor();
                y[i] = train.get(i).correct();
            }
            DoubleUnaryOperator psi = mapping.fit(x, y);
            for (int i = 0; i < n; i++) {
                Observation o = observations.get(i);
                if (foldOf.get(o.direction()) == f) {
                    predicted[i] = psi.applyAsDouble(o.predictor());
                    correct[i] = o.correct();
                }
            }
        }

        double ll = 0;
        double brier = 0;
        TreeMap<String, double[]> perDirection = new TreeMap<>(); // {n, k, Σψ}
        for (int i = 0; i < n; i++) {
            double p = Math.min(1 - CLIP, Math.max(CLIP, predicted[i]));
            ll += correct[i] ? Math.log(p) : Math.log(1 - p);
            double err = predicted[i] - (correct[i] ? 1 : 0);
            brier += err * err;
            double[] acc = perDirection.computeIfAbsent(observations.get(i).direction(), d -> new double[3]);
            acc[0]++;
            acc[1] += correct[i] ? 1 : 0;
            acc[2] += predicted[i];
        }
        List<DirectionPrediction> rows = new ArrayList<>();
        perDirection.forEach((d, acc) -> rows.add(new DirectionPrediction(d, foldOf.get(d), (int) acc[0], (int) acc[1],
                acc[1] / acc[0], acc[2] / acc[0])));
        return new Result(mapping.name(), folds, n, ll / n, brier / n, rows, predicted, correct);
    }
}
