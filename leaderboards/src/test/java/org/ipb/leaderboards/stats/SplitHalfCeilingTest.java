package org.ipb.leaderboards.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitHalfCeilingTest {
    private static void add(List<TrialOutcome> out, String participant, String direction, boolean... answers) {
        for (boolean a : answers) {
            out.add(new TrialOutcome(participant, direction, a));
        }
    }

    @Test
    void twoParticipantsGiveTheirCorrelationSpearmanBrownCorrected() {
        // With two participants every split puts one in each half, so each split sees the same pair of
        // accuracy vectors: p1 = (1, .5, .5, 0), p2 = (1, 1, .5, 0); r = 0.5 / sqrt(0.5 · 0.6875).
        List<TrialOutcome> t = new ArrayList<>();
        add(t, "p1", "a", true, true);
        add(t, "p1", "b", true, false);
        add(t, "p1", "c", false, true);
        add(t, "p1", "d", false, false);
        add(t, "p2", "a", true, true);
        add(t, "p2", "b", true, true);
        add(t, "p2", "c", true, false);
        add(t, "p2", "d", false, false);
        SplitHalfCeiling.Result r = SplitHalfCeiling.estimate(t,
                new SplitHalfCeiling.Config(10, 0, 1, Correlations.Method.PEARSON, 1));
        double half = 0.5 / Math.sqrt(0.5 * 0.6875);
        assertEquals(half, r.meanHalfCorrelation(), 1e-12);
        assertEquals(2 * half / (1 + half), r.reliability(), 1e-12);
        assertEquals(10, r.splitsUsed());
        assertEquals(2, r.participants());
        assertEquals(4, r.directions());
        assertTrue(Double.isNaN(r.ci95().low()));
    }

    @Test
    void reliableDataHaveAHighCeilingAndNoiseALowOne() {
        Map<String, Double> scores = Simulated.scores(40, 3);
        List<TrialOutcome> signal = Simulated.trials(scores, 30, 4, -0.5, 2.5, 0.02, 4);
        SplitHalfCeiling.Result high = SplitHalfCeiling.estimate(signal, new SplitHalfCeiling.Config(50, 200, 10,
                Correlations.Method.PEARSON, 5));
        assertTrue(high.reliability() > 0.8, "reliability " + high.reliability());
        assertTrue(high.reliability() > high.meanHalfCorrelation());
        assertTrue(high.ci95().low() < high.reliability() && high.reliability() < high.ci95().high(), high.toString());

        // Every direction at the same true accuracy: the halves agree only by chance.
        List<TrialOutcome> noise = Simulated.trials(scores, 30, 4, 1, 0, 0.1, 4);
        SplitHalfCeiling.Result low = SplitHalfCeiling.estimate(noise, new SplitHalfCeiling.Config(50, 200, 10,
                Correlations.Method.SPEARMAN, 5));
        assertTrue(Math.abs(low.reliability()) < 0.4, "reliability " + low.reliability());
        assertTrue(low.ci95().contains(0), low.toString());
    }

    @Test
    void sameSeedSameResultOtherSeedOtherInterval() {
        Map<String, Double> scores = Simulated.scores(20, 11);
        List<TrialOutcome> trials = Simulated.trials(scores, 12, 3, 0, 2, 0.05, 12);
        SplitHalfCeiling.Config c = new SplitHalfCeiling.Config(30, 100, 5, Correlations.Method.PEARSON, 42);
        SplitHalfCeiling.Result a = SplitHalfCeiling.estimate(trials, c);
        // Input order does not matter: participants and directions are indexed in sorted order.
        List<TrialOutcome> reversed = new ArrayList<>(trials);
        java.util.Collections.reverse(reversed);
        assertEquals(a, SplitHalfCeiling.estimate(reversed, c));
        SplitHalfCeiling.Result b = SplitHalfCeiling.estimate(trials,
                new SplitHalfCeiling.Config(30, 100, 5, Correlations.Method.PEARSON, 43));
        assertNotEquals(a.ci95(), b.ci95());
    }

    @Test
    void directionsMissingFromAHalfAreDropped() {
        List<TrialOutcome> t = new ArrayList<>();
        add(t, "p1", "a", true);
        add(t, "p1", "b", false);
        add(t, "p1", "c", true, false);
        add(t, "p1", "only1", true);
        add(t, "p2", "a", true);
        add(t, "p2", "b", false);
        add(t, "p2", "c", true, true);
        SplitHalfCeiling.Result r = SplitHalfCeiling.estimate(t,
                new SplitHalfCeiling.Config(4, 0, 1, Correlations.Method.PEARSON, 1));
        // Shared directions a, b, c: (1, 0, .5) vs (1, 0, 1).
        double half = Correlations.pearson(new double[] {1, 0, 0.5}, new double[] {1, 0, 1});
        assertEquals(Correlations.spearmanBrown(half), r.reliability(), 1e-12);
    }

    @Test
    void rejectsKendallAndSingleParticipants() {
        assertThrows(IllegalArgumentException.class,
                () -> new SplitHalfCeiling.Config(1, 0, 1, Correlations.Method.KENDALL_TAU_B, 1));
        assertThrows(IllegalArgumentException.class, () -> SplitHalfCeiling.estimate(
                List.of(new TrialOutcome("p", "d", true)), SplitHalfCeiling.Config.defaults(1)));
    }
}
