package org.ipb.harness.directions;

import org.ipb.core.plugin.PluginInfo;
import org.ipb.core.plugin.OptionSpec;
import java.util.Set;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.ipb.core.UserError;

/**
 * Spherical k-means (Dhillon &amp; Modha 2001, "Concept decompositions for large sparse text data
 * using clustering", Machine Learning 42) on the L2-normalised rows of X: the K "concept vectors"
 * maximising Σ_i cos(x_i, c_{j(i)}), as Klindt et al. 2023 ("Identifying interpretable visual
 * features in artificial and biological neural systems") used to find directions that are more
 * interpretable than single units.
 *
 * <p>Algorithm.
 *
 * <ul>
 *   <li>Rows of X with zero norm have no direction and are skipped (they take part in nothing and
 *       reconstruct exactly, their code being zero); their count is reported as {@code
 *       skippedZeroRows}. K may not exceed the number of non-zero rows.
 *   <li>Seeding: k-means++ (Arthur &amp; Vassilvitskii 2007, "k-means++: the advantages of careful
 *       seeding") with the cosine distance d = 1 - cos: the first centre is a uniformly drawn row,
 *       each next one is drawn with probability proportional to d(x, nearest centre), which for
 *       unit vectors is ||x - c||²/2, i.e. exactly D² sampling on the sphere. Greedy variant, as
 *       scikit-learn's: {@code local-trials} candidates (default 2 + ⌊ln K⌋; 1 gives plain
 *       k-means++) are drawn per step and the one that most lowers Σ d is kept. All draws come
 *       from {@link SplittableRandom}(seed).
 *   <li>Lloyd iterations (Dhillon &amp; Modha's spherical k-means): assign every row to the
 *       centroid of largest cosine (the K x N similarity is one NDArray product, then argMax);
 *       each centroid becomes the normalised sum of its members (their "concept vector");
 *       a centroid whose members sum to zero keeps its previous value. An empty cluster is
 *       re-seeded deterministically with the row farthest (lowest cosine) from its own centroid
 *       among clusters with more than one member; re-seedings are counted ({@code
 *       emptyClustersReseeded}).
 *   <li>Stopping: when no assignment changes, or when the relative change of the objective is at
 *       most {@code tol} (default 1e-5); at most {@code max-iter} (default 300, scikit-learn's
 *       KMeans default) iterations. {@code n-init} (default 1) independent seeded runs, the one
 *       with the highest objective kept.
 * </ul>
 *
 * <p>Report: objective = mean cosine similarity of the non-zero rows to their assigned centroid
 * (the spherical k-means objective divided by their number; higher is better). Reconstruction of a
 * row by its centroid, x̂ = (x·c_j) c_j, so ||x - x̂||² = ||x||²(1 - cos²), relative to ||X||²_F
 * of the original (unnormalised) rows. The code of a row is x·c_j on its cluster and zero
 * elsewhere: code sparsity is 1 - 1/K (a little more with zero rows or rows orthogonal to their
 * centroid). Dead directions are clusters empty after the final assignment; cluster sizes (min,
 * max) are in {@code extra}.
 */
final class KmeansDirections implements DirectionFinder {
    static final int DEFAULT_MAX_ITER = 300;
    /**
     * 1e-5: on the 60,000 x 128 benchmark matrix (K = 64) it stops after a third of the
     * iterations 1e-6 needs, at an objective (0.66417) still above scikit-learn's (0.66408).
     */
    static final double DEFAULT_TOL = 1e-5;

    private static final PluginInfo INFO = new PluginInfo("kmeans",
            "spherical k-means on L2-normalised rows, k-means++ seeding (Dhillon & Modha 2001; Klindt et al. 2023)",
            "K = --k (ipb candidates and benchmark runs use C, the layer's width, when it is not given)", Set.of(), List.of(
                    new OptionSpec("max-iter", String.valueOf(DEFAULT_MAX_ITER), "Lloyd iterations per run at most"),
                    new OptionSpec("tol", String.valueOf(DEFAULT_TOL), "stop when the objective changes by at most tol x itself"),
                    new OptionSpec("n-init", "1", "seeded restarts; the best objective wins"),
                    new OptionSpec("local-trials", "2 + ln K", "k-means++ candidates per centre (greedy seeding)")),
            List.of());

