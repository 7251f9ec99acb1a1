package org.ipb.leaderboards.replicate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.ipb.core.Provenance;
import org.ipb.core.StagedOutput;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Task;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.ipb.harness.exemplars.ExemplarPipeline;
import org.ipb.harness.exemplars.ExemplarRequest;
import org.ipb.harness.exemplars.ExemplarResult;
import org.ipb.harness.exemplars.TaskSampler;
import org.ipb.harness.extract.ActivationExtractor;
import org.ipb.harness.extract.ExtractionRequest;
import org.ipb.harness.extract.Progress;
import org.ipb.harness.visualize.SyntheticCandidates;
import org.ipb.leaderboards.stats.Correlations;
import org.ipb.leaderboards.stats.Interval;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSetManifest;
import org.ipb.manifest.StimulusSets;
import org.ipb.scorers.observers.Observer;
import org.ipb.scorers.observers.Observers;
import org.ipb.scorers.observers.SyntheticImageObserver;

/**
 * {@code ipb replicate borowski2021}: the machine observer through the 11 reference conditions of
 * Borowski, Zimmermann, Schepers, Geirhos, Wallis, Bethge &amp; Brendel, "Exemplary Natural Images
 * Explain CNN Activations Better than State-of-the-Art Feature Visualization", ICLR 2021, on the
 * embedded default (decision record 0010).
 *
 * <p>Steps: extract the layers of the model on its stimulus set; per layer draw {@code
 * unitsPerLayer} units at random (seeded; the paper's Exp II used randomly drawn feature maps only);
 * keep each unit's 200 most / least activating stimuli ({@link ExemplarPipeline}) and lay out the
 * authors' 20 batches ({@link Borowski2021Tasks}: natural queries from ranks 1-20, references from
 * ranks 21-200); synthesise 9 maximising and 9 minimising feature visualizations per unit ({@link
 * SyntheticCandidates}, a diverse batch as in the paper); embed everything with the observer;
 * decide every task under every condition ({@link MachineDecision}). Accuracy per condition is the
 * mean over directions of their task accuracy, with a seeded percentile bootstrap over directions
 * (tasks of one direction share references and are not independent). The same settings give the
 * same {@code conditions.csv}.
 *
 * <p>Output, all or nothing ({@link StagedOutput}): {@code conditions.csv}, {@code directions.csv}
 * (per direction and condition), {@code replication.json}, {@code REPLICATION.md} and the
 * synthetic PNGs ({@code synthetic/<layer>/}).
 */
public final class Borowski2021Replication {
    public static final List<String> CSV_COLUMNS = List.of("experiment", "condition", "reference",
            "machine_accuracy", "machine_ci_low", "machine_ci_high", "human_accuracy", "human_n");
    public static final String MODEL = "fmnist-cnn";
    public static final List<String> DEFAULT_LAYERS = List.of("conv1", "conv2", "conv3", "conv4");
    /** Fits the 10-minute budget on 2 cores: 20 directions x ~14 s of feature visualization (measured: 16 in 229 s). */
    public static final int DEFAULT_UNITS_PER_LAYER = 5;
    public static final int DEFAULT_BOOTSTRAP = 2000;
    private static final String METHOD = "basis-sample";
    private static final long UNIT_SALT = 0x554E_4954_5321L;
    private static final long BOOT_SALT = 0x424F_4F54L;

    /**
     * What to run.
     *
     * @param layers layers of {@code fmnist-cnn}
     * @param unitsPerLayer units drawn per layer
     * @param tasks tasks (batches) per direction, 1..20
     * @param steps feature-visualization Adam steps
     * @param diversity weight of the diversity term of the synthetic batch
     * @param seed seed of every random choice (units, bins, visualization, bootstrap)
     * @param bootstrap bootstrap resamples of directions
     * @param observer observer name ({@link Observers#named})
     * @param referenceData folder with the authors' CSVs, or null for the published figures
     * @param out output folder
     */
    public record Settings(List<String> layers, int unitsPerLayer, int tasks, int steps, double diversity, long seed,
            int bootstrap, String observer, Path referenceData, Path out) {
        public Settings {
            layers = List.copyOf(layers);
        }

        /** The defaults with {@code out}: 5 units on each of conv1-conv4, 20 tasks, 512 steps, seed 0. */
        public static Settings defaults(Path referenceData, Path out) {
            return new Settings(DEFAULT_LAYERS, DEFAULT_UNITS_PER_LAYER, Borowski2021Tasks.TASKS,
                    org.ipb.harness.visualize.VisualizationSettings.DEFAULT_STEPS, SyntheticCandidates.DEFAULT_DIVERSITY,
                    0L, DEFAULT_BOOTSTRAP, "observer", referenceData, out);
        }
    }

