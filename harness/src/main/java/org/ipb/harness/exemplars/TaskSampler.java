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
 * <p>Two protocols ({@link org.ipb.core.candidates.Protocol}). <b>{@code imi2023}</b> ({@link
 * #imi2023}), the published one: per direction the {@code kept} (200) most and least activating
 * stimuli are kept (Zimmermann, Klein &amp; Brendel 2023, brendel-group/imi,
 * {@code stimuli_generation/extract_exemplars.py}, {@code make_fair_batches}); ranks 1 to {@code
 * referenceRanks} (180) are cut into {@code refs} (9) bins of {@code referenceRanks / refs} (20)
 * consecutive ranks and ranks {@code referenceRanks + 1} to {@code kept} (181-200) form the query
 * bin; every bin is shuffled (seeded) and task {@code t} takes the {@code t}-th image of every bin,
 * so a side's references come one from each rank bin, its query from the query bin, and no image
 * is used in two tasks of a direction (which needs {@code tasks <= referenceRanks / refs} and
 * {@code tasks <= kept - referenceRanks}; the defaults 200 / 180 / 20 tasks fill every bin
 * exactly, as in the paper). Both sides do the same with the least activating stimuli. The bins of
 * direction {@code i} are shuffled from one stream {@code SplittableRandom(mix(seed, i))}.
 *
 * <p><b>{@code quantile}</b> ({@link #TaskSampler(int, int, long)}): per task, {@code refs + 1} stimuli are drawn uniformly without replacement from the top
 * quantile (the first drawn is the max query, the rest the max references) and {@code refs + 1}
 * from the bottom quantile (min query, min references), never reusing a stimulus within the task,
 * also across sides should a stimulus lie in both quantiles. Defaults: 9 references per side
 * (a 3x3 grid) and 20 tasks per direction, drawn from the top/bottom 20 % (see {@link
 * ExemplarPipeline}); sampling from a quantile instead of fixing the 9 most extreme images gives
 * many distinct tasks per direction.
 *
 * <p>References are listed in decreasing activation on the max side and increasing activation on
 * the min side (ties: lower row first). In the quantile protocol task {@code t} of direction
 * {@code i} draws from its own stream {@code SplittableRandom(mix(seed, i, t))}; in both protocols a
 * direction's tasks are the same whatever K, whichever directions are sampled and in whatever order.
 */
public final class TaskSampler {
    public static final int DEFAULT_REFERENCES = 9;
    public static final int DEFAULT_TASKS = 20;
    /** imi2023: most and least activating stimuli kept per direction (IMI: 200). */
    public static final int IMI_EXTREMES = 200;
    /** imi2023: references come from ranks 1 to this (IMI: 180), queries from the ranks after it. */
    public static final int IMI_REFERENCE_RANKS = 180;
    /** Salt of the imi2023 bin-shuffle stream, so it never coincides with a quantile task stream. */
    private static final long IMI_SALT = 0x494D_4932_3032_33L;

    private final int references;
    private final int tasks;
    private final long seed;
    /** imi2023 only, else 0. */
    private final int referenceRanks;

    /** The quantile protocol. */
    public TaskSampler(int references, int tasks, long seed) {
        this(references, tasks, seed, 0);
    }

    private TaskSampler(int references, int tasks, long seed, int referenceRanks) {
        if (references < 1 || tasks < 0) {
            throw new IllegalArgumentException("references >= 1 and tasks >= 0 required, got " + references + ", " + tasks);
        }
        this.references = references;
        this.tasks = tasks;
        this.seed = seed;
        this.referenceRanks = referenceRanks;
    }

    /**
     * The imi2023 protocol: references from ranks 1 to {@code referenceRanks} in {@code references}
     * equal bins, queries from the ranks after it up to the selection's {@code kept}.
     *
     * @throws IllegalArgumentException if {@code referenceRanks} is not a positive multiple of
     *     {@code references} (checked for users by {@link #checkImi2023})
     */
    public static TaskSampler imi2023(int references, int tasks, int referenceRanks, long seed) {
        if (references < 1 || referenceRanks < references || referenceRanks % references != 0) {
            throw new IllegalArgumentException("referenceRanks " + referenceRanks + " must be a positive multiple of "
                    + references + " references");
        }
        return new TaskSampler(references, tasks, seed, referenceRanks);
    }

    /**
     * Why an imi2023 protocol of these numbers cannot be drawn from {@code n} stimuli, or null when
     * it can: both sides need {@code extremes} distinct stimuli, the references {@code refs} equal
     * bins within {@code referenceRanks}, and every bin at least one image per task.
     */
    public static String checkImi2023(int n, int extremes, int referenceRanks, int refs, int tasks) {
        if (refs < 1 || tasks < 1) {
            return "references per side and tasks must be at least 1, got " + refs + " and " + tasks;
        }
        if (referenceRanks < refs || referenceRanks % refs != 0) {
            return "reference ranks " + referenceRanks + " must be a positive multiple of the " + refs
                    + " references per side (one rank bin per reference)";
        }
        if (extremes <= referenceRanks) {
            return "extremes " + extremes + " must exceed the reference ranks " + referenceRanks
                    + " (queries come from the ranks after the references)";
        }
        int bin = referenceRanks / refs;
        int queries = extremes - referenceRanks;
        if (tasks > bin || tasks > queries) {
            return tasks + " tasks need " + tasks + " images in every reference bin (have " + bin + " = "
                    + referenceRanks + " / " + refs + ") and in the query bin (have " + queries + " = " + extremes
                    + " - " + referenceRanks + "), since no image is used in two tasks";
        }
        if ((long) n < 2L * extremes) {
            return "has " + n + " stimuli, but protocol imi2023 needs 2 x " + extremes + " = " + 2L * extremes
                    + " (the " + extremes + " most and " + extremes + " least activating per direction, disjoint)";
        }
        return null;
    }

    public boolean isImi2023() {
        return referenceRanks > 0;
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
        if (isImi2023()) {
            return sampleImi2023(sel, d, ids);
        }
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

    private List<Task> sampleImi2023(Selection sel, int d, IntFunction<String> ids) {
        String problem = checkImi2023(2 * sel.kept(), sel.kept(), referenceRanks, references, tasks);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        int[][][] bins = imi2023Bins(sel.kept(), d);
        List<Task> out = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            List<Exemplar> maxRefs = new ArrayList<>(references);
            List<Exemplar> minRefs = new ArrayList<>(references);
            for (int i = 1; i <= references; i++) {
                maxRefs.add(top(sel, d, bins[0][i][t], ids));
                minRefs.add(bottom(sel, d, bins[1][i][t], ids));
            }
            out.add(new Task(t, maxRefs, minRefs, top(sel, d, bins[0][0][t], ids), bottom(sel, d, bins[1][0][t], ids)));
        }
        return out;
    }

    /**
     * The shuffled imi2023 rank bins of direction {@code d}: {@code [side][bin][position]} with side
     * 0 = most activating, 1 = least activating; bin 0 is the query bin (ranks {@code
     * referenceRanks .. kept - 1}, 0-based), bin {@code i >= 1} holds ranks {@code (i - 1) w .. i w -
     * 1} with {@code w = referenceRanks / references}. Rank 0 is the most extreme stimulus of a side.
     */
    int[][][] imi2023Bins(int kept, int d) {
        SplittableRandom rnd = new SplittableRandom(streamSeed(seed ^ IMI_SALT, d, 0));
        int w = referenceRanks / references;
        int[][][] bins = new int[2][references + 1][];
        for (int side = 0; side < 2; side++) {
            bins[side][0] = shuffledRange(referenceRanks, kept, rnd);
            for (int i = 1; i <= references; i++) {
                bins[side][i] = shuffledRange((i - 1) * w, i * w, rnd);
            }
        }
        return bins;
    }

    /** {@code from .. to - 1} in a Fisher-Yates order drawn from {@code rnd}. */
    private static int[] shuffledRange(int from, int to, SplittableRandom rnd) {
        int[] a = new int[to - from];
        for (int i = 0; i < a.length; i++) {
            a[i] = from + i;
        }
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
        return a;
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
