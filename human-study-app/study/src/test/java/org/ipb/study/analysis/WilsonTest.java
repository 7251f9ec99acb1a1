package org.ipb.study.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ipb.study.store.Judgment;
import org.junit.jupiter.api.Test;

class WilsonTest {
    @Test
    void knownAnswers() {
        // 8/10: centre (0.8 + 1.9208/10)/1.38415 = 0.71672; the textbook interval is [0.4902, 0.9433].
        assertArrayEquals(new double[] {0.4902, 0.9433}, Wilson.interval95(8, 10), 5e-5);
        // 0/5: [0, z²/(n+z²)] = [0, 3.8415/8.8415] = [0, 0.4345]
        assertArrayEquals(new double[] {0.0, 0.4345}, Wilson.interval95(0, 5), 5e-5);
        // 5/5: symmetric
        assertArrayEquals(new double[] {0.5655, 1.0}, Wilson.interval95(5, 5), 5e-5);
        // 1/2: symmetric around 0.5: half-width z/(1+z²/2) * sqrt(1/8 + z²/16) = 0.4055
        assertArrayEquals(new double[] {0.0945, 0.9055}, Wilson.interval95(1, 2), 5e-5);
        assertTrue(Double.isNaN(Wilson.interval95(0, 0)[0]));
    }

    @Test
    void summaryCountsMainNonCatchTrialsOnly() {
        List<Judgment> js = List.of(
                j("p1", 0, "main", false, true, 1.0), j("p1", 1, "main", false, false, 3.0),
                j("p2", 0, "main", false, true, 2.0), j("p2", 1, "main", true, false, 9.0),
                j("p2", 2, "practice", false, false, 9.0), j("p2", 3, "catch", false, false, 9.0));
        List<Summary.Row> rows = Summary.compute(js, List.of("reference"));
        assertEquals(1, rows.size());
        Summary.Row r = rows.get(0);
        assertEquals(List.of("natural"), r.keys());
        assertEquals(3, r.nTrials());
        assertEquals(2, r.nParticipants());
        assertEquals(2.0 / 3, r.accuracy(), 1e-12);
        assertEquals((0.5 + 1.0) / 2, r.accuracyParticipantMean(), 1e-12);
        assertEquals(2.0, r.medianRtS(), 1e-12);
        assertArrayEquals(Wilson.interval95(2, 3), new double[] {r.ciLow(), r.ciHigh()}, 1e-12);
        assertEquals(2, Summary.compute(js, List.of("participant", "reference")).size());
    }

    private static Judgment j(String p, int t, String type, boolean isCatch, boolean correct, double rt) {
        return new Judgment("s", p, "x", "app", t, 0, type, isCatch, "d", "l", "c", "natural", "a", "b", "a",
                correct ? "a" : "b", correct, 1, rt, null);
    }
}
