package org.ipb.harness.exemplars;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Task;

/**
 * Draws the 2-AFC tasks of the natural-exemplar paradigm (Borowski et al., "Exemplary natural
 * images explain CNN activations better than state-of-the-art feature visualization", ICLR 2021;
 * Zimmermann, Klein and Brendel, "Scale alone does not improve mechanistic interpretability in
 * vision models", NeurIPS 2023, whose trials the machine interpretability score of Zimmermann,
 * Klein and Brendel, ICML 2024, replays): a participant sees {@code refs} maximally activating
 * and {@code refs} minimally activating reference images of a direction and must pick, of two
 * query images, the one that activates it more.
 *
 * <p>Per task, {@code refs + 1} stimuli are drawn uniformly without replacement from the top
 * quantile (the first drawn is the max query, the rest the max references) and {@code refs + 1}
 * from the bottom quantile (min query, min references), never reusing a stimulus within the task,
 * also across sides should a stimulus lie in both quantiles. Defaults: 9 references per side
 * (a 3x3 grid) and 20 tasks per direction, drawn from the top/bottom 20 % (see {@link
 * ExemplarPipeline}); sampling from a quantile instead of fixing the 9 most extreme images gives
 * many distinct tasks per direction.
 *
 * <p>References are listed in decreasing activation on the max side and increasing activation on
 * the min side (ties: lower row first). Task {@code t} of direction {@code i} draws from its own
 * stream {@code SplittableRandom(mix(seed, i, t))}, so it is the same whatever K, whichever
 * directions are sampled and in whatever order.
 */
public final class TaskSampler {
    public static final int DEFAULT_REFERENCES = 9;
    public static final int DEFAULT_TASKS = 20;

    private final int references;
    private final int tasks;
    private final long seed;

    public TaskSampler(int references, int tasks, long seed) {
        if (references < 1 || tasks < 0) {
            throw new IllegalArgumentException("references >= 1 and tasks >= 0 required, got " + references + ", " + tasks);
        }
        this.references = references;
        this.tasks = tasks;
        this.seed = seed;
    }

    /** The seed of task {@code task} of direction {@code direction}: a SplitMix64 mix of all three. */
    public static long streamSeed(long seed, int direction, int task) {
        long z = mix(seed);
        z = mix(z ^ ((direction + 1L) * 0x9E3779B97F4A7C15L));
        return mix(z ^ ((task + 1L) * 0xC2B2AE3D27D4EB4FL));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The tasks of direction {@code d} of {@code sel}.
     *
     * @param ids stimulus id of a row
     * @throws IllegalArgumentException if the quantile holds fewer than {@code 2 (refs + 1)}
     *     stimuli (checked for users by {@link ExemplarSelector#validate})
     */
    public List<Task> sample(Selection sel, int d, IntFunction<String> ids) {
        if (sel.kept() < 2 * (references + 1)) {
            throw new IllegalArgumentException("kept " + sel.kept() + " < 2 x (" + references + " + 1)");
        }
        List<Task> out = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            Draw draw = draw(sel, d, new SplittableRandom(streamSeed(seed, d, t)));
            List<Exemplar> maxRefs = new ArrayList<>(references);
            List<Exemplar> minRefs = new ArrayList<>(references);
            for (int i = 1; i <= references; i++) {
                maxRefs.add(top(sel, d, draw.max[i], ids));
                minRefs.add(bottom(sel, d, draw.min[i], ids));
            }
            out.add(new Task(t, maxRefs, minRefs, top(sel, d, draw.max[0], ids), bottom(sel, d, draw.min[0], ids)));
        }
        return out;
    }

    /**
     * Ranks drawn for one task: {@code max[0]} / {@code min[0]} are the queries' ranks within the
     * top / bottom quantile, the rest the references' ranks in ascending order (rank 0 = most
     * extreme).
     */
    record Draw(int[] max, int[] min) {}

    Draw draw(Selection sel, int d, SplittableRandom rnd) {
        int need = references + 1;
        int kept = sel.kept();
        int[] max = new int[need];
        int[] maxRows = new int[need];
        for (int i = 0; i < need; i++) {
            int r;
            do {
                r = rnd.nextInt(kept);
            } while (contains(max, i, r));
            max[i] = r;
            maxRows[i] = sel.topRow(d, r);
        }
        int[] min = new int[need];
        for (int i = 0; i < need; i++) {
            int r;
            do {
                r = rnd.nextInt(kept);
            } while (contains(min, i, r) || contains(maxRows, need, sel.bottomRow(d, r)));
            min[i] = r;
        }
        Arrays.sort(max, 1, need);
        Arrays.sort(min, 1, need);
        return new Draw(max, min);
    }

    private static boolean contains(int[] a, int length, int v) {
        for (int i = 0; i < length; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    static Exemplar top(Selection sel, int d, int rank, IntFunction<String> ids) {
        int row = sel.topRow(d, rank);
        return new Exemplar(ids.apply(row), row, sel.topValue(d, rank));
    }

    static Exemplar bottom(Selection sel, int d, int rank, IntFunction<String> ids) {
        int row = sel.bottomRow(d, rank);
        return new Exemplar(ids.apply(row), row, sel.bottomValue(d, rank));
    }
}
