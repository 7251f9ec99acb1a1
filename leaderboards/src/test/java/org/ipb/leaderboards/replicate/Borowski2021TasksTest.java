package org.ipb.leaderboards.replicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Task;
import org.junit.jupiter.api.Test;

/** The authors' batch layout: query from ranks 1-20, reference i from ranks 20i+1..20i+20. */
class Borowski2021TasksTest {
    /** 200 exemplars, rank r (0 = most extreme) with id prefix + r. */
    private static List<Exemplar> side(String prefix) {
        List<Exemplar> out = new ArrayList<>();
        for (int r = 0; r < 200; r++) {
            out.add(new Exemplar(prefix + r, r, 200 - r));
        }
        return out;
    }

    private static int rank(Exemplar e) {
        return Integer.parseInt(e.id().substring(4));
    }

    @Test
    void queriesAreTheMostExtremeBinAndReferencesOnePerLaterBin() {
        List<Task> tasks = Borowski2021Tasks.tasks(side("max-"), side("min-"), 20, 7, 3);
        assertEquals(20, tasks.size());
        Set<String> seen = new HashSet<>();
        for (Task t : tasks) {
            assertTrue(rank(t.maxQuery()) < 20, "max query rank " + rank(t.maxQuery()));
            assertTrue(rank(t.minQuery()) < 20, "min query rank " + rank(t.minQuery()));
            assertEquals(9, t.maxReferences().size());
            for (int i = 0; i < 9; i++) {
                int r = rank(t.maxReferences().get(i));
                assertTrue(r >= 20 * (i + 1) && r < 20 * (i + 2), "reference " + i + " rank " + r);
                int m = rank(t.minReferences().get(i));
                assertTrue(m >= 20 * (i + 1) && m < 20 * (i + 2), "min reference " + i + " rank " + m);
            }
            for (Exemplar e : t.maxReferences()) {
                assertTrue(seen.add(e.id()), "image used twice: " + e.id());
            }
            assertTrue(seen.add(t.maxQuery().id()));
        }
        assertEquals(200, seen.size(), "20 tasks use every one of the 200 max images once");
    }

    @Test
    void seededPerDirection() {
        List<Task> a = Borowski2021Tasks.tasks(side("max-"), side("min-"), 20, 7, 3);
        assertEquals(a, Borowski2021Tasks.tasks(side("max-"), side("min-"), 20, 7, 3));
        assertNotEquals(a, Borowski2021Tasks.tasks(side("max-"), side("min-"), 20, 7, 4));
        assertNotEquals(a, Borowski2021Tasks.tasks(side("max-"), side("min-"), 20, 8, 3));
        assertEquals(a.subList(0, 5), Borowski2021Tasks.tasks(side("max-"), side("min-"), 5, 7, 3));
    }

    @Test
    void refusesTooFewExemplarsOrTasks() {
        assertThrows(IllegalArgumentException.class,
                () -> Borowski2021Tasks.tasks(side("max-").subList(0, 199), side("min-"), 20, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Borowski2021Tasks.tasks(side("max-"), side("min-"), 21, 0, 0));
    }

    @Test
    void unitDrawIsSeededDistinctAndSorted() {
        int[] u = Borowski2021Replication.units(128, 4, 0, 3);
        assertEquals(4, u.length);
        for (int i = 1; i < u.length; i++) {
            assertTrue(u[i] > u[i - 1]);
        }
        assertEquals(java.util.Arrays.toString(u), java.util.Arrays.toString(Borowski2021Replication.units(128, 4, 0, 3)));
        assertNotEquals(java.util.Arrays.toString(u), java.util.Arrays.toString(Borowski2021Replication.units(128, 4, 0, 2)));
    }
}
