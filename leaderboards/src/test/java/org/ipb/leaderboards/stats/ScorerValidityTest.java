package org.ipb.leaderboards.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorerValidityTest {
    private final Map<String, Double> scores = Simulated.scores(30, 21);
    private final List<TrialOutcome> trials = Simulated.trials(scores, 20, 3, -0.5, 2, 0.05, 22);

    @Test
    void rawCoefficientsAreThoseOfPerDirectionAccuracy() {
        var acc = DirectionAccuracy.byDirection(trials);
        double[] s = acc.keySet().stream().mapToDouble(scores::get).toArray();
        double[] a = acc.values().stream().mapToDouble(DirectionAccuracy::accuracy).toArray();
        ScorerValidity.Result r = ScorerValidity.evaluate(trials, scores, Map.of(), new ScorerValidity.Config(0, 1));
        assertEquals(Correlations.pearson(s, a), r.get(Correlations.Method.PEARSON).raw(), 1e-15);
        assertEquals(Correlations.spearman(s, a), r.get(Correlations.Method.SPEARMAN).raw(), 1e-15);
        assertEquals(Correlations.kendallTauB(s, a), r.get(Correlations.Method.KENDALL_TAU_B).raw(), 1e-15);
        assertEquals(30, r.directions());
        assertEquals(20, r.participants());
        assertTrue(Double.isNaN(r.get(Correlations.Method.PEARSON).ceiled()));
    }

    @Test
    void ceiledIsRawOverRootCeilingWithoutClamping() {
        Map<Correlations.Method, Double> ceilings = new EnumMap<>(Correlations.Method.class);
        ceilings.put(Correlations.Method.PEARSON, 0.64);
        ceilings.put(Correlations.Method.SPEARMAN, 0.0);
        ScorerValidity.Result r = ScorerValidity.evaluate(trials, scores, ceilings, new ScorerValidity.Config(0, 1));
        ScorerValidity.Estimate p = r.get(Correlations.Method.PEARSON);
        assertEquals(0.64, p.ceiling(), 0);
        assertEquals(p.raw() / 0.8, p.ceiled(), 1e-15);
        assertTrue(p.ceiled() > 1, "a strong scorer over a low ceiling is reported above 1: " + p.ceiled());
        assertTrue(Double.isNaN(r.get(Correlations.Method.SPEARMAN).ceiled()));
        assertEquals(0.3 / Math.sqrt(0.81), ScorerValidity.ceiled(0.3, 0.81), 1e-15);
    }

    @Test
    void bootstrapIntervalsAreSeededAndCoverTheEstimate() {
        ScorerValidity.Config c = new ScorerValidity.Config(300, 99);
        ScorerValidity.Result a = ScorerValidity.evaluate(trials, scores, Map.of(), c);
        assertEquals(a, ScorerValidity.evaluate(trials, scores, Map.of(), c));
        ScorerValidity.Result b = ScorerValidity.evaluate(trials, scores, Map.of(), new ScorerValidity.Config(300, 100));
        for (Correlations.Method m : Correlations.Method.values()) {
            ScorerValidity.Estimate e = a.get(m);
            assertTrue(e.ci95().contains(e.raw()), e.toString());
            assertTrue(e.ci95().high() - e.ci95().low() > 0.01, e.toString());
            assertNotEquals(e.ci95(), b.get(m).ci95());
            assertEquals(e.raw(), b.get(m).raw(), 0);
        }
    }

    @Test
    void unscoredDirectionsAreIgnored() {
        Map<String, Double> partial = new HashMap<>(scores);
        partial.remove("d000");
        partial.put("d001", Double.NaN);
        ScorerValidity.Result r = ScorerValidity.evaluate(trials, partial, Map.of(), new ScorerValidity.Config(10, 1));
        assertEquals(28, r.directions());
    }
}
