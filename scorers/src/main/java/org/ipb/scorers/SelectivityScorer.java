package org.ipb.scorers;

import org.ipb.core.plugin.PluginInfo;
import org.ipb.core.plugin.OptionSpec;
import org.ipb.core.plugin.Need;
import java.util.Set;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.scorers.selectivity.Selectivity;

/**
 * {@code selectivity}: CCMAS, precision, localist and top-class selectivity of each direction's
 * projections over all stimuli (Gale et al. 2019 definitions; needs labels), four rows per
 * direction named {@code selectivity.<measure>}.
 */
final class SelectivityScorer implements Scorer {
    private static final PluginInfo INFO = new PluginInfo("selectivity",
            "class selectivity of the direction's projections: CCMAS (Morcos et al. 2018), precision (Zhou et al."
                    + " 2015), localist and top-class selectivity (Gale et al. 2019)", "", Set.of(Need.LABELS),
            List.of(new OptionSpec("top-n", String.valueOf(Selectivity.DEFAULT_TOP_N),
                    "top-activating stimuli whose labels give the precision")),
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
        int topN = ctx.intOption("top-n", Selectivity.DEFAULT_TOP_N);
        int[] y = ctx.labels();
        List<ScoreRow> rows = new ArrayList<>();
        for (CandidateDirection d : ctx.candidates().directions()) {
            Selectivity.Scores s = Selectivity.all(ctx.projection(d.index()), y, topN);
            Map<String, Object> none = Map.of();
            rows.add(new ScoreRow(d.id(), d.index(), "selectivity.ccmas", version(), s.ccmas(), null, none));
            rows.add(new ScoreRow(d.id(), d.index(), "selectivity.precision", version(), s.precision(), null,
                    Map.of("topN", topN)));
            rows.add(new ScoreRow(d.id(), d.index(), "selectivity.localist", version(), s.localist(), null, none));
            rows.add(new ScoreRow(d.id(), d.index(), "selectivity.top_class", version(), s.topClass(), null, none));
        }
        return rows;
    }
}
