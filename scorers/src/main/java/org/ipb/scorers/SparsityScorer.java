package org.ipb.scorers;

import org.ipb.core.plugin.PluginInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.scorers.sparsity.Sparsity;

/** {@code sparsity}: kurtosis and Hoyer sparsity of each direction's projection distribution. */
final class SparsityScorer implements Scorer {
    private static final PluginInfo INFO = PluginInfo.of("sparsity",
            "sparsity of the direction's activation distribution: excess kurtosis and Hoyer sparsity (Hoyer 2004)", "");

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
        List<ScoreRow> rows = new ArrayList<>();
        for (CandidateDirection d : ctx.candidates().directions()) {
            float[] a = ctx.projection(d.index());
            rows.add(new ScoreRow(d.id(), d.index(), "sparsity.kurtosis", version(), Sparsity.kurtosis(a), null, Map.of()));
            rows.add(new ScoreRow(d.id(), d.index(), "sparsity.hoyer", version(), Sparsity.hoyer(a), null, Map.of()));
        }
        return rows;
    }
}
