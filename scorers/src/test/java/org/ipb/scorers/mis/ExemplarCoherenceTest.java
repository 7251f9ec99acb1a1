package org.ipb.scorers.mis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.Exemplar;
import org.junit.jupiter.api.Test;

class ExemplarCoherenceTest {
    @Test
    void threeHandMadeVectors() {
        // a = (1,0), b = (1,1), c = (0,2)
        // cos(a,b) = 1/sqrt(2), cos(a,c) = 0, cos(b,c) = 2/(sqrt(2)*2) = 1/sqrt(2)
        // mean over the 3 pairs = (2/sqrt(2))/3 = sqrt(2)/3 = 0.4714045...
        List<float[]> v = List.of(new float[] {1, 0}, new float[] {1, 1}, new float[] {0, 2});
        assertEquals(Math.sqrt(2) / 3, ExemplarCoherence.meanPairwiseCosine(v), 1e-7);
    }

    @Test
    void usesTheFirstMTopExemplars() {
        Map<String, float[]> space = Map.of("a", new float[] {1, 0}, "b", new float[] {1, 1}, "c",
                new float[] {0, 2}, "d", new float[] {-1, 0}, "e", new float[] {5, 0});
        List<Exemplar> top = List.of(new Exemplar("a", 0, 5f), new Exemplar("b", 1, 4f), new Exemplar("c", 2, 3f),
                new Exemplar("d", 3, 2f), new Exemplar("e", 4, 1f));
        CandidateDirection d = new CandidateDirection("m:l:x:0", 0, top, List.of(), List.of());
        EmbeddingLookup lookup = EmbeddingLookup.of(space);
        assertEquals(Math.sqrt(2) / 3, ExemplarCoherence.interpretabilityIndex(d, lookup, 3), 1e-7);
        // M = 2: cos(a,b) = 1/sqrt(2)
        assertEquals(Math.sqrt(0.5), ExemplarCoherence.interpretabilityIndex(d, lookup, 2), 1e-7);
        // M = 5 (default): pairs a..e. a-b .7071, a-c 0, a-d -1, a-e 1, b-c .7071, b-d -.7071,
        // b-e .7071, c-d 0, c-e 0, d-e -1; sum = 3*.7071 - .7071 + 1 - 2 = 2*.7071 - 1 = 0.41421; /10
        assertEquals((Math.sqrt(2) - 1) / 10, ExemplarCoherence.interpretabilityIndex(d, lookup), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> ExemplarCoherence.interpretabilityIndex(d, lookup, 6));
        assertThrows(IllegalArgumentException.class, () -> ExemplarCoherence.interpretabilityIndex(d, lookup, 1));
        assertThrows(IllegalArgumentException.class,
                () -> ExemplarCoherence.meanPairwiseCosine(List.of(new float[] {1, 0})));
    }
}
