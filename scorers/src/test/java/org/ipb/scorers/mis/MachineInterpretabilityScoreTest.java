package org.ipb.scorers.mis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Task;
import org.junit.jupiter.api.Test;

class MachineInterpretabilityScoreTest {
    private static final double EPS = 1e-12;

    // Tiny 2-D observer space; vectors deliberately not unit length (the scorer normalises):
    //   p1 = (2,0) ~ (1,0), p2 = (0,3) ~ (0,1)      max references E+ = {p1, p2}
    //   n1 = (-5,0) ~ (-1,0)                         min references E- = {n1}
    //   qp = (4,0) ~ (1,0)                           max query q+
    //   qm = (0,-0.5) ~ (0,-1)                       min query q-
    // s(q+, E+) = (cos(qp,p1) + cos(qp,p2))/2 = (1 + 0)/2 = 0.5
    // s(q+, E-) = cos(qp,n1) = -1
    // s(q-, E+) = (cos(qm,p1) + cos(qm,p2))/2 = (0 + -1)/2 = -0.5
    // s(q-, E-) = cos(qm,n1) = 0
    // delta = [0.5 - (-1)] - [-0.5 - 0] = 1.5 + 0.5 = 2
    // P = sigmoid(0.16 * 2) = 1/(1 + exp(-0.32)) = 1/(1 + 0.726149037...) = 0.579324...
    // Swapping the queries gives delta = -2 and P = 1 - 0.579324... = 0.420676...
    // MIS of the two tasks = 0.5; sample sd = sqrt(2)*(P - 0.5), SE = sd/sqrt(2) = P - 0.5 = 0.079324...
    private static final Map<String, float[]> SPACE = Map.of(
            "p1", new float[] {2, 0}, "p2", new float[] {0, 3}, "n1", new float[] {-5, 0},
            "qp", new float[] {4, 0}, "qm", new float[] {0, -0.5f});
    private static final EmbeddingLookup LOOKUP = EmbeddingLookup.of(SPACE);

    private static Exemplar ex(String id) {
        return new Exemplar(id, 0, 0f);
    }

    private static Task task(int index, String maxQuery, String minQuery) {
        return new Task(index, List.of(ex("p1"), ex("p2")), List.of(ex("n1")), ex(maxQuery), ex(minQuery));
    }

    @Test
    void meanSimilarityByHand() {
        List<float[]> plus = List.of(SPACE.get("p1"), SPACE.get("p2"));
        List<float[]> minus = List.of(SPACE.get("n1"));
        assertEquals(0.5, Cosine.meanSimilarity(SPACE.get("qp"), plus), EPS);
        assertEquals(-1.0, Cosine.meanSimilarity(SPACE.get("qp"), minus), EPS);
        assertEquals(-0.5, Cosine.meanSimilarity(SPACE.get("qm"), plus), EPS);
        assertEquals(0.0, Cosine.meanSimilarity(SPACE.get("qm"), minus), EPS);
        // 45 degrees: cos((1,1),(3,0)) = 1/sqrt(2)
        assertEquals(Math.sqrt(0.5), Cosine.similarity(new float[] {1, 1}, new float[] {3, 0}), 1e-7);
        // zero vector: defined as 0
        assertEquals(0.0, Cosine.similarity(new float[] {0, 0}, new float[] {3, 0}));
    }

    @Test
    void deltaAndProbabilityByHand() {
        assertEquals(2.0, MachineInterpretabilityScore.delta(task(0, "qp", "qm"), LOOKUP), EPS);
        assertEquals(-2.0, MachineInterpretabilityScore.delta(task(0, "qm", "qp"), LOOKUP), EPS);
        MachineInterpretabilityScore mis = new MachineInterpretabilityScore(0.16);
        assertEquals(0.16, mis.alpha());
        double p = 1 / (1 + Math.exp(-0.32));
        assertEquals(0.5793242521487495, p, 1e-15);
        assertEquals(p, mis.probabilityCorrect(task(0, "qp", "qm"), LOOKUP), EPS);
        assertEquals(1 - p, mis.probabilityCorrect(task(0, "qm", "qp"), LOOKUP), EPS);
        // another alpha: sigmoid(1 * 2)
        assertEquals(1 / (1 + Math.exp(-2.0)),
                new MachineInterpretabilityScore(1.0).probabilityCorrect(task(0, "qp", "qm"), LOOKUP), EPS);
    }

