package org.ipb.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSets;
import org.ipb.scorers.ScoreRow;
import org.ipb.scorers.ScoreTable;
import org.ipb.scorers.Scorer;
import org.ipb.scorers.Scorers;
import org.ipb.scorers.ScoringContext;
import org.ipb.scorers.observers.Observer;
import org.ipb.scorers.observers.Observers;
import org.ipb.scorers.observers.SyntheticImageObserver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb score}: automated interpretability scores of every direction of a candidate set. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score every direction of a candidate set (from ipb exemplars or ipb candidates) with the"
                + " chosen scorers; one CSV row per direction and measure: score, standard error, parameters,"
                + " scorer version.")
final class ScoreCommand implements Runnable {
    @Option(names = "--candidates", required = true,
            description = "Candidate set: a candidates.json or the folder holding it.")
    Path candidates;

    @Option(names = "--scorers", split = ",", defaultValue = "mis,coherence,selectivity,sparsity",
            description = "Scorers: mis, coherence, selectivity, sparsity, ablation (default: ${DEFAULT-VALUE};"
                    + " ablation also writes cumulative curves to <out stem>-figures/).")
    List<String> scorers;

    @Option(names = "--observer", defaultValue = "observer",
            description = "Observer embedding for mis and coherence: pixels, observer (the shipped fmnist-observer"
                    + " network's embed layer) or MODEL:LAYER (default: ${DEFAULT-VALUE}).")
    String observer;

    @Option(names = "--option", description = "Scorer option name=value, repeatable (alpha-file=FILE for mis.confidence, top=5, top-n=100).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--out", required = true, description = "Output CSV.")
    Path out;

    /** {@code scores.csv} → {@code scores-figures/}, for the ablation curves. */
    static Path figuresDir(Path out) {
        String name = out.getFileName().toString();
        String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return out.toAbsolutePath().resolveSibling(stem + "-figures");
    }

    /**
     * Every image id the set's exemplars and tasks mention, in first-use order (synthetic
     * references included: the observer of a synthetic set embeds them from their PNGs).
     */
    static java.util.Set<String> imageIds(CandidateSet set) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (var d : set.directions()) {
            d.top().forEach(e -> ids.add(e.id()));
            d.bottom().forEach(e -> ids.add(e.id()));
            for (var t : d.tasks()) {
                t.maxReferences().forEach(e -> ids.add(e.id()));
                t.minReferences().forEach(e -> ids.add(e.id()));
                ids.add(t.maxQuery().id());
                ids.add(t.minQuery().id());
            }
        }
        return ids;
    }

    /**
     * The named observer; for a synthetic set wrapped so that it embeds the synthetic references'
     * PNGs as stimulus images of the set ({@link SyntheticImageObserver}).
     */
    private Observer observer(StimulusSet stimuli, Path file, CandidateSet set) {
        Observer base = Observers.named(observer, stimuli);
        try {
            return SyntheticImageObserver.wrap(base, file, set);
        } catch (RuntimeException e) {
            base.close();
            throw e;
        }
    }

    @Override
    public void run() {
        List<Scorer> chosen = scorers.stream().map(Scorers::get).toList();
        Path file = Files.isDirectory(candidates) ? candidates.resolve("candidates.json") : candidates;
        CandidateSet set = CandidateSets.read(file);
        boolean needsObserver = scorers.contains("mis") || scorers.contains("coherence");
        Object manifest = set.provenance() == null ? null
                : ((Map<?, ?>) set.provenance().getOrDefault("stimulusSet", Map.of())).get("manifest");
        if (needsObserver && manifest == null) {
            throw new UserError(file + ": provenance names no stimulus-set manifest; cannot embed its images");
        }
        List<ScoreRow> rows = new ArrayList<>();
        try (StimulusSet stimuli = needsObserver ? StimulusSets.open(Path.of(manifest.toString())) : null;
                Observer embeddings = needsObserver ? observer(stimuli, file, set) : null) {
            if (embeddings != null) {
                // One batched pass over every image the scorers will look up, instead of one forward
                // pass per image on first use.
                embeddings.embedAll(imageIds(set));
            }
            ScoringContext ctx = new ScoringContext(file, set, embeddings, options, figuresDir(out));
            for (Scorer s : chosen) {
                long t0 = System.nanoTime();
                List<ScoreRow> r = s.score(ctx);
                rows.addAll(r);
                System.err.printf("%-12s %d rows in %.2f s%n", s.name(), r.size(), (System.nanoTime() - t0) / 1e9);
            }
        }
        ScoreTable.write(out, rows);
        System.out.printf("scored %d directions of %s (%s:%s:%s) with %s; wrote %s%n", set.k(), file, set.model(),
                set.layer(), set.method(), String.join(",", scorers), out);
    }
}
