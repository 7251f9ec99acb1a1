package org.ipb.scorers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.scorers.mis.ExemplarCoherence;

/** {@code coherence}: mean pairwise observer similarity of the top-M exemplars (option {@code top}, default 5). */
final class CoherenceScorer implements Scorer {
    @Override
    public String name() {
        return "coherence";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "exemplar coherence, the Interpretability Index of Klindt et al. 2023: mean pairwise similarity of the"
                + " top-M exemplars in the observer space; option top (default 5)";
    }

    @Override
    public List<ScoreRow> score(ScoringContext ctx) {
        int m = ctx.intOption("top", ExemplarCoherence.DEFAULT_TOP);
        List<ScoreRow> rows = new ArrayList<>();
        for (CandidateDirection d : ctx.candidates().directions()) {
            double s = ExemplarCoherence.interpretabilityIndex(d, ctx.embeddings(), m);
            rows.add(new ScoreRow(d.id(), d.index(), name(), version(), s, null, Map.of("top", m)));
        }
        return rows;
    }
}
