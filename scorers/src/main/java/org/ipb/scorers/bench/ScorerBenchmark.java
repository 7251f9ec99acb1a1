package org.ipb.scorers.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Task;
import org.ipb.manifest.StimulusSet;
import org.ipb.scorers.mis.ExemplarCoherence;
import org.ipb.scorers.mis.MachineInterpretabilityScore;
import org.ipb.scorers.observers.NetworkObserver;
import org.ipb.scorers.observers.Observer;
import org.ipb.scorers.observers.Observers;

/**
 * Times the machine scores on an observer:
 *
 * <ol>
 *   <li>the first embedding pass of the observer over the first {@code images} images of a set
 *       (preprocessing and forward passes, nothing cached before), in images per second;</li>
 *   <li>{@link MachineInterpretabilityScore#score(CandidateDirection, org.ipb.scorers.mis.EmbeddingLookup)}
 *       and {@link ExemplarCoherence#interpretabilityIndex(CandidateDirection, org.ipb.scorers.mis.EmbeddingLookup)}
 *       over synthetic directions whose embeddings are all cached, so that only the scoring is
 *       timed.</li>
 * </ol>
 *
 * <p>Each synthetic direction has {@code tasksPerDirection} tasks of 9 max references, 9 min
 * references and 2 queries, 20 distinct images drawn at random (seeded) from the embedded images;
 * its top exemplars are its first task's max references and its bottom ones the min references.
 * Activations are placeholders (they play no part in either score).
 */
public final class ScorerBenchmark {
    /** References per side of a task, as in the 3 × 3 grids of Borowski et al. (2021). */
    public static final int REFERENCES = 9;

    private ScorerBenchmark() {}

    /**
     * The figures of one run.
     *
     * @param observer observer name
     * @param device device the observer ran on ("" for pixel observers)
     * @param images images embedded
     * @param loadSeconds time to open the observer (load the model)
     * @param embedSeconds first embedding pass over the images
     * @param imagesPerSecond images / embedSeconds
     * @param directions synthetic directions scored
     * @param tasksPerDirection tasks per direction
     * @param misSeconds time for the MIS of all directions
     * @param coherenceSeconds time for the coherence (Interpretability Index) of all directions
     * @param meanMis mean MIS over the directions (≈ 0.5 for random directions)
     * @param meanCoherence mean coherence over the directions
     */
    public record Figures(String observer, String device, int images, double loadSeconds, double embedSeconds,
            double imagesPerSecond, int directions, int tasksPerDirection, double misSeconds,
            double coherenceSeconds, double meanMis, double meanCoherence) {}

    /**
     * Runs the benchmark.
     *
     * @param set the stimulus set (kept open)
     * @param observer observer name for {@link Observers#named}
     * @param images images to embed, 2·9 + 2 ≤ images ≤ set size
     * @param directions synthetic directions, at least 1
     * @param tasksPerDirection tasks per direction, at least 1
     * @param seed seed of the sampling
     * @param batchSize images per forward pass
     */
    public static Figures run(StimulusSet set, String observer, int images, int directions, int tasksPerDirection,
            long seed, int batchSize) {
        int perTask = 2 * REFERENCES + 2;
        if (images < perTask || images > set.size()) {
            throw new IllegalArgumentException("images must be in [" + perTask + ", " + set.size() + "], got " + images);
        }
        if (directions < 1 || tasksPerDirection < 1) {
            throw new IllegalArgumentException("need at least 1 direction and 1 task per direction");
        }
        List<String> ids = new ArrayList<>(images);
        for (int i = 0; i < images; i++) {
            ids.add(set.id(i));
        }
        long t0 = System.nanoTime();
        try (Observer obs = Observers.named(observer, set, null, batchSize)) {
            double load = (System.nanoTime() - t0) / 1e9;
            long e0 = System.nanoTime();
            obs.embedAll(ids);
            double embed = (System.nanoTime() - e0) / 1e9;
            String device = obs instanceof NetworkObserver n ? n.device() : "";

            List<CandidateDirection> dirs = directions(ids, directions, tasksPerDirection, new Random(seed));
            long m0 = System.nanoTime();
            double misSum = 0;
            for (CandidateDirection d : dirs) {
                misSum += MachineInterpretabilityScore.hard(MachineInterpretabilityScore.deltas(d.tasks(), obs)).mis();
            }
            double misSeconds = (System.nanoTime() - m0) / 1e9;
            long c0 = System.nanoTime();
            double cohSum = 0;
            for (CandidateDirection d : dirs) {
                cohSum += ExemplarCoherence.interpretabilityIndex(d, obs);
            }
            double cohSeconds = (System.nanoTime() - c0) / 1e9;
            return new Figures(obs.name(), device, images, load, embed, images / Math.max(1e-9, embed), directions,
                    tasksPerDirection, misSeconds, cohSeconds, misSum / directions, cohSum / directions);
        }
    }

    /** Synthetic directions over {@code ids}; see the class description. */
    static List<CandidateDirection> directions(List<String> ids, int directions, int tasksPerDirection, Random rnd) {
        List<CandidateDirection> out = new ArrayList<>(directions);
        for (int d = 0; d < directions; d++) {
            List<Task> tasks = new ArrayList<>(tasksPerDirection);
            for (int t = 0; t < tasksPerDirection; t++) {
                int[] pick = sample(ids.size(), 2 * REFERENCES + 2, rnd);
                List<Exemplar> maxRefs = new ArrayList<>();
                List<Exemplar> minRefs = new ArrayList<>();
                for (int r = 0; r < REFERENCES; r++) {
                    maxRefs.add(exemplar(ids, pick[r], 1f - r * 0.01f));
                    minRefs.add(exemplar(ids, pick[REFERENCES + r], -1f + r * 0.01f));
                }
                tasks.add(new Task(t, maxRefs, minRefs, exemplar(ids, pick[2 * REFERENCES], 0.9f),
                        exemplar(ids, pick[2 * REFERENCES + 1], -0.9f)));
            }
            out.add(new CandidateDirection("benchmark:random:" + d, d, tasks.get(0).maxReferences(),
                    tasks.get(0).minReferences(), tasks));
        }
        return out;
    }

    private static Exemplar exemplar(List<String> ids, int row, float activation) {
        return new Exemplar(ids.get(row), row, activation);
    }

    /** k distinct integers from [0, n), by a partial Fisher–Yates shuffle over a sparse swap table. */
    private static int[] sample(int n, int k, Random rnd) {
        java.util.HashMap<Integer, Integer> swapped = new java.util.HashMap<>();
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int vj = swapped.getOrDefault(j, j);
            int vi = swapped.getOrDefault(i, i);
            swapped.put(j, vi);
            out[i] = vj;
        }
        return out;
    }
}
