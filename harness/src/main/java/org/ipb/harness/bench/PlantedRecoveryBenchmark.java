package org.ipb.harness.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.ipb.core.Provenance;
import org.ipb.core.StandardNormal;
import org.ipb.core.UserError;
import org.ipb.harness.directions.ActivationMatrix;
import org.ipb.harness.directions.DirectionFinders;
import org.ipb.harness.directions.DirectionFinding;
import org.ipb.harness.directions.DirectionRequest;
import org.ipb.harness.directions.DirectionSet;
import org.ipb.harness.directions.Numerics;

/**
 * {@code ipb bench planted}: how well each direction finder recovers planted features in
 * superposition (the toy setting of Elhage et al. 2022, "Toy models of superposition", and of
 * Sharkey, Braun &amp; Millidge 2022, "Taking features out of superposition with sparse
 * autoencoders"). A = {@code overcomplete}·C unit-norm atoms, Gaussian then normalised (uniform on
 * the sphere); each of the N samples is the sum of exactly {@code active} distinct atoms, drawn
 * uniformly, with coefficients {@link Coefficients#NONNEGATIVE} |N(0,1)| + {@code offset}, {@link
 * Coefficients#SIGNED} N(0,1) or {@link Coefficients#UNIFORM} U[0.5, 2]. No noise: the atoms are
 * the only structure there is.
 *
 * <p>Each method gets K = A directions and the data seed as its seed. The score of a run is
 * Sharkey et al.'s mean max cosine similarity: for each true atom, the largest |cos| with any
 * found direction (directions are defined up to sign), averaged over the atoms; an atom counts as
 * recovered when that cosine exceeds {@link #RECOVERED}. The sae rows run with {@code topk} =
 * {@code active}, the true number of features per sample (what a user who knows the L0 would
 * pass); the other methods run with their defaults.
 */
public final class PlantedRecoveryBenchmark {
    /** |cos| above which an atom counts as recovered. */
    public static final double RECOVERED = 0.9;

    /**
     * Default rows: the sae with its defaults before issue 13 (ReLU top-k, lr 1e-3, 30 epochs), with
     * today's defaults (ReLU top-k, lr 0.04/√C, at least 2000 steps), in signed top-k mode, dict and
     * kmeans.
     */
    public static final String DEFAULT_METHODS = "sae-topk:lr=0.001:epochs=30,sae-topk,sae-topk-abs,dict,kmeans";

    /** How the coefficients of the active atoms are drawn. */
    public enum Coefficients {
        /** |N(0,1)| + offset: every active feature is present with a positive magnitude. */
        NONNEGATIVE("nonneg"),
        /** N(0,1): a feature adds or subtracts along its atom. */
        SIGNED("signed"),
        /** U[0.5, 2], the magnitudes of the older 32-in-16 sae test: no heavy tail, so one atom rarely dominates. */
        UNIFORM("uniform");

        private final String label;

        Coefficients(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Coefficients parse(String s) {
            for (Coefficients c : values()) {
                if (c.label.equals(s.toLowerCase(Locale.ROOT))) {
                    return c;
                }
            }
            throw new UserError("coefficients must be nonneg, signed or uniform, got '" + s + "'");
        }
    }

    /** The planted atoms (A x C, unit rows) and the data (N x C). */
    public record Planted(float[] atoms, int atomCount, ActivationMatrix x) {}

    /** One (coefficients, seed, method) result. */
    public record Row(String coefficients, long seed, String method, int k, double meanMaxCos, int recovered,
            int atoms, double seconds) {}

    /** The benchmark's size: N samples of dimension C, overcomplete·C atoms, active atoms per sample. */
    public record Setup(int n, int c, int overcomplete, int active, double offset) {
        public Setup {
            if (n < 1 || c < 1 || overcomplete < 1) {
                throw new UserError("planted benchmark: --n, --c and --overcomplete must be at least 1");
            }
            if (active < 1 || active > overcomplete * c) {
                throw new UserError("planted benchmark: --active must be between 1 and the atom count "
                        + overcomplete * c + ", got " + active);
            }
            if (offset < 0) {
                throw new UserError("planted benchmark: --offset must be non-negative, got " + offset);
            }
        }

        public int atoms() {
            return overcomplete * c;
        }
    }

    private final Setup setup;
    private final List<Long> seeds;
    private final List<Coefficients> kinds;
    private final List<String> methods;
    private final Map<String, String> saeOptions;

    /**
     * @param methods rows to run: {@code sae-<sparsity>} (e.g. sae-topk, sae-topk-abs, sae-l1) or a
     *     registered method name, each optionally followed by {@code :name=value} options of that
     *     row alone (e.g. {@code sae-topk:lr=0.001}, {@code dict:alpha-scale=0.05})
     * @param saeOptions extra options of every sae row (e.g. epochs)
     */
    public PlantedRecoveryBenchmark(Setup setup, List<Long> seeds, List<Coefficients> kinds, List<String> methods,
            Map<String, String> saeOptions) {
        this.setup = setup;
        this.seeds = seeds;
        this.kinds = kinds;
        this.methods = methods;
        this.saeOptions = saeOptions;
        for (String m : methods) {
            DirectionFinders.check(List.of(finder(m)), options(m).keySet());
        }
    }

