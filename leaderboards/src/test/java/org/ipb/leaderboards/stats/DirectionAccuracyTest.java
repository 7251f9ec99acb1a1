package org.ipb.leaderboards.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class DirectionAccuracyTest {
    @Test
    void wilsonIntervalKnownAnswer() {
        // 8/10 by hand: centre (0.8 + z²/20) / (1 + z²/10) = 0.716723, half-width
        // z / (1 + z²/10) · sqrt(0.016 + z²/400) = 0.226578.
        DirectionAccuracy a = DirectionAccuracy.of("d", 10, 8);
        assertEquals(0.8, a.accuracy(), 0);
        assertEquals(0.490162, a.ci95().low(), 1e-6);
        assertEquals(0.943318, a.ci95().high(), 1e-6);
    }

    @Test
    void wilsonAtTheEdges() {
        DirectionAccuracy none = DirectionAccuracy.of("d", 5, 0);
        assertEquals(0, none.ci95().low(), 0);
        // Upper bound for 0/n is z²/(n + z²).
        double z2 = 1.959963984540054 * 1.959963984540054;
        assertEquals(z2 / (5 + z2), none.ci95().high(), 1e-12);
        assertEquals(1, DirectionAccuracy.of("d", 5, 5).ci95().high(), 0);
        assertThrows(IllegalArgumentException.class, () -> DirectionAccuracy.of("d", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> DirectionAccuracy.of("d", 3, 4));
    }

    @Test
    void wilsonIntervalIsUndefinedWithoutTrials() {
        assertEquals(Interval.UNDEFINED, WilsonInterval.of95(0, 0));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of95(-1, 3));
        // Symmetry: the interval of k/n mirrors that of (n-k)/n.
        Interval a = WilsonInterval.of95(3, 11);
        Interval b = WilsonInterval.of95(8, 11);
        assertEquals(1 - a.high(), b.low(), 1e-15);
        assertEquals(1 - a.low(), b.high(), 1e-15);
    }

    @Test
    void countsPerDirectionInSortedOrder() {
        List<TrialOutcome> trials = List.of(
                new TrialOutcome("p1", "b", true), new TrialOutcome("p1", "a", false),
                new TrialOutcome("p2", "b", true), new TrialOutcome("p2", "a", true),
                new TrialOutcome("p2", "b", false));
        SortedMap<String, DirectionAccuracy> acc = DirectionAccuracy.byDirection(trials);
        assertEquals(List.of("a", "b"), List.copyOf(acc.keySet()));
        assertEquals(2, acc.get("a").n());
        assertEquals(1, acc.get("a").k());
        assertEquals(3, acc.get("b").n());
        assertEquals(2.0 / 3, acc.get("b").accuracy(), 1e-15);
    }

    @Test
    void percentileIntervalInterpolatesLikeNumpy() {
        double[] reps = {5, 1, 4, 2, 3, Double.NaN};
        // numpy.percentile([1..5], 2.5) = 1.1, 97.5 -> 4.9
        Interval ci = Interval.percentile95(reps);
        assertEquals(1.1, ci.low(), 1e-12);
        assertEquals(4.9, ci.high(), 1e-12);
    }
}
