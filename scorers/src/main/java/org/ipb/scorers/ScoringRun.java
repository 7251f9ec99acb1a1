package org.ipb.scorers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.plugin.Need;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSets;
import org.ipb.scorers.mis.EmbeddingLookup;
import org.ipb.scorers.observers.Observer;
import org.ipb.scorers.observers.Observers;
import org.ipb.scorers.observers.SyntheticImageObserver;

/**
 * Scores one candidate set with several scorers: the step {@code ipb score} and benchmark runs
 * share. Whether an observer is needed comes from the scorers' descriptions ({@link Need#OBSERVER}),
 * and option keys that no chosen scorer declares are refused before any work.
 */
public final class ScoringRun {
    /** The set scored, the rows of every scorer in the order given, and their typed extra outputs. */
    public record Result(CandidateSet set, List<ScoreRow> rows, SortedMap<String, Double> outputs) {}

    /** Hears how long each scorer took. */
    public interface Listener {
        void scored(String scorer, int rows, double seconds);
    }

    private ScoringRun() {}

    /** Unknown scorer names and option keys fail here, naming the valid ones. */
    public static void check(Collection<String> scorers, Collection<String> optionKeys) {
        scorers.forEach(Scorers::get);
        Scorers.registry().rejectUnknownOptions(scorers, optionKeys);
    }

    /**
     * Scores {@code set} with {@code embeddings} already open (a benchmark run embeds the whole
     * stimulus set once and shares it across entries).
     *
     * @param embeddings the observer, or null when no chosen scorer needs one
     * @param figures folder for the figures scorers draw (ablation curves), or null
     */
    public static Result score(Path file, CandidateSet set, List<String> scorers, EmbeddingLookup embeddings,
            Map<String, String> options, Path figures, Listener listener) {
        check(scorers, options.keySet());
        ScoringContext ctx = new ScoringContext(file, set, embeddings, options, figures);
        List<ScoreRow> rows = new ArrayList<>();
        for (String name : scorers) {
            long t0 = System.nanoTime();
            List<ScoreRow> r = Scorers.get(name).score(ctx);
            rows.addAll(r);
            listener.scored(name, r.size(), (System.nanoTime() - t0) / 1e9);
        }
        return new Result(set, List.copyOf(rows), ctx.outputs());
    }

    /**
     * Scores the candidate set in {@code file}, opening the named observer over the stimulus set
     * its provenance names when a scorer needs one (for a synthetic set, wrapped so that it embeds
     * the synthetic references' PNGs), with one batched pass over every image the scorers look up.
     */
    public static Result score(Path file, List<String> scorers, String observer, Map<String, String> options,
            Path figures, Listener listener) {
        check(scorers, options.keySet());
        CandidateSet set = org.ipb.core.candidates.CandidateSets.read(file);
        if (!Scorers.anyNeeds(scorers, Need.OBSERVER)) {
            return score(file, set, scorers, null, options, figures, listener);
        }
        Path manifest = set.stimulusManifest();
        if (manifest == null) {
            throw new UserError(file + ": provenance names no stimulus-set manifest; cannot embed its images");
        }
        try (StimulusSet stimuli = StimulusSets.open(manifest);
                Observer embeddings = open(observer, stimuli, file, set)) {
            embeddings.embedAll(imageIds(set));
            return score(file, set, scorers, embeddings, options, figures, listener);
        }
    }

    private static Observer open(String observer, StimulusSet stimuli, Path file, CandidateSet set) {
        Observer base = Observers.named(observer, stimuli);
        try {
            return SyntheticImageObserver.wrap(base, file, set);
        } catch (RuntimeException e) {
            base.close();
            throw e;
        }
    }

    /**
     * Every image id the set's exemplars and tasks mention, in first-use order (synthetic
     * references included: the observer of a synthetic set embeds them from their PNGs).
     */
    public static Set<String> imageIds(CandidateSet set) {
        Set<String> ids = new LinkedHashSet<>();
        for (CandidateDirection d : set.directions()) {
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
}
