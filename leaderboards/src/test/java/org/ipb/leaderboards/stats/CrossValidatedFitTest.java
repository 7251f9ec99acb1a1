package org.ipb.leaderboards.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.ipb.scorers.mis.MachineInterpretabilityScore;
import org.junit.jupiter.api.Test;

class CrossValidatedFitTest {
    /** Predicts the training folds' accuracy for everything. */
    private static final CrossValidatedFit.Mapping BASE_RATE = new CrossValidatedFit.Mapping() {
        @Override
        public String name() {
            return "base-rate";
        }

        @Override
        public DoubleUnaryOperator fit(double[] predictor, boolean[] correct) {
            int k = 0;
            for (boolean c : correct) {
                k += c ? 1 : 0;
            }
            double rate = (double) k / correct.length;
            return x -> rate;
        }
    };

    private static CrossValidatedFit.Mapping constant(double p) {
        return new CrossValidatedFit.Mapping() {
            @Override
            public String name() {
                return "constant";
            }

            @Override
            public DoubleUnaryOperator fit(double[] predictor, boolean[] correct) {
                return x -> p;
            }
        };
    }

    @Test
    void scoresOfAConstantPredictionKnownAnswer() {
        List<CrossValidatedFit.Observation> obs = List.of(
                new CrossValidatedFit.Observation("a", 0, true), new CrossValidatedFit.Observation("a", 0, false),
                new CrossValidatedFit.Observation("b", 0, true), new CrossValidatedFit.Observation("c", 0, true));
        CrossValidatedFit.Result r = CrossValidatedFit.run(obs, constant(0.8), 2, 1);
        assertEquals((3 * Math.log(0.8) + Math.log(0.2)) / 4, r.logLikelihoodPerTrial(), 1e-15);
        assertEquals((3 * 0.04 + 0.64) / 4, r.brier(), 1e-15);
        CrossValidatedFit.DirectionPrediction a = r.directions().get(0);
        assertEquals("a", a.direction());
        assertEquals(2, a.n());
        assertEquals(0.5, a.observed(), 0);
        assertEquals(0.8, a.predicted(), 1e-15);
    }

    @Test
    void eachDirectionIsPredictedFromTheOtherFoldsOnly() {
        Map<String, Double> scores = Simulated.scores(20, 51);
        List<TrialOutcome> trials = Simulated.trials(scores, 5, 2, 0, 2, 0.05, 52);
        List<CrossValidatedFit.Observation> obs = CrossValidatedFit.byDirectionScore(trials, scores);
        CrossValidatedFit.Result r = CrossValidatedFit.run(obs, BASE_RATE, 4, 7);
        int[] foldSizes = new int[4];
        for (CrossValidatedFit.DirectionPrediction d : r.directions()) {
            foldSizes[d.fold()]++;
            int n = 0;
            int k = 0;
            for (CrossValidatedFit.DirectionPrediction other : r.directions()) {
                if (other.fold() != d.fold()) {
                    n += other.n();
                    k += other.k();
                }
            }
            assertEquals((double) k / n, d.predicted(), 1e-12, d.direction());
        }
        assertEquals(List.of(5, 5, 5, 5), List.of(foldSizes[0], foldSizes[1], foldSizes[2], foldSizes[3]));
        assertEquals(r, CrossValidatedFit.run(obs, BASE_RATE, 4, 7));
        List<Integer> folds7 = r.directions().stream().map(CrossValidatedFit.DirectionPrediction::fold).toList();
        List<Integer> folds8 = CrossValidatedFit.run(obs, BASE_RATE, 4, 8).directions().stream()
                .map(CrossValidatedFit.DirectionPrediction::fold).toList();
        assertNotEquals(folds7, folds8);
    }

    @Test
    void logisticLapseBeatsTheBaseRateOnHeldOutDirections() {
        Map<String, Double> scores = Simulated.scores(30, 61);
        List<TrialOutcome> trials = Simulated.trials(scores, 20, 4, -0.5, 2.5, 0.05, 62);
        List<CrossValidatedFit.Observation> obs = CrossValidatedFit.byDirectionScore(trials, scores);
        CrossValidatedFit.Result fit = CrossValidatedFit.run(obs, CrossValidatedFit.logisticLapse(), 5, 3);
        CrossValidatedFit.Result base = CrossValidatedFit.run(obs, BASE_RATE, 5, 3);
        assertEquals("logistic-lapse", fit.mapping());
        assertTrue(fit.logLikelihoodPerTrial() > base.logLikelihoodPerTrial() + 0.05, fit.logLikelihoodPerTrial() + " vs "
                + base.logLikelihoodPerTrial());
        assertTrue(fit.brier() < base.brier(), fit.brier() + " vs " + base.brier());
        assertEquals(obs.size(), fit.predicted().length);
        for (CrossValidatedFit.DirectionPrediction d : fit.directions()) {
            double truth = LogisticLapseFit.probability(-0.5, 2.5, 0.05, scores.get(d.direction()));
            assertEquals(truth, d.predicted(), 0.08, d.toString());
        }
    }

    @Test
    void misAlphaMappingPredictsFromPerTrialDelta() {
        SplittableRandom rng = new SplittableRandom(71);
        List<CrossValidatedFit.Observation> obs = new ArrayList<>();
        List<Double> truth = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            for (int t = 0; t < 200; t++) {
                double delta = rng.nextDouble() * 4 - 1;
                double p = MachineInterpretabilityScore.sigmoid(0.8 * delta);
                obs.add(new CrossValidatedFit.Observation("d" + d, delta, rng.nextDouble() < p));
                truth.add(p);
            }
        }
        CrossValidatedFit.Result r = CrossValidatedFit.run(obs, CrossValidatedFit.misAlpha(100), 4, 9);
        assertEquals("mis-alpha", r.mapping());
        double[] predicted = r.predicted();
        double maxError = 0;
        for (int i = 0; i < predicted.length; i++) {
            maxError = Math.max(maxError, Math.abs(predicted[i] - truth.get(i)));
        }
        assertTrue(maxError < 0.05, "max error " + maxError);
    }

    @Test
    void rejectsImpossibleFoldCounts() {
        List<CrossValidatedFit.Observation> obs = List.of(new CrossValidatedFit.Observation("a", 0, true),
                new CrossValidatedFit.Observation("b", 0, true));
        assertThrows(IllegalArgumentException.class, () -> CrossValidatedFit.run(obs, BASE_RATE, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> CrossValidatedFit.run(obs, BASE_RATE, 1, 1));
    }
}