    /** Runs every (coefficients, seed, method) in order, handing each row to {@code onRow} when done. */
    public List<Row> run(Consumer<Row> onRow) {
        List<Row> rows = new ArrayList<>();
        try (Numerics nx = Numerics.open("PyTorch")) {
            for (Coefficients kind : kinds) {
                for (long seed : seeds) {
                    Planted p = generate(setup, kind, seed);
                    for (String m : methods) {
                        DirectionSet ds = DirectionFinding.run(DirectionFinders.get(finder(m)), p.x(),
                                new DirectionRequest(p.atomCount(), seed, options(m)), nx);
                        double[] best = bestCosines(p.atoms(), p.atomCount(), ds.directions(), ds.k(), setup.c());
                        double mean = 0;
                        int recovered = 0;
                        for (double b : best) {
                            mean += b / best.length;
                            recovered += b > RECOVERED ? 1 : 0;
                        }
                        Row r = new Row(kind.label(), seed, m, ds.k(), mean, recovered, best.length,
                                ds.report().seconds());
                        rows.add(r);
                        onRow.accept(r);
                    }
                }
            }
        }
        return rows;
    }

    /** The {@code --json} document of a run's rows. */
    public Map<String, Object> document(List<Row> rows) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "bench-planted");
        doc.put("setup", setup);
        doc.put("saeOptions", saeOptions);
        doc.put("recoveredAbove", RECOVERED);
        doc.put("results", rows);
        doc.put("run", Provenance.run());
        return doc;
    }

    /** Mean over seeds of each (coefficients, method): {@code [mean max |cos|, recovered, seconds]}. */
    public static Map<String, double[]> summary(List<Row> rows) {
        Map<String, double[]> out = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Row r : rows) {
            String key = r.coefficients() + " " + r.method();
            double[] s = out.computeIfAbsent(key, x -> new double[3]);
            s[0] += r.meanMaxCos();
            s[1] += r.recovered();
            s[2] += r.seconds();
            counts.merge(key, 1, Integer::sum);
        }
        out.forEach((key, s) -> {
            for (int i = 0; i < 3; i++) {
                s[i] /= counts.get(key);
            }
        });
        return out;
    }

    private static String finder(String method) {
        String name = method.split(":", 2)[0];
        return name.startsWith("sae-") ? "sae" : name;
    }

    /** The options of a row: the sae options and sparsity, topk = active, then the row's own. */
    private Map<String, String> options(String method) {
        String[] parts = method.split(":");
        Map<String, String> o = new LinkedHashMap<>();
        if (parts[0].startsWith("sae-")) {
            o.putAll(saeOptions);
            String sparsity = parts[0].substring(4);
            o.put("sparsity", sparsity);
            if (!sparsity.equals("l1")) {
                o.putIfAbsent("topk", Integer.toString(setup.active()));
            }
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2 || kv[0].isEmpty()) {
                throw new UserError("--methods: '" + parts[i] + "' in '" + method + "' is not name=value");
            }
            o.put(kv[0], kv[1]);
        }
        return o;
    }

    /**
     * The planted atoms and data of {@code setup} for one seed, drawn from a split of {@code
     * SplittableRandom(seed)}: the methods get the same seed, and the sae draws its initial decoder
     * as Gaussian rows from {@code SplittableRandom(seed)} itself, exactly as the atoms would be
     * drawn from it, so unsplit it would start at the answer.
     */
    public static Planted generate(Setup setup, Coefficients kind, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed).split();
        int c = setup.c();
        int a = setup.atoms();
        float[] atoms = new float[a * c];
        double[] v = new double[c];
        for (int i = 0; i < a; i++) {
            double norm = 0;
            while (!(norm > 0)) {
                norm = 0;
                for (int j = 0; j < c; j++) {
                    v[j] = StandardNormal.next(rnd);
                    norm += v[j] * v[j];
                }
            }
            double inv = 1 / Math.sqrt(norm);
            for (int j = 0; j < c; j++) {
                atoms[i * c + j] = (float) (v[j] * inv);
            }
        }
        int n = setup.n();
        float[] x = new float[n * c];
        int[] pool = new int[a];
        for (int i = 0; i < a; i++) {
            pool[i] = i;
        }
        for (int s = 0; s < n; s++) {
            // Partial Fisher-Yates: the first `active` entries of pool become a uniform draw without replacement.
            for (int t = 0; t < setup.active(); t++) {
                int j = t + rnd.nextInt(a - t);
                int tmp = pool[t];
                pool[t] = pool[j];
                pool[j] = tmp;
                double coef = switch (kind) {
                    case NONNEGATIVE -> Math.abs(StandardNormal.next(rnd)) + setup.offset();
                    case SIGNED -> StandardNormal.next(rnd);
                    case UNIFORM -> 0.5 + 1.5 * rnd.nextDouble();
                };
                for (int d = 0; d < c; d++) {
                    x[s * c + d] += (float) (coef * atoms[pool[t] * c + d]);
                }
            }
        }
        return new Planted(atoms, a, ActivationMatrix.of(x, n, c));
    }

    /** For each of the {@code a} true atoms, the largest |cos| with any of the k unit-norm directions. */
    public static double[] bestCosines(float[] atoms, int a, float[] directions, int k, int c) {
        double[] best = new double[a];
        for (int i = 0; i < a; i++) {
            for (int q = 0; q < k; q++) {
                double dot = 0;
                for (int j = 0; j < c; j++) {
                    dot += atoms[i * c + j] * directions[q * c + j];
                }
                best[i] = Math.max(best[i], Math.abs(dot));
            }
        }
        return best;
    }
}
