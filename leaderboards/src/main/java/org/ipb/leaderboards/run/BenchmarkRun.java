package org.ipb.leaderboards.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ipb.core.Provenance;
import org.ipb.core.Sha256;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.core.plugin.Need;
import org.ipb.harness.candidates.CandidatePipeline;
import org.ipb.harness.directions.ActivationMatrix;
import org.ipb.harness.directions.Numerics;
import org.ipb.harness.exemplars.ExemplarPipeline;
import org.ipb.harness.exemplars.ExemplarRequest;
import org.ipb.harness.extract.ActivationCache;
import org.ipb.harness.extract.Progress;
import org.ipb.leaderboards.board.BenchmarkDefinition;
import org.ipb.leaderboards.board.EntryProvenance;
import org.ipb.leaderboards.board.LeaderboardRow;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSetManifest;
import org.ipb.manifest.StimulusSets;
import org.ipb.scorers.ScoreRow;
import org.ipb.scorers.Scorer;
import org.ipb.scorers.Scorers;
import org.ipb.scorers.ScoringRun;
import org.ipb.scorers.observers.Observer;
import org.ipb.scorers.observers.Observers;
import org.ipb.scorers.observers.StoredEmbeddings;

/**
 * Runs a benchmark definition: extracts every layer once, then for each layer and method finds
 * the directions, picks exemplars and 2-AFC tasks, and scores them with the definition's scorers
 * (in this JVM, sharing one observer embedding of the whole stimulus set). A submitted directions
 * file goes through {@link #scoreDirections} with exactly the same protocol and seeds.
 */
public final class BenchmarkRun implements AutoCloseable {
    /** Where the run reports its stages. */
    public interface Stages {
        void stage(String what);
    }

    private final BenchmarkDefinition def;
    private final Path work;
    private final Stages stages;
    private final ManifestFile<ModelManifest> model;
    private final ManifestFile<StimulusSetManifest> stimuliManifest;
    private StimulusSet stimuli;
    private Observer observer;
    private final StageTimes times = new StageTimes();
    /** Folder of the definition file, against which its relative manifest paths resolve; null: the working folder. */
    private final Path base;

    public BenchmarkRun(BenchmarkDefinition def, Path work, Stages stages) {
        this(def, null, work, stages);
    }

    /** As above; {@code defFile} (may be null) is named in errors about the definition. */
    public BenchmarkRun(BenchmarkDefinition def, Path defFile, Path work, Stages stages) {
        this.def = def;
        this.work = work;
        this.stages = stages;
        this.base = defFile == null ? null : defFile.toAbsolutePath().normalize().getParent();
        this.model = Manifests.readModel(ManifestCatalog.model(relative(def.model())));
        String ds = def.stimulusSet() != null ? relative(def.stimulusSet()) : model.manifest().stimulusSet();
        this.stimuliManifest = Manifests.readStimulusSet(ManifestCatalog.stimulusSet(ds));
        List<String> known = model.manifest().layers().stream().map(ModelManifest.Layer::name).toList();
        for (String layer : def.layers()) {
            if (!known.contains(layer)) {
                throw new UserError(defFile != null ? defFile : model.file(), "benchmark " + def.key() + " names layer '"
                        + layer + "', which model " + def.model() + " does not have (" + String.join(", ", known) + ")");
            }
        }
        for (String method : def.methods()) {
            try {
                org.ipb.harness.directions.DirectionFinders.check(List.of(method), def.optionsOf(method).keySet());
            } catch (UserError e) {
                throw defFile != null ? new UserError(defFile, e.getMessage()) : e;
            }
        }
        for (Map.Entry<String, String> s : def.scorers().entrySet()) {
            Scorer scorer = Scorers.get(s.getKey());
            if (!scorer.version().equals(s.getValue())) {
                String msg = "benchmark " + def.key() + " was defined with scorer " + s.getKey() + " version "
                        + s.getValue() + ", this code has version " + scorer.version()
                        + ": define a new benchmark version";
                throw defFile != null ? new UserError(defFile, msg) : new UserError(msg);
            }
        }
    }

    /**
     * A manifest named by the definition: a shipped name as is, a relative {@code .json} path
     * against the definition's folder (so a lab's definition travels with its model files).
     */
    private String relative(String nameOrPath) {
        if (base == null || !nameOrPath.endsWith(".json") || Path.of(nameOrPath).isAbsolute()) {
            return nameOrPath;
        }
        return base.resolve(nameOrPath).normalize().toString();
    }

