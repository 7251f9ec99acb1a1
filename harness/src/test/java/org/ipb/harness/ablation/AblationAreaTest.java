package org.ipb.harness.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class AblationAreaTest {
    private static DirectionAblation.CurvePoint p(int removed, double accuracy) {
        return new DirectionAblation.CurvePoint(removed, accuracy, 0.9 - accuracy);
    }

    @Test
    void areaIsTheNormalisedTrapezoidSum() {
        // accuracy 0.9 -> 0.6 -> 0.3 at 0, 2, 4 removed (given out of order):
        // x = removed / 4: 0.5 * (0.9 + 0.6) / 2 / 0.9 + 0.5 * (0.6 + 0.3) / 2 / 0.9 = (0.375 + 0.225) / 0.9
        var curve = new DirectionAblation.Curve("score", List.of(0, 1, 2, 3), List.of(p(2, 0.6), p(0, 0.9), p(4, 0.3)));
        assertEquals((0.375 + 0.225) / 0.9, AblationCurves.scoreOrderArea(curve), 1e-12);
    }

    @Test
    void flatCurveHasAreaOneAndASinglePointNone() {
        var flat = new DirectionAblation.Curve("score", List.of(0), List.of(p(0, 0.8), p(3, 0.8), p(6, 0.8)));
        assertEquals(1.0, AblationCurves.scoreOrderArea(flat), 1e-12);
        assertNull(AblationCurves.scoreOrderArea(new DirectionAblation.Curve("score", List.of(), List.of(p(0, 0.8)))));
    }
}
