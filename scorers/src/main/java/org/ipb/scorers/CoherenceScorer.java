package org.ipb.scorers;

import org.ipb.core.plugin.PluginInfo;
import org.ipb.core.plugin.OptionSpec;
import org.ipb.core.plugin.Need;
import java.util.Set;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.SyntheticReferences;
import org.ipb.scorers.mis.ExemplarCoherence;

/**
 * {@code coherence}: mean pairwise observer similarity of the top-M exemplars (option {@code top},
 * default 5); for a synthetic candidate set, of its top-M maximising visualizations.
 */
final class CoherenceScorer implements Scorer {
    private static final PluginInfo INFO = new PluginInfo("coherence",
            "exemplar coherence, the Interpretability Index of Klindt et al. 2023: mean pairwise similarity of the"
                    + " top-M exemplars in the observer space", "", Set.of(Need.OBSERVER),
            List.of(new OptionSpec("top", String.valueOf(ExemplarCoherence.DEFAULT_TOP), "M, the exemplars compared")),
            List.of());

    @Override
    public PluginInfo describe() {
        return INFO;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public List<ScoreRow> score(ScoringContext ctx) {
        int m = ctx.intOption("top", ExemplarCoherence.DEFAULT_TOP);
        // A synthetic set is scored on what its participants see: the maximising visualizations
        // (the first task's max references, in decreasing activation), not the natural top exemplars.
        String reference = SyntheticReferences.kind(ctx.candidates());
        boolean synthetic = reference.equals(SyntheticReferences.SYNTHETIC);
        List<ScoreRow> rows = new ArrayList<>();
        for (CandidateDirection d : ctx.candidates().directions()) {
            CandidateDirection scored = synthetic && !d.tasks().isEmpty()
                    ? new CandidateDirection(d.id(), d.index(), d.tasks().get(0).maxReferences(), d.bottom(), d.tasks())
                    : d;
            double s = ExemplarCoherence.interpretabilityIndex(scored, ctx.embeddings(), m);
            rows.add(new ScoreRow(d.id(), d.index(), name(), version(), s, null,
                    Map.of("top", m, "references", reference)));
        }
        return rows;
    }
}
