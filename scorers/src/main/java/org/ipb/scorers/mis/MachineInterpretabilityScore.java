package org.ipb.scorers.mis;

import java.util.ArrayList;
import java.util.List;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Task;

/**
 * The Machine Interpretability Score (MIS) of Zimmermann, Klindt and Brendel, "Measuring mechanistic
 * interpretability at scale without humans" (arXiv:2403.17806, 2024; NeurIPS 2024 as "Measuring
 * per-unit interpretability at scale without humans"): a simulated observer does a direction's
 * 2-AFC tasks (Borowski et al., ICLR 2021).
 *
 * <p>For one task with max references E+, min references E-, max query q+ and min query q-, and an
 * observer embedding f (each embedding scaled to unit norm, so similarities are cosines):
 * <pre>
 *   s(q, E)   = (1/|E|) Σ_{e∈E} cos(f(q), f(e))
 *   delta     = [s(q+, E+) − s(q+, E−)] − [s(q−, E+) − s(q−, E−)]
 * </pre>
 * With the paper's DreamSim distance d = 1 − cos this is the same delta written with distances.
 * delta is positive when the max query looks more like the max references (relative to the min
 * references) than the min query does, i.e. when the observer decides the task correctly.
 *
 * <p>Two scores, as the authors' per-unit score files carry two columns ({@code mis}, {@code
 * mis_confidence}):
 * <ul>
 *   <li><b>hard</b> ({@link #hard}): the fraction of tasks with delta &gt; 0 (delta = 0 counts 1/2),
 *       the machine observer's 2-AFC accuracy; no free parameter;</li>
 *   <li><b>soft</b> ({@link #soft}): the mean of P(correct) = sigmoid(alpha · delta), where alpha
 *       belongs to the observer and is fitted by maximum likelihood to human responses ({@link
 *       AlphaFit}, {@link AlphaFile}). alpha 0.16, the default of the unofficial re-implementation
 *       klindtlab/MachInterp, is not the paper's and caps P at sigmoid(0.64) = 0.655 for cosine
 *       deltas in [−4, 4]; ipb has no default alpha.</li>
 * </ul>
 * Each is reported with the standard error of its mean over tasks, sd/√T with the sample standard
 * deviation (denominator T − 1), and 0 when T = 1.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class MachineInterpretabilityScore {
    private final double alpha;

    /**
     * A scorer with sigmoid slope {@code alpha}.
     *
     * @throws IllegalArgumentException if alpha is not finite and positive
     */
    public MachineInterpretabilityScore(double alpha) {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and positive, got " + alpha);
        }
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    /**
     * A direction's score.
     *
     * @param mis mean P(correct) over the tasks
     * @param standardError standard error of that mean over tasks (0 for one task)
     * @param tasks number of tasks T
     */
    public record Result(double mis, double standardError, int tasks) {}

    /**
     * delta = [s(q+, E+) − s(q+, E−)] − [s(q−, E+) − s(q−, E−)] on raw embeddings (see
     * {@link Cosine#meanSimilarity}).
     *
     * @throws IllegalArgumentException if a reference set is empty or embeddings are malformed
     */
    public static double delta(float[] maxQuery, float[] minQuery, List<float[]> maxReferences,
            List<float[]> minReferences) {
        double plus = Cosine.meanSimilarity(maxQuery, maxReferences) - Cosine.meanSimilarity(maxQuery, minReferences);
        double minus = Cosine.meanSimilarity(minQuery, maxReferences) - Cosine.meanSimilarity(minQuery, minReferences);
        return plus - minus;
    }

    /** The logistic function 1 / (1 + exp(−x)), computed without overflow. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** P(correct) = sigmoid(alpha · delta). */
    public double probabilityCorrect(double delta) {
        return sigmoid(alpha * delta);
    }

    /**
     * delta of one task, embeddings looked up by exemplar id.
     *
     * @throws IllegalArgumentException if a reference list is empty or an embedding is missing or
     *     malformed
     */
    public static double delta(Task task, EmbeddingLookup embeddings) {
        return delta(embeddings.embedding(task.maxQuery().id()), embeddings.embedding(task.minQuery().id()),
                embed(task.maxReferences(), embeddings), embed(task.minReferences(), embeddings));
    }

    /** P(correct) of one task. */
    public double probabilityCorrect(Task task, EmbeddingLookup embeddings) {
        return probabilityCorrect(delta(task, embeddings));
    }

    /**
     * MIS of a list of tasks: mean P(correct) and its standard error over tasks.
     *
     * @throws IllegalArgumentException if there are no tasks, or as {@link #delta(Task, EmbeddingLookup)}
     */
    public Result score(List<Task> tasks, EmbeddingLookup embeddings) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no tasks");
        }
        double[] p = new double[tasks.size()];
        for (int t = 0; t < p.length; t++) {
            p[t] = probabilityCorrect(tasks.get(t), embeddings);
        }
        return summarise(p);
    }

    /** MIS of a direction, over all its tasks. */
    public Result score(CandidateDirection direction, EmbeddingLookup embeddings) {
        if (direction.tasks().isEmpty()) {
            throw new IllegalArgumentException("direction " + direction.id() + " has no tasks");
        }
        return score(direction.tasks(), embeddings);
    }

    /** delta of every task, in task order. */
    public static double[] deltas(List<Task> tasks, EmbeddingLookup embeddings) {
        double[] d = new double[tasks.size()];
        for (int t = 0; t < d.length; t++) {
            d[t] = delta(tasks.get(t), embeddings);
        }
        return d;
    }

    /** The observer's decision on one task: 1 if delta &gt; 0, 1/2 if delta = 0, else 0. */
    public static double hardDecision(double delta) {
        return delta > 0 ? 1 : delta == 0 ? 0.5 : 0;
    }

    /**
     * Hard MIS: the fraction of tasks the observer decides correctly (ties 1/2), with its standard
     * error over tasks.
     *
     * @throws IllegalArgumentException if there are no tasks
     */
    public static Result hard(double[] deltas) {
        double[] c = new double[deltas.length];
        for (int t = 0; t < c.length; t++) {
            c[t] = hardDecision(deltas[t]);
        }
        return summarise(c);
    }

    /** Soft MIS under this alpha: the mean of sigmoid(alpha · delta) over tasks. */
    public Result soft(double[] deltas) {
        double[] p = new double[deltas.length];
        for (int t = 0; t < p.length; t++) {
            p[t] = probabilityCorrect(deltas[t]);
        }
        return summarise(p);
    }

    /**
     * Mean and standard error of the mean of per-task probabilities.
     *
     * @throws IllegalArgumentException if {@code p} is empty
     */
    public static Result summarise(double[] p) {
        int n = p.length;
        if (n == 0) {
            throw new IllegalArgumentException("no tasks");
        }
        double mean = 0;
        for (double v : p) {
            mean += v;
        }
        mean /= n;
        if (n == 1) {
            return new Result(mean, 0, 1);
        }
        double ss = 0;
        for (double v : p) {
            ss += (v - mean) * (v - mean);
        }
        return new Result(mean, Math.sqrt(ss / (n - 1)) / Math.sqrt(n), n);
    }

    private static List<float[]> embed(List<Exemplar> exemplars, EmbeddingLookup embeddings) {
        List<float[]> out = new ArrayList<>(exemplars.size());
        for (Exemplar e : exemplars) {
            out.add(embeddings.embedding(e.id()));
        }
        return out;
    }
}