    @Override
    public PluginInfo describe() {
        return INFO;
    }

    @Override
    public void validate(ActivationMatrix x, DirectionRequest request, int k) {
        if (k < 1) {
            throw new UserError(x.label() + ": kmeans needs --k of at least 1");
        }
        if (request.intOption("max-iter", DEFAULT_MAX_ITER) < 1) {
            throw new UserError("option max-iter must be at least 1, got " + request.intOption("max-iter", 0));
        }
        if (request.intOption("n-init", 1) < 1) {
            throw new UserError("option n-init must be at least 1, got " + request.intOption("n-init", 0));
        }
        if (request.intOption("local-trials", 1) < 1) {
            throw new UserError("option local-trials must be at least 1, got " + request.intOption("local-trials", 0));
        }
        if (request.doubleOption("tol", DEFAULT_TOL) < 0) {
            throw new UserError("option tol must be non-negative, got " + request.doubleOption("tol", 0));
        }
        int nonZero = 0;
        int c = x.cols();
        float[] d = x.data();
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < c; j++) {
                if (d[i * c + j] != 0f) {
                    nonZero++;
                    break;
                }
            }
        }
        if (k > nonZero) {
            throw new UserError(x.label() + ": kmeans clusters the non-zero rows, and only " + nonZero + " of the "
                    + x.rows() + " rows are non-zero, fewer than --k " + k);
        }
    }

    @Override
    public FitResult fit(ActivationMatrix x, int k, DirectionRequest request, Numerics numerics) {
        int maxIter = request.intOption("max-iter", DEFAULT_MAX_ITER);
        double tol = request.doubleOption("tol", DEFAULT_TOL);
        int nInit = request.intOption("n-init", 1);
        int localTrials = request.intOption("local-trials", 2 + (int) Math.log(k));
        Unit unit = Unit.of(x);
        int m = unit.rows();
        int c = x.cols();
        SplittableRandom master = new SplittableRandom(request.seed());
        Run best = null;
        int bestInit = 0;
        double[] perInit = new double[nInit];
        try (NDManager manager = numerics.manager().newSubManager()) {
            NDArray xt = Numerics.matrix(manager, unit.data(), m, c).transpose(); // C x M view
            for (int init = 0; init < nInit; init++) {
                Run run = lloyd(unit, xt, k, master.split(), maxIter, tol, localTrials);
                perInit[init] = run.objective;
                if (best == null || run.objective > best.objective) {
                    best = run;
                    bestInit = init;
                }
            }
        }
        int[] sizes = new int[k];
        for (int label : best.labels) {
            sizes[label]++;
        }
        int dead = 0;
        int minSize = Integer.MAX_VALUE;
        int maxSize = 0;
        for (int s : sizes) {
            dead += s == 0 ? 1 : 0;
            minSize = Math.min(minSize, s);
            maxSize = Math.max(maxSize, s);
        }
        double residual = 0;
        double total = 0;
        long nonZeroCodes = 0;
        for (int i = 0; i < m; i++) {
            double n2 = unit.norms()[i] * unit.norms()[i];
            double cos = Math.max(-1, Math.min(1, best.cos[i]));
            residual += n2 * (1 - cos * cos);
            total += n2;
            nonZeroCodes += best.cos[i] != 0f ? 1 : 0;
        }
        double relError = total > 0 ? Math.max(0, residual / total) : 0;
        double sparsity = 1 - (double) nonZeroCodes / ((double) x.rows() * k);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("skippedZeroRows", x.rows() - m);
        extra.put("clusterSizeMin", minSize);
        extra.put("clusterSizeMax", maxSize);
        extra.put("emptyClustersReseeded", best.reseeded);
        extra.put("nInit", nInit);
        extra.put("bestInit", bestInit);
        extra.put("objectivePerInit", perInit);
        extra.put("localTrials", localTrials);
        return new FitResult(best.centroids, k, "mean cosine to assigned centroid (spherical k-means)", best.objective,
                relError, sparsity, dead, best.iterations, best.converged, extra);
    }

    /** One seeded run: k-means++ seeding, then Lloyd iterations. */
    private static Run lloyd(Unit unit, NDArray xt, int k, SplittableRandom rnd, int maxIter, double tol,
            int localTrials) {
        int c = unit.cols();
        float[] centroids = seed(unit, xt, k, rnd, localTrials);
        Assignment a = assign(xt, centroids, k, c);
        int reseeded = 0;
        int iterations = 0;
        boolean converged = false;
        while (iterations < maxIter) {
            iterations++;
            reseeded += update(unit, a.labels, a.cos, centroids, k);
            Assignment next = assign(xt, centroids, k, c);
            int changed = 0;
            for (int i = 0; i < next.labels.length; i++) {
                changed += next.labels[i] != a.labels[i] ? 1 : 0;
            }
            double previous = a.objective;
            a = next;
            if (changed == 0 || Math.abs(a.objective - previous) <= tol * Math.abs(a.objective)) {
                converged = true;
                break;
            }
        }
        return new Run(centroids, a.labels, a.cos, a.objective, iterations, converged, reseeded);
    }

    /**
     * k-means++ on the sphere: D² sampling with d = 1 - cos, greedy over {@code trials}
     * candidates per centre.
     */
    static float[] seed(Unit unit, NDArray xt, int k, SplittableRandom rnd, int trials) {
        int m = unit.rows();
        int c = unit.cols();
        float[] centroids = new float[k * c];
        int first = rnd.nextInt(m);
        System.arraycopy(unit.data(), first * c, centroids, 0, c);
        double[] closest = distances(xt, unit, new int[] {first}, m)[0];
        double[] cumulative = new double[m];
        for (int j = 1; j < k; j++) {
            double sum = 0;
            for (int i = 0; i < m; i++) {
                sum += closest[i];
                cumulative[i] = sum;
            }
            int[] candidates = new int[trials];
            for (int t = 0; t < trials; t++) {
                if (sum > 0) {
                    double r = rnd.nextDouble() * sum;
                    int idx = Arrays.binarySearch(cumulative, r);
                    idx = idx >= 0 ? idx + 1 : -idx - 1; // first index with cumulative > r
                    while (idx < m - 1 && closest[idx] == 0) {
                        idx++;
                    }
                    candidates[t] = Math.min(idx, m - 1);
                } else {
                    candidates[t] = rnd.nextInt(m); // every row is already a centre's direction
                }
            }
            double[][] d = distances(xt, unit, candidates, m);
            int bestT = 0;
            double bestPotential = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                double potential = 0;
                for (int i = 0; i < m; i++) {
                    potential += Math.min(closest[i], d[t][i]);
                }
                if (potential < bestPotential) {
                    bestPotential = potential;
                    bestT = t;
                }
            }
            for (int i = 0; i < m; i++) {
                closest[i] = Math.min(closest[i], d[bestT][i]);
            }
            System.arraycopy(unit.data(), candidates[bestT] * c, centroids, j * c, c);
        }
        return centroids;
    }

    /** 1 - cos between the given rows and every row, clamped at 0; one NDArray product. */
    private static double[][] distances(NDArray xt, Unit unit, int[] rows, int m) {
        int c = unit.cols();
        float[] cand = new float[rows.length * c];
        for (int t = 0; t < rows.length; t++) {
            System.arraycopy(unit.data(), rows[t] * c, cand, t * c, c);
        }
        float[] sims;
        try (NDManager scratch = xt.getManager().newSubManager()) {
            sims = Numerics.matrix(scratch, cand, rows.length, c).matMul(xt).toFloatArray();
        }
        double[][] d = new double[rows.length][m];
        for (int t = 0; t < rows.length; t++) {
            for (int i = 0; i < m; i++) {
                d[t][i] = Math.max(0, 1 - (double) sims[t * m + i]);
            }
        }
        return d;
    }

    /** Each row to the centroid of largest cosine: a K x M product, argMax and max over K. */
    static Assignment assign(NDArray xt, float[] centroids, int k, int c) {
        try (NDManager scratch = xt.getManager().newSubManager()) {
            NDArray s = Numerics.matrix(scratch, centroids, k, c).matMul(xt);
            long[] arg = s.argMax(0).toLongArray();
            float[] max = s.max(new int[] {0}).toFloatArray();
            int[] labels = new int[arg.length];
            double sum = 0;
            for (int i = 0; i < arg.length; i++) {
                labels[i] = (int) arg[i];
                sum += max[i];
            }
            return new Assignment(labels, max, sum / arg.length);
        }
    }

    /**
     * Re-seeds empty clusters (moving the farthest rows of clusters with more than one member),
     * then sets each centroid to the normalised sum of its members. Modifies {@code labels} and
     * {@code centroids}; returns the number of re-seeded clusters.
     */
    static int update(Unit unit, int[] labels, float[] cos, float[] centroids, int k) {
        int m = unit.rows();
        int c = unit.cols();
        int[] counts = new int[k];
        for (int label : labels) {
            counts[label]++;
        }
        int reseeded = 0;
        Integer[] order = null;
        int next = 0;
        boolean[] moved = null;
        for (int j = 0; j < k; j++) {
            if (counts[j] > 0) {
                continue;
            }
            if (order == null) {
                order = new Integer[m];
                for (int i = 0; i < m; i++) {
                    order[i] = i;
                }
                // Farthest first; ties by row index, so the choice is deterministic.
                Arrays.sort(order, (p, q) -> cos[p] != cos[q] ? Float.compare(cos[p], cos[q]) : Integer.compare(p, q));
                moved = new boolean[m];
            }
            while (next < m && (moved[order[next]] || counts[labels[order[next]]] <= 1)) {
                next++;
            }
            if (next == m) {
                break; // cannot happen while K <= M (some cluster has two members)
            }
            int row = order[next++];
            counts[labels[row]]--;
            labels[row] = j;
            counts[j] = 1;
            moved[row] = true;
            reseeded++;
        }
        double[] sums = new double[k * c];
        float[] data = unit.data();
        for (int i = 0; i < m; i++) {
            int base = labels[i] * c;
            int src = i * c;
            for (int t = 0; t < c; t++) {
                sums[base + t] += data[src + t];
            }
        }
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int t = 0; t < c; t++) {
                s += sums[j * c + t] * sums[j * c + t];
            }
            if (s > 0) {
                double inv = 1 / Math.sqrt(s);
                for (int t = 0; t < c; t++) {
                    centroids[j * c + t] = (float) (sums[j * c + t] * inv);
                }
            }
        }
        return reseeded;
    }

    /** The non-zero rows of X scaled to unit norm, with their original norms. */
    record Unit(float[] data, double[] norms, int rows, int cols) {
        static Unit of(ActivationMatrix x) {
            int n = x.rows();
            int c = x.cols();
            float[] src = x.data();
            double[] norms = new double[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < c; j++) {
                    s += (double) src[i * c + j] * src[i * c + j];
                }
                norms[i] = Math.sqrt(s);
                m += s > 0 ? 1 : 0;
            }
            float[] data = new float[m * c];
            double[] kept = new double[m];
            int r = 0;
            for (int i = 0; i < n; i++) {
                if (norms[i] > 0) {
                    double inv = 1 / norms[i];
                    for (int j = 0; j < c; j++) {
                        data[r * c + j] = (float) (src[i * c + j] * inv);
                    }
                    kept[r++] = norms[i];
                }
            }
            return new Unit(data, kept, m, c);
        }
    }

    record Assignment(int[] labels, float[] cos, double objective) {}

    private record Run(float[] centroids, int[] labels, float[] cos, double objective, int iterations,
            boolean converged, int reseeded) {}
}
