package org.ipb.leaderboards.replicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers of the hard decision on hand-made embeddings (cosines worked out by hand). */
class MachineDecisionTest {
    private static final float[] X = {1, 0, 0};
    private static final float[] Y = {0, 1, 0};
    private static final float[] Z = {0, 0, 1};
    private static final double R = 1 / Math.sqrt(2);

    private static Borowski2021Condition cond(String name) {
        return Borowski2021Condition.ALL.stream().filter(c -> c.experiment().equals("II") && c.name().equals(name))
                .findFirst().orElseThrow();
    }

    private static final Borowski2021Condition MIN_MAX_9 = cond("Min-Max-9");
    private static final Borowski2021Condition MIN_MAX_1 = cond("Min-Max-1");
    private static final Borowski2021Condition MAX_9 = cond("Max-9");
    private static final Borowski2021Condition MAX_1 = cond("Max-1");

    @Test
    void clearCaseIsCorrectUnderBoth() {
        // q+ = E+ = x, q- = E- = y: min-max delta = (1 - 0) - (0 - 1) = 2; max-only delta = 1 - 0 = 1.
        assertEquals(2, MachineDecision.delta(MIN_MAX_1, X, Y, List.of(X), List.of(Y)), 1e-12);
        assertEquals(1, MachineDecision.delta(MAX_1, X, Y, List.of(X), List.of(Y)), 1e-12);
        assertEquals(1.0, MachineDecision.correct(MIN_MAX_1, X, Y, List.of(X), List.of(Y)));
        assertEquals(0.0, MachineDecision.correct(MAX_1, Y, X, List.of(X), List.of(Y)), "swapped queries: wrong");
    }

    @Test
    void minReferencesDecideWhatMaxReferencesLeaveTied() {
        // E+ = x, E- = y, q+ = z (cos 0 to both), q- = y: max-only 0 - 0 = 0, a tie (1/2);
        // min-max (0 - 0) - (0 - 1) = +1, correct.
        assertEquals(0, MachineDecision.delta(MAX_1, Z, Y, List.of(X), List.of(Y)), 1e-12);
        assertEquals(0.5, MachineDecision.correct(MAX_1, Z, Y, List.of(X), List.of(Y)));
        assertEquals(1, MachineDecision.delta(MIN_MAX_1, Z, Y, List.of(X), List.of(Y)), 1e-12);
        assertEquals(1.0, MachineDecision.correct(MIN_MAX_1, Z, Y, List.of(X), List.of(Y)));
    }

    @Test
    void minReferencesCanAlsoMislead() {
        // q+ = (1,1,0): cos 1/sqrt2 to x and to y; q- = (1,0,1): 1/sqrt2 to x, 0 to y.
        float[] qp = {1, 1, 0};
        float[] qm = {1, 0, 1};
        assertEquals(0, MachineDecision.delta(MAX_1, qp, qm, List.of(X), List.of(Y)), 1e-12);
        assertEquals(-R, MachineDecision.delta(MIN_MAX_1, qp, qm, List.of(X), List.of(Y)), 1e-12);
        assertEquals(0.0, MachineDecision.correct(MIN_MAX_1, qp, qm, List.of(X), List.of(Y)));
    }

    @Test
    void oneReferenceConditionsUseTheFirstMostExtremeReference() {
        // E+ = [x, z x 8], E- = [y x 9], q+ = x, q- = z. All nine: s(x,E+) = 1/9, s(z,E+) = 8/9, so
        // max-only delta = -7/9 (wrong); the first only: 1 - 0 = 1 (right). Min-max adds 0 - 0.
        List<float[]> max = List.of(X, Z, Z, Z, Z, Z, Z, Z, Z);
        List<float[]> min = List.of(Y, Y, Y, Y, Y, Y, Y, Y, Y);
        assertEquals(-7.0 / 9, MachineDecision.delta(MAX_9, X, Z, max, min), 1e-12);
        assertEquals(1, MachineDecision.delta(MAX_1, X, Z, max, min), 1e-12);
        assertEquals(-7.0 / 9, MachineDecision.delta(MIN_MAX_9, X, Z, max, min), 1e-12);
        assertEquals(1, MachineDecision.delta(MIN_MAX_1, X, Z, max, min), 1e-12);
        assertEquals(0.0, MachineDecision.correct(MAX_9, X, Z, max, min));
        assertEquals(1.0, MachineDecision.correct(MAX_1, X, Z, max, min));
    }

    @Test
    void meanOverNineReferences() {
        // E+ = 9 references, 3 of them x and 6 z: s(x,E+) = 1/3, s(y,E+) = 0 -> max-only delta 1/3.
        List<float[]> max = List.of(X, Z, Z, X, Z, Z, X, Z, Z);
        List<float[]> min = List.of(Y, Y, Y, Y, Y, Y, Y, Y, Y);
        assertEquals(1.0 / 3, MachineDecision.delta(MAX_9, X, Y, max, min), 1e-12);
        // min-max: (1/3 - 0) - (0 - 1) = 4/3.
        assertEquals(4.0 / 3, MachineDecision.delta(MIN_MAX_9, X, Y, max, min), 1e-12);
    }

    @Test
    void noReferencesIsATie() {
        Borowski2021Condition none = Borowski2021Condition.ALL.get(2);
        assertEquals("none", none.name());
        assertEquals(0.5, MachineDecision.correct(none, X, Y, List.of(), List.of()));
    }

    @Test
    void tooFewReferencesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MachineDecision.delta(MAX_9, X, Y, List.of(X), List.of()));
    }
}