    /** The observer named by the definition, a {@code <manifest>.json:<layer>} resolved as {@link #relative}. */
    private String observerName() {
        String o = def.observer();
        int colon = o.lastIndexOf(':');
        return colon > 0 && o.substring(0, colon).endsWith(".json")
                ? relative(o.substring(0, colon)) + o.substring(colon) : o;
    }

    public BenchmarkDefinition definition() {
        return def;
    }

    /** Seconds spent so far, by layer and part. */
    public StageTimes times() {
        return times;
    }

    /** Contact sheets drawn (and published) per entry: those of its first directions. */
    public static final int SHEETS_PER_ENTRY = 3;

    /**
     * Activations of a layer ({@code work/activations/<layer>.npy}) under the shared reuse rule
     * ({@link ActivationCache}); all stale layers of the definition are extracted in one pass.
     */
    public Path activations(String layer) {
        ActivationCache cache = new ActivationCache(model, stimuliManifest, null, 0, work.resolve("activations"));
        if (!cache.stale(def.layers()).isEmpty()) {
            stages.stage("extracting " + String.join(", ", def.layers()) + " of " + def.model() + " on "
                    + stimuliManifest.manifest().name());
            long t0 = System.nanoTime();
            cache.ensure(def.layers(), line -> {}, Progress.NONE);
            times.add(StageTimes.RUN, "extract", seconds(t0));
        }
        return cache.file(layer);
    }

    /** Every built-in method on every layer of the definition, scored. */
    public List<EntryResult> builtins() {
        List<EntryResult> out = new ArrayList<>();
        for (String layer : def.layers()) {
            Path acts = activations(layer);
            ActivationMatrix x = ActivationMatrix.load(acts);
            for (String method : def.methods()) {
                stages.stage(layer + " / " + method);
                Path dir = work.resolve("entries").resolve(layer).resolve(method);
                long t0 = System.nanoTime();
                try (Numerics nx = Numerics.open("PyTorch")) {
                    var made = CandidatePipeline.run(method, acts, x, Math.min(def.k(), x.cols()), def.directionSeed(),
                            def.optionsOf(method), nx, dir.resolve("directions.npy"), d -> exemplarRequest(acts, d, method, dir));
                    double fit = made.directions().report().seconds();
                    times.add(layer, "directions", fit);
                    times.add(layer, "exemplars", Math.max(0, seconds(t0) - fit));
                }
                out.add(scoreDirections(layer, method, 0, "builtin", null, dir.resolve("directions.npy"), dir, true));
            }
        }
        return out;
    }

    /**
     * Exemplars, tasks and scores of one directions file on one layer, under the definition's
     * protocol and seeds. The directions must already be validated.
     */
    public EntryResult scoreDirections(String layer, String entry, int entryVersion, String kind, String description,
            Path directions, Path dir) {
        return scoreDirections(layer, entry, entryVersion, kind, description, directions, dir, false);
    }

    /** The exemplar request of the definition's protocol and seeds for one directions file. */
    private ExemplarRequest exemplarRequest(Path acts, Path directions, String entry, Path dir) {
        ExemplarRequest req = new ExemplarRequest(acts, directions, null, entry, null, null,
                def.quantile() != null ? def.quantile() : ExemplarRequest.DEFAULT_QUANTILE, def.references(),
                def.tasks(), def.taskSeed(), ExemplarRequest.DEFAULT_TOP, SHEETS_PER_ENTRY, dir.resolve("candidates"));
        return def.protocol().equals(org.ipb.core.candidates.Protocol.IMI2023)
                ? req.imi2023(def.extremes(), def.referenceRanks()) : req;
    }

