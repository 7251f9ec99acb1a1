package org.ipb.scorers.mis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AlphaFitTest {
    @Test
    void recoversTheSlopeThatGeneratedTheResponses() {
        Random r = new Random(5);
        int n = 20000;
        double trueAlpha = 3.0;
        double[] delta = new double[n];
        boolean[] correct = new boolean[n];
        for (int i = 0; i < n; i++) {
            delta[i] = 2 * r.nextDouble() - 0.5;
            correct[i] = r.nextDouble() < MachineInterpretabilityScore.sigmoid(trueAlpha * delta[i]);
        }
        AlphaFit.Result f = AlphaFit.fit(delta, correct, 1000);
        assertEquals(trueAlpha, f.alpha(), 4 * f.standardError());
        assertTrue(f.standardError() > 0 && f.standardError() < 0.2, "se " + f.standardError());
    }

    /**
     * Hand-checkable case: deltas ±1 with 3 of 4 responses correct at +1 and 1 of 4 at -1 (i.e.
     * correct when delta = -1 means P = σ(-α) = 1/4). The score equation Σ (c - σ(αδ)) δ = 0 gives
     * σ(α) = 3/4, so α = ln 3.
     */
    @Test
    void knownAnswer() {
        double[] delta = {1, 1, 1, 1, -1, -1, -1, -1};
        boolean[] correct = {true, true, true, false, true, false, false, false};
        assertEquals(Math.log(3), AlphaFit.fit(delta, correct, 1000).alpha(), 1e-9);
    }

    @Test
    void separableDataStopAtTheBound() {
        AlphaFit.Result f = AlphaFit.fit(new double[] {0.5, -0.2, 1}, new boolean[] {true, false, true}, 50);
        assertTrue(f.atBound());
        assertEquals(50, f.alpha());
    }
}