    @Test
    void directionScoreAndStandardErrorByHand() {
        double p = 1 / (1 + Math.exp(-0.32));
        MachineInterpretabilityScore mis = new MachineInterpretabilityScore(0.16);
        CandidateDirection d = new CandidateDirection("m:l:x:0", 0, List.of(), List.of(),
                List.of(task(0, "qp", "qm"), task(1, "qm", "qp")));
        MachineInterpretabilityScore.Result r = mis.score(d, LOOKUP);
        assertEquals(0.5, r.mis(), EPS);
        assertEquals(p - 0.5, r.standardError(), EPS);
        assertEquals(2, r.tasks());
        // one task: MIS = P, SE = 0
        MachineInterpretabilityScore.Result one = mis.score(List.of(task(0, "qp", "qm")), LOOKUP);
        assertEquals(p, one.mis(), EPS);
        assertEquals(0.0, one.standardError());
        // three tasks (p, p, 1-p): mean = (1+p)/3; by hand below
        MachineInterpretabilityScore.Result three = mis.score(
                List.of(task(0, "qp", "qm"), task(1, "qp", "qm"), task(2, "qm", "qp")), LOOKUP);
        double mean = (1 + p) / 3;
        double ss = 2 * (p - mean) * (p - mean) + (1 - p - mean) * (1 - p - mean);
        assertEquals(mean, three.mis(), EPS);
        assertEquals(Math.sqrt(ss / 2) / Math.sqrt(3), three.standardError(), EPS);
    }

    @Test
    void hardScoreCountsCorrectDecisionsTiesHalf() {
        // deltas +2 (correct), -2 (wrong), 0 (tie), +0.1 (correct): (1 + 0 + 0.5 + 1) / 4
        double[] delta = {2, -2, 0, 0.1};
        MachineInterpretabilityScore.Result r = MachineInterpretabilityScore.hard(delta);
        assertEquals(0.625, r.mis(), EPS);
        // sample sd of (1, 0, 0.5, 1): mean 0.625, ss = 0.140625 + 0.390625 + 0.015625 + 0.140625 = 0.6875
        assertEquals(Math.sqrt(0.6875 / 3) / 2, r.standardError(), EPS);
        assertEquals(4, r.tasks());
        // From tasks: the hand-made pair decides task 0 right and the swapped one wrong.
        double[] d = MachineInterpretabilityScore.deltas(List.of(task(0, "qp", "qm"), task(1, "qm", "qp")), LOOKUP);
        assertEquals(2.0, d[0], EPS);
        assertEquals(-2.0, d[1], EPS);
        assertEquals(0.5, MachineInterpretabilityScore.hard(d).mis(), EPS);
        // soft under alpha 1: mean of sigmoid(2) and sigmoid(-2) = 1/2 exactly
        assertEquals(0.5, new MachineInterpretabilityScore(1).soft(d).mis(), EPS);
        assertEquals(1 / (1 + Math.exp(-2.0)), new MachineInterpretabilityScore(1).soft(new double[] {2}).mis(), EPS);
    }

    @Test
    void rejectsProgrammingErrors() {
        assertThrows(IllegalArgumentException.class, () -> new MachineInterpretabilityScore(0));
        assertThrows(IllegalArgumentException.class, () -> new MachineInterpretabilityScore(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new MachineInterpretabilityScore(Double.POSITIVE_INFINITY));
        MachineInterpretabilityScore mis = new MachineInterpretabilityScore(0.16);
        assertThrows(IllegalArgumentException.class, () -> mis.score(List.of(), LOOKUP));
        assertThrows(IllegalArgumentException.class, () -> mis.score(List.of(task(0, "qp", "nope")), LOOKUP));
        assertThrows(IllegalArgumentException.class,
                () -> Cosine.similarity(new float[] {1, 2}, new float[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> Cosine.meanSimilarity(new float[] {1}, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> mis.score(new CandidateDirection("d", 0, List.of(), List.of(), List.of()), LOOKUP));
    }

    @Test
    void sigmoidIsStableAtExtremes() {
        assertEquals(0.5, MachineInterpretabilityScore.sigmoid(0), EPS);
        assertEquals(1.0, MachineInterpretabilityScore.sigmoid(1000), EPS);
        assertEquals(0.0, MachineInterpretabilityScore.sigmoid(-1000), EPS);
    }
}
