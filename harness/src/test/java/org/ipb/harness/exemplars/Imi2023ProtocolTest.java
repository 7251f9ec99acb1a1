package org.ipb.harness.exemplars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Protocol;
import org.ipb.core.candidates.Task;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The imi2023 protocol (Zimmermann, Klein &amp; Brendel 2023, brendel-group/imi
 * stimuli_generation/extract_exemplars.py) on hand-made rankings: the row of rank r is known, so
 * every reference and query can be traced to its rank bin.
 */
class Imi2023ProtocolTest {
    @TempDir
    Path dir;

    /**
     * One or more directions whose top side ranks row r at rank r (values 1000 - r) and whose bottom
     * side ranks row {@code n - 1 - r} at rank r, i.e. the activation of row i is decreasing in i.
     */
    static Selection ranking(int n, int k, int kept) {
        int[] topRows = new int[k * kept];
        float[] topValues = new float[k * kept];
        int[] bottomRows = new int[k * kept];
        float[] bottomValues = new float[k * kept];
        for (int d = 0; d < k; d++) {
            for (int r = 0; r < kept; r++) {
                topRows[d * kept + r] = r;
                topValues[d * kept + r] = n - r;
                bottomRows[d * kept + r] = n - 1 - r;
                bottomValues[d * kept + r] = r + 1;
            }
        }
        return new Selection(n, 1, k, kept, topRows, topValues, bottomRows, bottomValues);
    }

    @Test
    void smallestCaseByHand() {
        // extremes 4, reference ranks 2, 2 references: bins {rank 0}, {rank 1}; queries from ranks 2-3.
        // One task: the references are forced to ranks 0 and 1 (rows 0, 1 on top; rows 9, 8 at the bottom).
        Selection sel = ranking(10, 1, 4);
        List<Task> tasks = TaskSampler.imi2023(2, 1, 2, 5L).sample(sel, 0, row -> "s:" + row);
        assertEquals(1, tasks.size());
        Task t = tasks.get(0);
        assertEquals(List.of(0, 1), t.maxReferences().stream().map(Exemplar::row).toList());
        assertEquals(List.of(9, 8), t.minReferences().stream().map(Exemplar::row).toList());
        assertTrue(t.maxQuery().row() == 2 || t.maxQuery().row() == 3, "max query " + t.maxQuery());
        assertTrue(t.minQuery().row() == 7 || t.minQuery().row() == 6, "min query " + t.minQuery());
        assertEquals("s:0", t.maxReferences().get(0).id());
        assertEquals(10f, t.maxReferences().get(0).activation());
    }

    @Test
    void defaultsTakeOneImagePerRankBinAndNeverReuseAnImage() {
        int n = 1000;
        Selection sel = ranking(n, 1, 200);
        List<Task> tasks = TaskSampler.imi2023(9, 20, 180, 0L).sample(sel, 0, row -> "s:" + row);
        assertEquals(20, tasks.size());
        Set<Integer> top = new HashSet<>();
        Set<Integer> bottom = new HashSet<>();
        for (Task t : tasks) {
            for (int i = 0; i < 9; i++) {
                int rank = t.maxReferences().get(i).row();
                assertTrue(rank >= 20 * i && rank < 20 * (i + 1), "max reference " + i + " at rank " + rank);
                int bRank = n - 1 - t.minReferences().get(i).row();
                assertTrue(bRank >= 20 * i && bRank < 20 * (i + 1), "min reference " + i + " at rank " + bRank);
                assertTrue(top.add(t.maxReferences().get(i).row()));
                assertTrue(bottom.add(t.minReferences().get(i).row()));
            }
            int q = t.maxQuery().row();
            assertTrue(q >= 180 && q < 200, "max query at rank " + q);
            int bq = n - 1 - t.minQuery().row();
            assertTrue(bq >= 180 && bq < 200, "min query at rank " + bq);
            assertTrue(top.add(q));
            assertTrue(bottom.add(t.minQuery().row()));
        }
        // 20 tasks x 10 images fill the 200 extremes of each side exactly once.
        assertEquals(200, top.size());
        assertEquals(200, bottom.size());
    }