    /** One condition's line of the table. */
    public record Row(Borowski2021Condition condition, double machine, Interval ci, Borowski2021Humans.Human human) {}

    /**
     * A published effect: mean over the conditions of group A minus mean over group B.
     *
     * @param machineCi bootstrap interval of the machine's difference (paired over directions)
     * @param reproduced the machine's difference has the sign the paper found (A &gt; B)
     */
    public record Effect(String name, String groupA, String groupB, int conditionsPerGroup, double machineA,
            double machineB, Interval machineCi, Double humanA, Double humanB, boolean reproduced) {
        public double machineDifference() {
            return machineA - machineB;
        }
    }

    /** One direction: where it is from and its accuracy per condition key. */
    public record DirectionResult(String id, String layer, int unit, Map<String, Double> accuracy) {}

    /** What was written. */
    public record Result(Path out, List<Row> rows, double spearman, int spearmanN, double spearmanWithoutNone,
            int spearmanWithoutNoneN, List<Effect> effects, List<DirectionResult> directions,
            Map<String, String> humanSources, Map<String, Double> timings) {}

    private final Consumer<String> log;

    public Borowski2021Replication(Consumer<String> log) {
        this.log = log;
    }

    public Result run(Settings s) {
        long t0 = System.nanoTime();
        check(s);
        ManifestFile<ModelManifest> model = Manifests.readModel(ManifestCatalog.model(MODEL));
        List<String> known = model.manifest().layers().stream().map(ModelManifest.Layer::name).toList();
        for (String l : s.layers()) {
            if (!known.contains(l) || l.equals("logits")) {
                throw new UserError("--layers: " + MODEL + " has no conv layer '" + l + "' (" + String.join(", ",
                        known.stream().filter(x -> !x.equals("logits")).toList()) + ")");
            }
        }
        // Humans first: a malformed reference file fails before minutes of optimisation.
        Borowski2021Humans.Result humans = Borowski2021Humans.read(s.referenceData());
        ManifestFile<StimulusSetManifest> stimuli = Manifests.readStimulusSet(
                ManifestCatalog.stimulusSet(model.manifest().stimulusSet()));
        Map<String, Double> timings = new LinkedHashMap<>();
        Path work;
        try {
            work = Files.createTempDirectory("ipb-replicate-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (StagedOutput out = StagedOutput.begin(s.out())) {
            long t = System.nanoTime();
            log.accept("extracting " + String.join(", ", s.layers()) + " of " + MODEL + " on "
                    + stimuli.manifest().name());
            Path acts = work.resolve("activations");
            new ActivationExtractor(line -> {}).run(new ExtractionRequest(model, stimuli, s.layers(), null, "auto", 256,
                    0, false, acts), Progress.NONE);
            timings.put("extractSeconds", since(t));

            List<LayerSets> layers = new ArrayList<>();
            double exemplarSeconds = 0;
            double synthSeconds = 0;
            for (int li = 0; li < s.layers().size(); li++) {
                String layer = s.layers().get(li);
                Path x = acts.resolve(layer + ".npy");
                int c = (int) Npy.shapeOf(x)[1];
                int[] units = units(c, s.unitsPerLayer(), s.seed(), li);
                Path d = work.resolve(layer + "-units.npy");
                float[] oneHot = new float[units.length * c];
                for (int j = 0; j < units.length; j++) {
                    oneHot[j * c + units[j]] = 1f;
                }
                Npy.write(d, NpyArray.ofFloats(oneHot, units.length, c));
                t = System.nanoTime();
                ExemplarRequest req = new ExemplarRequest(x, d, null, METHOD, null, null,
                        ExemplarRequest.DEFAULT_QUANTILE, TaskSampler.DEFAULT_REFERENCES, Borowski2021Tasks.TASKS,
                        s.seed(), Borowski2021Tasks.EXTREMES, 0, work.resolve(layer).resolve("natural"))
                        .imi2023(Borowski2021Tasks.EXTREMES, TaskSampler.IMI_REFERENCE_RANKS);
                ExemplarResult ex = new ExemplarPipeline().run(req);
                exemplarSeconds += since(t);
                t = System.nanoTime();
                log.accept(layer + ": units " + java.util.Arrays.toString(units) + "; synthesising 9 + 9 images each ("
                        + s.steps() + " steps)");
                SyntheticCandidates.Result syn = new SyntheticCandidates(m -> {}).run(new SyntheticCandidates.Request(
                        ex.candidates(), null, s.steps(), s.diversity(), s.seed(), null, "auto", 0,
                        work.resolve(layer).resolve("synthetic")));
                synthSeconds += since(t);
                layers.add(new LayerSets(layer, units, CandidateSets.read(ex.candidates()), syn.candidates(),
                        syn.set()));
            }
            timings.put("exemplarSeconds", exemplarSeconds);
            timings.put("synthesisSeconds", synthSeconds);

            t = System.nanoTime();
            log.accept("embedding with observer " + s.observer() + " and deciding " + Borowski2021Condition.ALL.size()
                    + " conditions");
            List<DirectionResult> dirs = decide(s, stimuli, layers);
            timings.put("decideSeconds", since(t));

            Map<String, double[]> perDirection = new LinkedHashMap<>();
            for (Borowski2021Condition c : Borowski2021Condition.ALL) {
                double[] a = new double[dirs.size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = dirs.get(i).accuracy().get(c.key());
                }
                perDirection.put(c.key(), a);
            }
            int[][] resamples = resamples(dirs.size(), s.bootstrap(), s.seed());
            List<Row> rows = new ArrayList<>();
            for (Borowski2021Condition c : Borowski2021Condition.ALL) {
                double[] a = perDirection.get(c.key());
                Interval ci = c.references() == 0 ? new Interval(0.5, 0.5) : Interval.percentile95(replicate(a,
                        resamples));
                rows.add(new Row(c, mean(a), ci, humans.byCondition().get(c.key())));
            }
            List<Effect> effects = effects(rows, perDirection, resamples);
            double[][] paired = paired(rows, true);
            double[][] pairedNoNone = paired(rows, false);
            timings.put("totalSeconds", since(t0));
            Result r = new Result(out.target(), rows, Correlations.spearman(paired[0], paired[1]), paired[0].length,
                    Correlations.spearman(pairedNoNone[0], pairedNoNone[1]), pairedNoNone[0].length, effects, dirs,
                    humans.sources(), timings);
            ReplicationFiles.write(out, s, r, humans, layers.stream().map(l -> new ReplicationFiles.LayerInfo(l.layer,
                    l.units, l.syntheticFile.getParent())).toList(), stimuli.manifest().name());
            out.commit();
            return r;
        } finally {
            deleteTree(work);
        }
    }

    /** A layer's natural and synthetic candidate sets. */
    private record LayerSets(String layer, int[] units, CandidateSet natural, Path syntheticFile,
            CandidateSet synthetic) {}

    private List<DirectionResult> decide(Settings s, ManifestFile<StimulusSetManifest> stimuli,
            List<LayerSets> layers) {
        List<DirectionResult> out = new ArrayList<>();
        try (StimulusSet set = StimulusSets.open(stimuli); Observer base = Observers.named(s.observer(), set)) {
            int g = 0;
            for (LayerSets l : layers) {
                Observer syn = SyntheticImageObserver.wrap(base, l.syntheticFile, l.synthetic);
                List<List<Task>> tasks = new ArrayList<>();
                Set<String> natural = new LinkedHashSet<>();
                Set<String> synthetic = new LinkedHashSet<>();
                for (int j = 0; j < l.natural.directions().size(); j++) {
                    CandidateDirection nd = l.natural.directions().get(j);
                    List<Task> ts = Borowski2021Tasks.tasks(nd.top(), nd.bottom(), s.tasks(), s.seed(), g + j);
                    tasks.add(ts);
                    for (Task t : ts) {
                        Stream.of(List.of(t.maxQuery(), t.minQuery()), t.maxReferences(), t.minReferences())
                                .flatMap(List::stream).forEach(e -> natural.add(e.id()));
                    }
                    Task st = l.synthetic.directions().get(j).tasks().get(0);
                    Stream.concat(st.maxReferences().stream(), st.minReferences().stream())
                            .forEach(e -> synthetic.add(e.id()));
                }
                Map<String, float[]> emb = new LinkedHashMap<>(base.embedAll(natural));
                emb.putAll(syn.embedAll(synthetic));
                for (int j = 0; j < tasks.size(); j++) {
                    CandidateDirection sd = l.synthetic.directions().get(j);
                    // Synthetic references are listed by decreasing (max) / increasing (min)
                    // activation, so the first is the most extreme, as for natural references.
                    List<float[]> synMax = embed(sd.tasks().get(0).maxReferences(), emb);
                    List<float[]> synMin = embed(sd.tasks().get(0).minReferences(), emb);
                    Map<String, Double> acc = new LinkedHashMap<>();
                    for (Borowski2021Condition c : Borowski2021Condition.ALL) {
                        double sum = 0;
                        for (Task t : tasks.get(j)) {
                            boolean nat = !c.reference().equals("synthetic");
                            sum += MachineDecision.correct(c, emb.get(t.maxQuery().id()), emb.get(t.minQuery().id()),
                                    nat ? embed(t.maxReferences(), emb) : synMax,
                                    nat ? embed(t.minReferences(), emb) : synMin);
                        }
                        acc.put(c.key(), sum / tasks.get(j).size());
                    }
                    out.add(new DirectionResult(l.natural.directions().get(j).id(), l.layer, l.units[j], acc));
                }
                g += tasks.size();
            }
        }
        return out;
    }

    private static List<float[]> embed(List<Exemplar> es, Map<String, float[]> emb) {
        List<float[]> out = new ArrayList<>(es.size());
        for (Exemplar e : es) {
            out.add(emb.get(e.id()));
        }
        return out;
    }

    /**
     * {@code k} distinct units of {@code c}, drawn uniformly (partial Fisher-Yates from a stream of
     * the seed and the layer's position), in increasing order.
     */
    static int[] units(int c, int k, long seed, int layerIndex) {
        if (k > c) {
            throw new UserError("--units-per-layer: " + k + " exceeds the " + c + " units of a layer");
        }
        int[] all = new int[c];
        for (int i = 0; i < c; i++) {
            all[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(TaskSampler.streamSeed(seed ^ UNIT_SALT, layerIndex, 0));
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(c - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        int[] out = java.util.Arrays.copyOf(all, k);
        java.util.Arrays.sort(out);
        return out;
    }

    /** The published effects, each as means over the conditions of two groups. */
    private static List<Effect> effects(List<Row> rows, Map<String, double[]> perDirection, int[][] resamples) {
        List<Effect> out = new ArrayList<>();
        out.add(effect("natural > synthetic", "natural references", "synthetic references", rows,
                r -> r.condition().reference().equals("natural"), r -> r.condition().reference().equals("synthetic"),
                perDirection, resamples));
        out.add(effect("9 > 1 references", "9 references (Exp II)", "1 reference (Exp II)", rows,
                r -> r.condition().experiment().equals("II") && r.condition().references() == 9,
                r -> r.condition().experiment().equals("II") && r.condition().references() == 1, perDirection,
                resamples));
        out.add(effect("min+max > max only", "Min-Max (Exp II)", "Max (Exp II)", rows,
                r -> r.condition().experiment().equals("II") && r.condition().minMax(),
                r -> r.condition().experiment().equals("II") && !r.condition().minMax(), perDirection, resamples));
        return out;
    }

    private static Effect effect(String name, String a, String b, List<Row> rows,
            java.util.function.Predicate<Row> inA, java.util.function.Predicate<Row> inB,
            Map<String, double[]> perDirection, int[][] resamples) {
        List<Row> ra = rows.stream().filter(inA).toList();
        List<Row> rb = rows.stream().filter(inB).toList();
        int n = perDirection.values().iterator().next().length;
        double[] diff = new double[n];
        for (int i = 0; i < n; i++) {
            for (Row r : ra) {
                diff[i] += perDirection.get(r.condition().key())[i] / ra.size();
            }
            for (Row r : rb) {
                diff[i] -= perDirection.get(r.condition().key())[i] / rb.size();
            }
        }
        double ma = ra.stream().mapToDouble(Row::machine).average().orElseThrow();
        double mb = rb.stream().mapToDouble(Row::machine).average().orElseThrow();
        return new Effect(name, a, b, ra.size(), ma, mb, Interval.percentile95(replicate(diff, resamples)),
                humanMean(ra), humanMean(rb), ma - mb > 0);
    }

    /** Mean human accuracy of the rows, or null when any of them has none. */
    private static Double humanMean(List<Row> rows) {
        if (rows.stream().anyMatch(r -> r.human() == null)) {
            return null;
        }
        return rows.stream().mapToDouble(r -> r.human().accuracy()).average().orElseThrow();
    }

    /** Machine and human accuracy of the conditions that have both. */
    private static double[][] paired(List<Row> rows, boolean withNone) {
        List<Row> both = rows.stream().filter(r -> r.human() != null)
                .filter(r -> withNone || r.condition().references() > 0).toList();
        return new double[][] {both.stream().mapToDouble(Row::machine).toArray(),
            both.stream().mapToDouble(r -> r.human().accuracy()).toArray()};
    }

    /** {@code b} resamples of {@code n} direction indices with replacement, seeded. */
    static int[][] resamples(int n, int b, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ BOOT_SALT);
        int[][] out = new int[b][n];
        for (int[] r : out) {
            for (int i = 0; i < n; i++) {
                r[i] = rnd.nextInt(n);
            }
        }
        return out;
    }

    static double[] replicate(double[] x, int[][] resamples) {
        double[] reps = new double[resamples.length];
        for (int b = 0; b < reps.length; b++) {
            double sum = 0;
            for (int i : resamples[b]) {
                sum += x[i];
            }
            reps[b] = sum / x.length;
        }
        return reps;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static void check(Settings s) {
        if (s.unitsPerLayer() < 1) {
            throw new UserError("--units-per-layer must be at least 1, got " + s.unitsPerLayer());
        }
        if (s.tasks() < 1 || s.tasks() > Borowski2021Tasks.TASKS) {
            throw new UserError("--tasks must be 1.." + Borowski2021Tasks.TASKS + " (the authors' 20 batches), got "
                    + s.tasks());
        }
        if (s.steps() < 1) {
            throw new UserError("--steps must be at least 1, got " + s.steps());
        }
        if (s.bootstrap() < 1) {
            throw new UserError("--bootstrap must be at least 1, got " + s.bootstrap());
        }
        if (s.layers().isEmpty()) {
            throw new UserError("--layers: give at least one layer");
        }
        if (s.referenceData() != null && !Files.isDirectory(s.referenceData()) && Files.exists(s.referenceData())) {
            throw new UserError(s.referenceData(), "--reference-data is not a folder");
        }
    }

    /** One line per effect for the console: both means, the difference with its interval, yes/no, humans. */
    public static String effectLine(Effect e) {
        return ReplicationFiles.effectLine(e);
    }

    private static double since(long t) {
        return (System.nanoTime() - t) / 1e9;
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> w = Files.walk(p)) {
            w.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is not worth failing a finished run
        }
    }
}
