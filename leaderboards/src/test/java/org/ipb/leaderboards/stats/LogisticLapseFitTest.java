package org.ipb.leaderboards.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogisticLapseFitTest {
    @Test
    void probabilityKnownAnswers() {
        assertEquals(0.7, LogisticLapseFit.probability(0, 1, 0.1, 0), 1e-15);
        assertEquals(0.5, LogisticLapseFit.probability(0, 1, 0.1, -1e6), 1e-15);
        assertEquals(0.9, LogisticLapseFit.probability(0, 1, 0.1, 1e6), 1e-15);
        // a = 0, b = 1, x = ln 3: sigmoid = 0.75, so 0.5 + 0.5 · 0.75.
        assertEquals(0.875, LogisticLapseFit.probability(0, 1, 0, Math.log(3)), 1e-15);
    }

    @Test
    void analyticGradientAndHessianMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] x = new double[200];
        boolean[] y = new boolean[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() * 4 - 2;
            y[i] = rng.nextDouble() < LogisticLapseFit.probability(0.3, 1.5, 0.1, x[i]);
        }
        double[] theta = {0.2, 1.1, 0.07};
        double[] g = new double[3];
        double[][] h = new double[3][3];
        LogisticLapseFit.evaluate(x, y, theta, g, h);
        double eps = 1e-6;
        for (int i = 0; i < 3; i++) {
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[i] += eps;
            down[i] -= eps;
            double num = (LogisticLapseFit.evaluate(x, y, up, null, null)
                    - LogisticLapseFit.evaluate(x, y, down, null, null)) / (2 * eps);
            assertEquals(num, g[i], 1e-5 * Math.max(1, Math.abs(num)));
            double[] gu = new double[3];
            double[] gd = new double[3];
            LogisticLapseFit.evaluate(x, y, up, gu, new double[3][3]);
            LogisticLapseFit.evaluate(x, y, down, gd, new double[3][3]);
            for (int j = 0; j < 3; j++) {
                double hn = (gu[j] - gd[j]) / (2 * eps);
                assertEquals(hn, h[j][i], 1e-4 * Math.max(1, Math.abs(hn)));
            }
        }
    }

    @Test
    void recoversKnownParametersFromSimulatedTrials() {
        Map<String, Double> scores = Simulated.scores(60, 31);
        List<TrialOutcome> trials = Simulated.trials(scores, 50, 8, -0.5, 2.0, 0.08, 32); // 24 000 trials
        LogisticLapseFit.Result r = LogisticLapseFit.fit(trials, scores);
        assertTrue(r.converged(), r.toString());
        assertEquals(24000, r.trials());
        // Within 3 standard errors of the truth, and the standard errors are small.
        assertEquals(-0.5, r.intercept(), 3 * r.interceptSe(), r.toString());
        assertEquals(2.0, r.slope(), 3 * r.slopeSe(), r.toString());
        assertEquals(0.08, r.lapse(), 3 * r.lapseSe(), r.toString());
        assertTrue(r.slopeSe() < 0.3 && r.lapseSe() < 0.02, r.toString());
        assertEquals(LogisticLapseFit.probability(r.intercept(), r.slope(), r.lapse(), 0.7), r.probability(0.7), 0);
    }

    @Test
    void lapseStaysOnItsLowerBoundWhenTheDataHaveNoLapses() {
        // Simulated without lapses: the best lapse is at or near 0 and must never go negative.
        Map<String, Double> scores = Simulated.scores(40, 41);
        List<TrialOutcome> trials = Simulated.trials(scores, 40, 10, 0.5, 3.0, 0.0, 42);
        LogisticLapseFit.Result r = LogisticLapseFit.fit(trials, scores);
        assertTrue(r.lapse() >= 0 && r.lapse() < 0.03, r.toString());
        if (r.lapseAtBound()) {
            assertTrue(Double.isNaN(r.lapseSe()));
            assertTrue(r.converged(), r.toString());
        }
    }

    @Test
    void fitIsDeterministicAndChecksInput() {
        double[] x = {-1, 0, 1, 2, 3, -2};
        boolean[] y = {false, true, true, true, true, true};
        assertEquals(LogisticLapseFit.fit(x, y), LogisticLapseFit.fit(x, y));
        assertThrows(IllegalArgumentException.class, () -> LogisticLapseFit.fit(new double[0], new boolean[0]));
        assertThrows(IllegalArgumentException.class, () -> LogisticLapseFit.fit(new double[] {Double.NaN}, new boolean[] {true}));
    }
}
