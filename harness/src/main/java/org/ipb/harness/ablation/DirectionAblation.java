package org.ipb.harness.ablation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ipb.core.UserError;
import org.ipb.harness.model.LoadedModel;
import org.ipb.manifest.StimulusSet;

/**
 * Test accuracy of a model when directions are projected out of one layer's activations, after
 * Morcos, Barrett, Rabinowitz and Botvinick (2018), "On the importance of single directions for
 * generalization", ICLR.
 *
 * <p>A direction d (unit norm, one weight per channel) is removed by {@code a ← a − (a·d) d} along
 * the channel axis, at every spatial position of an (N, C, H, W) layer or on each row of an (N, C)
 * layer. For a basis direction e_c this is exactly zero-ablation of channel c. Several directions
 * are removed together by projecting out their span: they are orthonormalised first (modified
 * Gram-Schmidt in double; a direction that lies in the span of the earlier ones adds nothing),
 * and {@code a ← a − Σ_i (a·q_i) q_i}; when the span is the whole channel space the result is
 * zero.
 *
 * <p>Per batch the stages up to the layer run once; only the stages after it run again for each
 * ablation ({@link LoadedModel#forwardFrom}: djl-block models, and torchscript models through the tail
 * their export wrote for the layer); an ablation
 * that removes nothing is the intact pass, and ablations with equal projectors share one pass.
 * Memory is bounded by one batch plus the layer outputs kept between calls (at most {@link
 * #CACHED_FLOATS} values).
 */
public final class DirectionAblation {
    /** Tolerance on ‖d‖ − 1 for a direction to count as unit norm (float32 directions). */
    public static final double UNIT_TOLERANCE = 1e-4;

    /** Accuracy with one direction removed; {@code drop} = intact − ablated accuracy. */
    public record DirectionResult(int direction, double accuracy, double drop) {
    }

    /** Intact accuracy and, per direction (row of D), the accuracy with that direction removed. */
    public record SingleResult(String model, String layer, int images, int channels, double intactAccuracy,
            List<DirectionResult> directions) {
    }

    /** Accuracy with the first {@code removed} directions of an order removed together. */
    public record CurvePoint(int removed, double accuracy, double drop) {
    }

    /** One cumulative ablation curve: the order of the directions (rows of D) and its points. */
    public record Curve(String order, List<Integer> directions, List<CurvePoint> points) {
    }

    /** Cumulative ablation in a seeded random order (null when not measured) and in a given score order. */
    public record CumulativeResult(String model, String layer, int images, int channels, double intactAccuracy,
            long seed, Curve random, Curve score) {
        /** The measured curves: random (when measured), then score. */
        public List<Curve> curves() {
            return random == null ? List.of(score) : List.of(random, score);
        }
    }

    private final LoadedModel model;
    private final String layer;
    private final int batchSize;
    private StimulusSet cachedSet;
    private final Map<Integer, Cached> cachedOutputs = new HashMap<>();
    private final Map<Integer, Integer> intactCorrect = new HashMap<>();
    private long cachedFloats;

    /**
     * @param model a model that {@link LoadedModel#canForwardFrom can run from the layer on}
     * @param layer a layer of the model, (N, C, H, W) or (N, C)
     * @param batchSize images per forward pass
     */
    public DirectionAblation(LoadedModel model, String layer, int batchSize) {
        if (!model.layers().contains(layer)) {
            throw new UserError("model " + model.name() + " has no layer '" + layer + "'; valid layers: "
                    + String.join(", ", model.layers()));
        }
        if (!model.canForwardFrom(layer)) {
            throw new UserError("model " + model.name() + " cannot be run from layer " + layer
                    + " on, which ablation needs: use a djl-block model, or a torchscript model whose layer names a"
                    + " tail (python/ipb_export.py exports one wherever the layer cuts the graph)");
        }
        if (batchSize < 1) {
            throw new UserError("ablation batch size must be at least 1, got " + batchSize);
        }
        this.model = model;
        this.layer = layer;
        this.batchSize = batchSize;
    }

