package org.ipb.harness.exemplars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Task;
import org.ipb.harness.directions.Numerics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskSamplerTest {
    static Numerics nx;
    static final IntFunction<String> IDS = row -> String.format("s:%06d", row);

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        nx = Numerics.open("PyTorch");
    }

    @AfterAll
    static void close() {
        nx.close();
    }

    private Selection select(int n, int c, float[] d, int k, double q) {
        Random r = new Random(11);
        float[] x = new float[n * c];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        Path f = ExemplarSelectorTest.write(dir.resolve("x" + n + "-" + k + ".npy"), x, n, c);
        return new ExemplarSelector(64).select(f, DirectionMatrix.of(d, k, c), ExemplarSelector.kept(q, n), nx);
    }

    private static float[] directions(int k, int c) {
        Random r = new Random(3);
        float[] d = new float[k * c];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        return d;
    }

    @Test
    void tasksHaveTheRightSizesOrderAndSourcesAndNeverReuseAnImage() {
        Selection s = select(400, 6, directions(3, 6), 3, 0.2);
        assertEquals(80, s.kept());
        TaskSampler sampler = new TaskSampler(9, 50, 42);
        for (int d = 0; d < 3; d++) {
            Set<Integer> topRows = new HashSet<>();
            Set<Integer> bottomRows = new HashSet<>();
            for (int r = 0; r < s.kept(); r++) {
                topRows.add(s.topRow(d, r));
                bottomRows.add(s.bottomRow(d, r));
            }
            List<Task> tasks = sampler.sample(s, d, IDS);
            assertEquals(50, tasks.size());
            Set<Integer> everUsed = new HashSet<>();
            for (int t = 0; t < tasks.size(); t++) {
                Task task = tasks.get(t);
                assertEquals(t, task.index());
                assertEquals(9, task.maxReferences().size());
                assertEquals(9, task.minReferences().size());
                Set<Integer> rows = new HashSet<>();
                for (Exemplar e : task.maxReferences()) {
                    assertTrue(topRows.contains(e.row()));
                    assertTrue(rows.add(e.row()), "reused " + e.row());
                }
                for (Exemplar e : task.minReferences()) {
                    assertTrue(bottomRows.contains(e.row()));
                    assertTrue(rows.add(e.row()), "reused " + e.row());
                }
                assertTrue(topRows.contains(task.maxQuery().row()) && rows.add(task.maxQuery().row()));
                assertTrue(bottomRows.contains(task.minQuery().row()) && rows.add(task.minQuery().row()));
                assertEquals(20, rows.size());
                for (int i = 1; i < 9; i++) {
                    assertTrue(task.maxReferences().get(i).activation() <= task.maxReferences().get(i - 1).activation());
                    assertTrue(task.minReferences().get(i).activation() >= task.minReferences().get(i - 1).activation());
                }
                // every max image activates more than every min image (disjoint quantiles)
                assertTrue(task.maxQuery().activation() > task.minReferences().get(8).activation());
                assertTrue(task.minQuery().activation() < task.maxReferences().get(8).activation());
                assertEquals(String.format("s:%06d", task.maxQuery().row()), task.maxQuery().id());
                everUsed.addAll(rows);
            }
            // 50 tasks x 10 draws per side from 80: the draws spread over the quantile
            assertTrue(everUsed.size() > 120, "used " + everUsed.size());
        }
    }

    @Test
    void sameSeedSameTasksWhateverKAndOrder() {
        float[] d3 = directions(3, 6);
        float[] d2 = new float[2 * 6];
        System.arraycopy(d3, 0, d2, 0, d2.length);
        Selection s3 = select(300, 6, d3, 3, 0.2);
        Selection s2 = select(300, 6, d2, 2, 0.2);
        TaskSampler a = new TaskSampler(9, 20, 7);
        List<List<Task>> forward = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            forward.add(a.sample(s3, d, IDS));
        }
        List<List<Task>> backward = new ArrayList<>();
        TaskSampler b = new TaskSampler(9, 20, 7);
        for (int d = 2; d >= 0; d--) {
            backward.add(0, b.sample(s3, d, IDS));
        }
        assertEquals(forward, backward);
        assertEquals(forward.get(0), new TaskSampler(9, 20, 7).sample(s2, 0, IDS));
        assertEquals(forward.get(1), new TaskSampler(9, 20, 7).sample(s2, 1, IDS));
        // Fewer tasks are a prefix of more tasks.
        assertEquals(forward.get(1).subList(0, 5), new TaskSampler(9, 5, 7).sample(s3, 1, IDS));
        assertNotEquals(forward.get(0), new TaskSampler(9, 20, 8).sample(s3, 0, IDS));
        assertNotEquals(forward.get(0).get(0), forward.get(0).get(1));
    }

    @Test
    void anImageInBothQuantilesIsNeverUsedTwice() {
        // Degenerate case: both sides hold the same 20 rows; a task must use each row exactly once.
        int kept = 20;
        int[] rows = new int[kept];
        float[] top = new float[kept];
        int[] bottomRows = new int[kept];
        float[] bottom = new float[kept];
        for (int i = 0; i < kept; i++) {
            rows[i] = i;
            top[i] = -i;
            bottomRows[i] = kept - 1 - i;
            bottom[i] = -(kept - 1 - i);
        }
        Selection s = new Selection(kept, 1, 1, kept, rows, top, bottomRows, bottom);
        for (Task t : new TaskSampler(9, 200, 1).sample(s, 0, IDS)) {
            Set<Integer> used = new HashSet<>();
            t.maxReferences().forEach(e -> used.add(e.row()));
            t.minReferences().forEach(e -> used.add(e.row()));
            used.add(t.maxQuery().row());
            used.add(t.minQuery().row());
            assertEquals(20, used.size());
        }
        // Odd N at quantile 0.5: the median row lies in both quantiles.
        Selection odd = select(41, 2, directions(1, 2), 1, 0.5);
        assertEquals(21, odd.kept());
        for (Task t : new TaskSampler(9, 300, 2).sample(odd, 0, IDS)) {
            Set<Integer> used = new HashSet<>();
            t.maxReferences().forEach(e -> used.add(e.row()));
            t.minReferences().forEach(e -> used.add(e.row()));
            used.add(t.maxQuery().row());
            used.add(t.minQuery().row());
            assertEquals(20, used.size());
        }
    }

    @Test
    void streamSeedsDifferAcrossDirectionsAndTasks() {
        Set<Long> seeds = new HashSet<>();
        for (int d = 0; d < 50; d++) {
            for (int t = 0; t < 50; t++) {
                seeds.add(TaskSampler.streamSeed(0, d, t));
            }
        }
        assertEquals(2500, seeds.size());
        assertNotEquals(TaskSampler.streamSeed(0, 1, 2), TaskSampler.streamSeed(0, 2, 1));
        assertNotEquals(TaskSampler.streamSeed(0, 1, 2), TaskSampler.streamSeed(1, 1, 2));
    }
}