    @Test
    void seededAndIndependentOfOtherDirections() {
        Selection one = ranking(1000, 2, 200);
        Selection three = ranking(1000, 3, 200);
        TaskSampler s = TaskSampler.imi2023(9, 20, 180, 3L);
        List<Task> a = s.sample(one, 1, row -> "s:" + row);
        assertEquals(a, s.sample(three, 1, row -> "s:" + row), "direction 1's tasks do not depend on K");
        assertEquals(a, TaskSampler.imi2023(9, 20, 180, 3L).sample(one, 1, row -> "s:" + row));
        assertNotEquals(a, TaskSampler.imi2023(9, 20, 180, 4L).sample(one, 1, row -> "s:" + row), "seed");
        assertNotEquals(a, s.sample(one, 0, row -> "s:" + row), "directions draw from their own streams");
        // Fewer tasks than bin images: a prefix of the full draw, each image still used once.
        assertEquals(a.subList(0, 5), TaskSampler.imi2023(9, 5, 180, 3L).sample(one, 1, row -> "s:" + row));
    }

    @Test
    void impossibleNumbersAreNamed() {
        assertNull(TaskSampler.checkImi2023(400, 200, 180, 9, 20));
        String small = TaskSampler.checkImi2023(399, 200, 180, 9, 20);
        assertTrue(small.contains("399") && small.contains("400"), small);
        assertTrue(TaskSampler.checkImi2023(1000, 200, 180, 9, 21).contains("21 tasks"));
        assertTrue(TaskSampler.checkImi2023(1000, 200, 170, 9, 10).contains("multiple"));
        assertTrue(TaskSampler.checkImi2023(1000, 180, 180, 9, 10).contains("exceed"));
        assertThrows(IllegalArgumentException.class, () -> TaskSampler.imi2023(9, 20, 100, 0));
    }

    @Test
    void pipelineRecordsTheProtocolAndRefusesATooSmallSet() throws Exception {
        Path[] in = ExemplarPipelineTestAccess.fixture(dir);
        Path out = dir.resolve("out");
        ExemplarResult r = new ExemplarPipeline().run(ExemplarRequest.defaults(in[0], in[1], out)
                .imi2023(TaskSampler.IMI_EXTREMES, TaskSampler.IMI_REFERENCE_RANKS));
        assertEquals(200, r.kept());
        CandidateSet cs = CandidateSets.read(out.resolve("candidates.json"));
        Protocol p = cs.protocol();
        assertEquals(Protocol.IMI2023, p.name());
        assertEquals(200, p.kept());
        assertEquals(180, p.referenceRanks());
        assertEquals(20, p.tasksPerDirection());
        assertEquals(200 / 500.0, p.quantile());
        assertTrue(Files.readString(out.resolve("candidates.json")).contains("\"name\" : \"imi2023\""));
        for (var d : cs.directions()) {
            Set<String> used = new HashSet<>();
            for (Task t : d.tasks()) {
                t.maxReferences().forEach(e -> assertTrue(used.add(e.id())));
                t.minReferences().forEach(e -> assertTrue(used.add(e.id())));
                assertTrue(used.add(t.maxQuery().id()));
                assertTrue(used.add(t.minQuery().id()));
                // queries are less extreme than every reference of their side
                t.maxReferences().forEach(e -> assertTrue(e.activation() >= t.maxQuery().activation()));
                t.minReferences().forEach(e -> assertTrue(e.activation() <= t.minQuery().activation()));
            }
            assertEquals(400, used.size());
        }
        // 500 stimuli cannot give 2 x 300 disjoint extremes: one line naming the set and the numbers.
        Path out2 = dir.resolve("out2");
        UserError e = assertThrows(UserError.class, () -> new ExemplarPipeline().run(
                ExemplarRequest.defaults(in[0], in[1], out2).imi2023(300, 270)));
        assertTrue(e.getMessage().contains("fashion-mnist-test") && e.getMessage().contains("500")
                && e.getMessage().contains("600"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(Files.exists(out2));
        UserError u = assertThrows(UserError.class, () -> new ExemplarRequest(in[0], in[1], null, null, null, null,
                0.2, 9, 20, 0, 16, 0, out2, "imi2024", 0, 0));
        assertTrue(u.getMessage().contains("imi2024"), u.getMessage());
    }
}
