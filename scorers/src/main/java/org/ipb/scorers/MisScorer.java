package org.ipb.scorers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.scorers.mis.MachineInterpretabilityScore;

/** {@code mis}: the machine 2-AFC score of each direction's tasks (option {@code alpha}, default 0.16). */
final class MisScorer implements Scorer {
    @Override
    public String name() {
        return "mis";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Machine Interpretability Score: the candidate set's 2-AFC tasks simulated in the observer's"
                + " embedding (Zimmermann, Klindt & Brendel 2024); option alpha (default 0.16)";
    }

    @Override
    public List<ScoreRow> score(ScoringContext ctx) {
        double alpha = ctx.doubleOption("alpha", MachineInterpretabilityScore.DEFAULT_ALPHA);
        MachineInterpretabilityScore mis = new MachineInterpretabilityScore(alpha);
        List<ScoreRow> rows = new ArrayList<>();
        for (CandidateDirection d : ctx.candidates().directions()) {
            MachineInterpretabilityScore.Result r = mis.score(d, ctx.embeddings());
            rows.add(new ScoreRow(d.id(), d.index(), name(), version(), r.mis(), r.standardError(),
                    Map.of("alpha", alpha, "tasks", r.tasks())));
        }
        return rows;
    }
}