    /**
     * Intact accuracy and the accuracy with each of the K directions removed on its own.
     *
     * @param directions K x C float32, row-major, unit-norm rows
     * @param k number of directions K
     * @param stimuli labelled stimulus set
     * @param images how many images to use, from the start of the set
     */
    public SingleResult single(float[] directions, int k, StimulusSet stimuli, int images) {
        int c = checkDirections(directions, k);
        List<double[][]> bases = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            double[] d = new double[c];
            for (int j = 0; j < c; j++) {
                d[j] = directions[i * c + j];
            }
            bases.add(new double[][] {d});
        }
        long[] correct = run(bases, c, stimuli, images);
        double intact = correct[0] / (double) images;
        List<DirectionResult> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            double acc = correct[i + 1] / (double) images;
            out.add(new DirectionResult(i, acc, intact - acc));
        }
        return new SingleResult(model.name(), layer, images, c, intact, List.copyOf(out));
    }

    /**
     * Cumulative ablation: for m = 0, step, 2·step, ..., maxRemoved (always including maxRemoved)
     * the accuracy with the first m directions of an order removed together, for a random order
     * (seeded permutation of the K rows) and for {@code scoreOrder}.
     *
     * @param scoreOrder distinct row indices of D, at least {@code maxRemoved} of them, e.g. from
     *     {@link #descending(double[])}
     * @param maxRemoved M, at most K
     * @param step spacing of the points, at least 1
     */
    public CumulativeResult cumulative(float[] directions, int k, int[] scoreOrder, long seed, int maxRemoved, int step,
            StimulusSet stimuli, int images) {
        return cumulative(directions, k, scoreOrder, seed, maxRemoved, step, stimuli, images, true);
    }

    /**
     * As above; without {@code withRandom} only the score-order curve is measured (the random
     * order's baseline costs as many forward passes again) and {@link CumulativeResult#random} is null.
     */
    public CumulativeResult cumulative(float[] directions, int k, int[] scoreOrder, long seed, int maxRemoved, int step,
            StimulusSet stimuli, int images, boolean withRandom) {
        int c = checkDirections(directions, k);
        if (maxRemoved < 0 || maxRemoved > k) {
            throw new UserError("ablation: can remove 0 to " + k + " directions, not " + maxRemoved);
        }
        if (step < 1) {
            throw new UserError("ablation step must be at least 1, got " + step);
        }
        checkOrder(scoreOrder, k, maxRemoved);
        List<Integer> randomOrder = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            randomOrder.add(i);
        }
        Collections.shuffle(randomOrder, new Random(seed));
        List<Integer> score = new ArrayList<>();
        for (int i : scoreOrder) {
            score.add(i);
        }
        List<Integer> ms = new ArrayList<>();
        for (int m = 0; m < maxRemoved; m += step) {
            ms.add(m);
        }
        ms.add(maxRemoved);

        List<double[][]> bases = new ArrayList<>();
        List<List<Integer>> orders = withRandom ? List.of(randomOrder, score) : List.of(score);
        for (List<Integer> order : orders) {
            double[][] q = new double[Math.min(maxRemoved, c)][];
            int[] rankAfter = orthonormalise(directions, c, order.subList(0, maxRemoved), q);
            for (int m : ms) {
                int r = m == 0 ? 0 : rankAfter[m - 1];
                double[][] basis = new double[r][];
                System.arraycopy(q, 0, basis, 0, r);
                bases.add(basis);
            }
        }
        long[] correct = run(bases, c, stimuli, images);
        double intact = correct[0] / (double) images;
        List<List<CurvePoint>> curves = new ArrayList<>();
        for (int o = 0; o < orders.size(); o++) {
            List<CurvePoint> pts = new ArrayList<>();
            for (int i = 0; i < ms.size(); i++) {
                double a = correct[1 + o * ms.size() + i] / (double) images;
                pts.add(new CurvePoint(ms.get(i), a, intact - a));
            }
            curves.add(List.copyOf(pts));
        }
        Curve scoreCurve = new Curve("score", List.copyOf(score.subList(0, maxRemoved)), curves.get(orders.size() - 1));
        Curve randomCurve = withRandom
                ? new Curve("random", List.copyOf(randomOrder.subList(0, maxRemoved)), curves.get(0)) : null;
        return new CumulativeResult(model.name(), layer, images, c, intact, seed, randomCurve, scoreCurve);
    }

    /** Row indices sorted by score, highest first (ties by index); NaN scores are a user error. */
    public static int[] descending(double[] scores) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new UserError("ablation: score of direction " + i + " is NaN");
            }
            idx.add(i);
        }
        idx.sort((a, b) -> {
            int cmp = Double.compare(scores[b], scores[a]);
            return cmp != 0 ? cmp : Integer.compare(a, b);
        });
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The (C, C) projector I − Σ q qᵀ onto the complement of the orthonormal rows {@code basis},
     * row-major in float (symmetric, so x·P projects row vectors x).
     */
    static float[] projector(int c, double[][] basis) {
        float[] p = new float[c * c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                double v = i == j ? 1 : 0;
                for (double[] q : basis) {
                    v -= q[i] * q[j];
                }
                p[i * c + j] = (float) v;
            }
        }
        return p;
    }

    /**
     * Removes the span of the orthonormal rows {@code basis} from activations {@code a} laid out
     * (N, C, S) with S spatial positions (1 for dense layers), in place. An empty basis leaves
     * {@code a} unchanged; a basis of C rows (the whole channel space) sets it to zero.
     */
    public static void projectOut(float[] a, int n, int c, int s, double[][] basis) {
        if (basis.length == 0) {
            return;
        }
        if (basis.length >= c) {
            java.util.Arrays.fill(a, 0, n * c * s, 0f);
            return;
        }
        double[] coef = new double[basis.length];
        for (int img = 0; img < n; img++) {
            int base = img * c * s;
            for (int p = 0; p < s; p++) {
                for (int i = 0; i < basis.length; i++) {
                    double[] q = basis[i];
                    double dot = 0;
                    for (int ch = 0; ch < c; ch++) {
                        dot += a[base + ch * s + p] * q[ch];
                    }
                    coef[i] = dot;
                }
                for (int ch = 0; ch < c; ch++) {
                    double v = a[base + ch * s + p];
                    for (int i = 0; i < basis.length; i++) {
                        v -= coef[i] * basis[i][ch];
                    }
                    a[base + ch * s + p] = (float) v;
                }
            }
        }
    }

    /**
     * Modified Gram-Schmidt over the rows of D in {@code order}; the orthonormal vectors go into
     * {@code q} in turn and the returned array holds, per prefix length m − 1, the rank of the
     * first m rows. A row whose remainder has norm below 1e-6 is dependent and adds nothing.
     */
    static int[] orthonormalise(float[] directions, int c, List<Integer> order, double[][] q) {
        int[] rankAfter = new int[order.size()];
        int r = 0;
        for (int m = 0; m < order.size(); m++) {
            if (r < c) {
                int row = order.get(m);
                double[] v = new double[c];
                for (int j = 0; j < c; j++) {
                    v[j] = directions[row * c + j];
                }
                for (int i = 0; i < r; i++) {
                    double dot = 0;
                    for (int j = 0; j < c; j++) {
                        dot += q[i][j] * v[j];
                    }
                    for (int j = 0; j < c; j++) {
                        v[j] -= dot * q[i][j];
                    }
                }
                double norm = 0;
                for (double x : v) {
                    norm += x * x;
                }
                norm = Math.sqrt(norm);
                if (norm > 1e-6) {
                    for (int j = 0; j < c; j++) {
                        v[j] /= norm;
                    }
                    q[r++] = v;
                }
            }
            rankAfter[m] = r;
        }
        return rankAfter;
    }

    /**
     * Counts correct answers over the first {@code images} stimuli: index 0 intact, index 1 + i
     * with the span of {@code bases.get(i)} removed. A channel mismatch is a user error.
     */
    private long[] run(List<double[][]> bases, int c, StimulusSet stimuli, int images) {
        if (images < 1 || images > stimuli.size()) {
            throw new UserError("ablation: number of images must be 1 to " + stimuli.size() + ", got " + images);
        }
        int[] labels = new int[images];
        for (int i = 0; i < images; i++) {
            labels[i] = stimuli.label(i);
            if (labels[i] < 0) {
                throw new UserError("ablation needs a labelled stimulus set; image " + i + " of "
                        + stimuli.manifest().name() + " has no label");
            }
        }
        Shape in = model.inputShape();
        long[] correct = new long[1 + bases.size()];
        for (int from = 0; from < images; from += batchSize) {
            int to = Math.min(images, from + batchSize);
            int n = to - from;
            try (NDManager bm = model.manager().newSubManager()) {
                NDArray act = layerOutput(bm, stimuli, from, to, in);
                Shape shape = act.getShape();
                if (shape.dimension() != 2 && shape.dimension() != 4) {
                    throw new UserError("layer " + layer + " has output shape " + shape
                            + "; only (N, C) and (N, C, H, W) layers can be ablated");
                }
                if (shape.get(1) != c) {
                    throw new UserError("directions have " + c + " channels but layer " + layer + " of model "
                            + model.name() + " has " + shape.get(1));
                }
                int s = shape.dimension() == 4 ? (int) (shape.get(2) * shape.get(3)) : 1;
                Integer known = intactCorrect.get(from);
                int intact = known != null ? known : countCorrect(model.forwardFrom(layer, act), labels, from);
                intactCorrect.put(from, intact);
                correct[0] += intact;
                // Channels last, one (N*S, C) x (C, C) product with the projector I - Q'Q per
                // ablation: a GEMM in the engine instead of a scalar Java loop, which made the
                // early layers' cumulative curves dominate ipb run (12 s per candidate set at conv1).
                NDArray flat = shape.dimension() == 4 ? act.transpose(0, 2, 3, 1).reshape(-1, c) : act;
                // Ablations with the same projector (nothing removed: the intact network; the whole
                // channel space at the end of both curves of a basis entry) are one forward pass.
                // Each pass is one batch: ablated copies of a batch run together in bigger passes
                // cost more CPU time, not less (measured at conv1: 33 vs 52 CPU-s at 1024 images).
                Map<ProjectorKey, Integer> done = new HashMap<>();
                for (int i = 0; i < bases.size(); i++) {
                    double[][] basis = bases.get(i);
                    if (basis.length == 0) {
                        correct[1 + i] += intact;
                        continue;
                    }
                    ProjectorKey key = new ProjectorKey(projector(c, basis));
                    Integer same = done.get(key);
                    if (same != null) {
                        correct[1 + i] += same;
                        continue;
                    }
                    try (NDManager dm = bm.newSubManager()) {
                        NDArray projected = flat.dot(dm.create(key.p(), new Shape(c, c)));
                        // The product belongs to flat's manager (the whole batch); move it, and so
                        // everything computed from it, to this ablation's manager, or every
                        // ablation's activations stay alive until the batch ends (6 GB at conv1).
                        projected.attach(dm);
                        NDArray x = shape.dimension() == 4
                                ? projected.reshape(n, shape.get(2), shape.get(3), c).transpose(0, 3, 1, 2)
                                : projected;
                        int ok = countCorrect(model.forwardFrom(layer, x), labels, from);
                        correct[1 + i] += ok;
                        done.put(key, ok);
                    }
                }
            }
        }
        return correct;
    }

    /** A projector as a map key, compared by value: equal projectors give the same forward pass. */
    private record ProjectorKey(float[] p) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ProjectorKey k && java.util.Arrays.equals(p, k.p);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(p);
        }
    }

    /**
     * The layer's output for stimuli [from, to): computed once per batch and kept for the next
     * call on the same stimulus set (single ablation, then the curves, read the same batches),
     * up to {@link #CACHED_FLOATS} values in all.
     */
    private NDArray layerOutput(NDManager bm, StimulusSet stimuli, int from, int to, Shape in) {
        if (cachedSet != stimuli) {
            cachedSet = stimuli;
            cachedOutputs.clear();
            cachedFloats = 0;
            intactCorrect.clear();
        }
        Cached hit = cachedOutputs.get(from);
        if (hit != null && hit.to == to) {
            return bm.create(hit.values, hit.shape);
        }
        int n = to - from;
        NDArray batch = bm.create(stimuli.preprocessed(from, to), new Shape(n, in.get(0), in.get(1), in.get(2)));
        NDArray act = model.readout(batch, Set.of(layer)).get(layer);
        if (cachedFloats + act.size() <= CACHED_FLOATS) {
            cachedOutputs.put(from, new Cached(to, act.getShape(), act.toFloatArray()));
            cachedFloats += act.size();
        }
        intactCorrect.remove(from);
        return act;
    }

    /** One batch's layer output kept between calls. */
    private record Cached(int to, Shape shape, float[] values) {}

    /** At most this many layer-output values are kept between calls (256 MiB of float). */
    static final long CACHED_FLOATS = 64L << 20;

    /** Number of rows of the (N, classes) output whose arg-max (first on ties) is the label. */
    static int countCorrect(NDArray output, int[] labels, int from) {
        Shape s = output.getShape();
        int n = (int) s.get(0);
        int classes = (int) (s.size() / n);
        float[] o = output.toFloatArray();
        int ok = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (o[i * classes + j] > o[i * classes + best]) {
                    best = j;
                }
            }
            if (best == labels[from + i]) {
                ok++;
            }
        }
        return ok;
    }

    /** Checks D (finite, unit-norm rows, length K·C) and returns C; C against the layer is checked on the first batch. */
    private int checkDirections(float[] directions, int k) {
        if (k < 1) {
            throw new UserError("ablation needs at least one direction, got K = " + k);
        }
        if (directions.length == 0 || directions.length % k != 0) {
            throw new UserError("ablation: " + directions.length + " direction values do not form " + k + " rows");
        }
        int c = directions.length / k;
        for (int i = 0; i < k; i++) {
            double norm = 0;
            for (int j = 0; j < c; j++) {
                float v = directions[i * c + j];
                if (!Float.isFinite(v)) {
                    throw new UserError("ablation: direction " + i + " has a non-finite value at channel " + j);
                }
                norm += (double) v * v;
            }
            norm = Math.sqrt(norm);
            if (Math.abs(norm - 1) > UNIT_TOLERANCE) {
                throw new UserError("ablation: direction " + i + " has norm " + norm + ", not 1");
            }
        }
        return c;
    }

    private static void checkOrder(int[] order, int k, int needed) {
        if (order == null || order.length < needed) {
            throw new UserError("ablation: score order has " + (order == null ? 0 : order.length)
                    + " entries, needs at least " + needed);
        }
        boolean[] seen = new boolean[k];
        for (int i : order) {
            if (i < 0 || i >= k) {
                throw new UserError("ablation: score order names direction " + i + ", valid are 0 to " + (k - 1));
            }
            if (seen[i]) {
                throw new UserError("ablation: score order names direction " + i + " twice");
            }
            seen[i] = true;
        }
    }
}