    /** @param exemplarsDone the candidate pipeline already picked the exemplars into {@code dir/candidates} */
    private EntryResult scoreDirections(String layer, String entry, int entryVersion, String kind, String description,
            Path directions, Path dir, boolean exemplarsDone) {
        Path acts = activations(layer);
        ExemplarRequest req = exemplarRequest(acts, directions, entry, dir);
        long t0 = System.nanoTime();
        Path candidates = exemplarsDone ? req.out().resolve(ExemplarPipeline.CANDIDATES_FILE)
                : new ExemplarPipeline().run(req).candidates();
        if (!exemplarsDone) {
            times.add(layer, "exemplars", seconds(t0));
        }
        Path figures = dir.resolve("figures");
        List<String> scorers = List.copyOf(new java.util.TreeSet<>(def.scorers().keySet()));
        ScoringRun.Result scored = ScoringRun.score(candidates, CandidateSets.read(candidates), scorers,
                Scorers.anyNeeds(scorers, Need.OBSERVER) ? observer() : null, def.scorerOptions(), figures,
                (name, n, s) -> times.add(layer, name, s));
        CandidateSet set = scored.set();
        List<ScoreRow> rows = scored.rows();
        Map<String, Double> mis = new LinkedHashMap<>();
        for (ScoreRow r : rows) {
            if (r.scorer().equals(BenchmarkDefinition.CALIBRATED_SCORE)) {
                mis.put(r.direction(), r.score());
            }
        }
        EntryProvenance prov = new EntryProvenance(def.key(), def.bootstrapSeed(), Provenance.ipbVersion(),
                def.directionSeed(), Sha256.of(directions), Sha256.of(model.file()),
                new TreeMap<>(def.scorers()), new TreeMap<>(stimuliManifest.manifest().sha256()), def.taskSeed());
        return new EntryResult(entry, entryVersion, kind, description, def.model(), layer,
                set.directions().stream().map(CandidateDirection::id).toList(), rows, mis,
                scored.outputs().get(Scorers.ABLATION_AUC), summaries(rows), prov, sheets(candidates));
    }

    /** The contact sheets the exemplar pipeline drew next to {@code candidates}, in direction order. */
    static List<String> sheets(Path candidates) {
        Path folder = candidates.resolveSibling(ExemplarPipeline.SHEETS_FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".png")).sorted()
                    .map(p -> p.toAbsolutePath().normalize().toString()).toList();
        } catch (java.io.IOException e) {
            throw new UserError(folder, "cannot list the contact sheets: " + e.getMessage(), e);
        }
    }

    /** Mean, standard error and count per scorer measure. */
    static SortedMap<String, LeaderboardRow.ScoreSummary> summaries(List<ScoreRow> rows) {
        Map<String, List<ScoreRow>> by = new TreeMap<>();
        for (ScoreRow r : rows) {
            if (Double.isFinite(r.score())) {
                by.computeIfAbsent(r.scorer(), k -> new ArrayList<>()).add(r);
            }
        }
        SortedMap<String, LeaderboardRow.ScoreSummary> out = new TreeMap<>();
        for (Map.Entry<String, List<ScoreRow>> e : by.entrySet()) {
            List<ScoreRow> rs = e.getValue();
            double mean = rs.stream().mapToDouble(ScoreRow::score).average().orElse(Double.NaN);
            double ss = rs.stream().mapToDouble(r -> (r.score() - mean) * (r.score() - mean)).sum();
            double se = rs.size() > 1 ? Math.sqrt(ss / (rs.size() - 1) / rs.size()) : 0;
            out.put(e.getKey(), new LeaderboardRow.ScoreSummary(mean, se, rs.size(), rs.get(0).version()));
        }
        return out;
    }

    /**
     * The definition's observer with every stimulus embedded: restored from {@code
     * work/embeddings} when the same observer embedded the same set before (a submission then
     * costs no observer pass), else computed in one batched pass and stored there.
     */
    private Observer observer() {
        if (observer == null) {
            stimuli = StimulusSets.open(stimuliManifest);
            observer = Observers.named(observerName(), stimuli);
            Map<String, String> sha = new TreeMap<>(stimuliManifest.manifest().sha256());
            sha.put("(manifest)", Sha256.of(stimuliManifest.file()));
            Path stored = work.resolve("embeddings");
            long t0 = System.nanoTime();
            if (StoredEmbeddings.restore(stored, observer, stimuli, sha)) {
                times.add(StageTimes.RUN, "embed", seconds(t0));
                return observer;
            }
            stages.stage("embedding " + stimuliManifest.manifest().name() + " with observer " + def.observer());
            if (observer.identity() != null) {
                StoredEmbeddings.store(stored, observer, stimuli, sha);
            } else {
                List<String> ids = new ArrayList<>(stimuli.size());
                for (int i = 0; i < stimuli.size(); i++) {
                    ids.add(stimuli.id(i));
                }
                observer.embedAll(ids);
            }
            times.add(StageTimes.RUN, "embed", seconds(t0));
        }
        return observer;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    @Override
    public void close() {
        if (observer != null) {
            observer.close();
        }
        if (stimuli != null) {
            stimuli.close();
        }
    }
}
