package org.ipb.scorers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.scorers.sparsity.Sparsity;

/** {@code sparsity}: kurtosis and Hoyer sparsity of each direction's projection distribution. */
final class SparsityScorer implements Scorer {
    @Override
    public String name() {
        return "sparsity";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "sparsity of the direction's activation distribution: excess kurtosis and Hoyer sparsity (Hoyer 2004)";
    }

    @Override
    public List<ScoreRow> score(ScoringContext ctx) {
        List<ScoreRow> rows = new ArrayList<>();
        for (CandidateDirection d : ctx.candidates().directions()) {
            float[] a = ctx.projection(d.index());
            rows.add(new ScoreRow(d.id(), d.index(), "sparsity.kurtosis", version(), Sparsity.kurtosis(a), null, Map.of()));
            rows.add(new ScoreRow(d.id(), d.index(), "sparsity.hoyer", version(), Sparsity.hoyer(a), null, Map.of()));
        }
        return rows;
    }
}
