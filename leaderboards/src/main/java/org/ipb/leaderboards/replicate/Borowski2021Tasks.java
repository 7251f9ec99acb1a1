package org.ipb.leaderboards.replicate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Task;
import org.ipb.harness.exemplars.TaskSampler;

/**
 * The natural trials of Borowski et al. (ICLR 2021), rebuilt from a direction's ranked extremes.
 *
 * <p>The authors' stimulus code (bethgelab/testing_visualizations, {@code
 * generate_stimuli/save_natural_stimuli.py}) keeps per feature map the 200 most and 200 least
 * activating images, cuts each side into 10 bins of 20 consecutive ranks, shuffles every bin
 * (seeded) and gives batch {@code b} one image of every bin, saved as {@code max_0 .. max_9} in
 * ascending activation ({@code min_0 .. min_9} in ascending activation too). The experiments
 * ({@code human_experiments/exp_ii/experiment.py}) show {@code max_9} and {@code min_0} as queries
 * and {@code max_0..max_8}, {@code min_1..min_9} as references; the raw CSVs confirm the query
 * files. So, unlike the imi2023 protocol (queries from ranks 181-200), <b>the queries are the most
 * extreme bin (ranks 1-20)</b> and the 9 references come one from each of ranks 21-40, ..., 181-200.
 *
 * <p>With 1 reference (Exp II) the authors used batches of 2 images from the 40 most / least
 * activating: query from ranks 1-20, the single reference from ranks 21-40 - the same distribution
 * as the most extreme of the 9 references here, which is what {@link MachineDecision} takes.
 *
 * <p>Task {@code t} takes the {@code t}-th image of every shuffled bin, so no image appears in two
 * tasks of a direction. References are listed most extreme first. Bins of direction {@code d} are
 * shuffled from {@code SplittableRandom(TaskSampler.streamSeed(seed ^ SALT, d, 0))}.
 */
public final class Borowski2021Tasks {
    /** Most / least activating images kept per side (the authors': 200). */
    public static final int EXTREMES = 200;
    /** Images per batch: 1 query + 9 references per side. */
    public static final int BATCH = 10;
    /** Tasks (batches) per direction: 20, one per image of a 20-rank bin. */
    public static final int TASKS = EXTREMES / BATCH;
    private static final long SALT = 0x424F_524F_5753_4B49L;

    private Borowski2021Tasks() {}

    /**
     * The tasks of one direction.
     *
     * @param top the direction's most activating stimuli, most activating first (at least 200)
     * @param bottom its least activating stimuli, least activating first (at least 200)
     * @param tasks how many tasks (1 to 20)
     * @param seed master seed
     * @param direction the direction's index, so each direction shuffles its own bins
     * @throws IllegalArgumentException for too few exemplars or tasks out of range
     */
    public static List<Task> tasks(List<Exemplar> top, List<Exemplar> bottom, int tasks, long seed, int direction) {
        if (top.size() < EXTREMES || bottom.size() < EXTREMES) {
            throw new IllegalArgumentException("need " + EXTREMES + " exemplars per side, got " + top.size() + " and "
                    + bottom.size());
        }
        if (tasks < 1 || tasks > TASKS) {
            throw new IllegalArgumentException("tasks must be 1.." + TASKS + ", got " + tasks);
        }
        SplittableRandom rnd = new SplittableRandom(TaskSampler.streamSeed(seed ^ SALT, direction, 0));
        int[][] maxBins = bins(rnd);
        int[][] minBins = bins(rnd);
        List<Task> out = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            List<Exemplar> maxRefs = new ArrayList<>(BATCH - 1);
            List<Exemplar> minRefs = new ArrayList<>(BATCH - 1);
            for (int b = 1; b < BATCH; b++) {
                maxRefs.add(top.get(maxBins[b][t]));
                minRefs.add(bottom.get(minBins[b][t]));
            }
            out.add(new Task(t, maxRefs, minRefs, top.get(maxBins[0][t]), bottom.get(minBins[0][t])));
        }
        return out;
    }

    /** Bin {@code b} = ranks {@code 20b .. 20b + 19} (0-based, 0 most extreme), each shuffled. */
    private static int[][] bins(SplittableRandom rnd) {
        int w = EXTREMES / BATCH;
        int[][] bins = new int[BATCH][w];
        for (int b = 0; b < BATCH; b++) {
            for (int i = 0; i < w; i++) {
                bins[b][i] = b * w + i;
            }
            for (int i = w - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int tmp = bins[b][i];
                bins[b][i] = bins[b][j];
                bins[b][j] = tmp;
            }
        }
        return bins;
    }
}
