package org.ipb.scorers;

import org.ipb.core.plugin.PluginInfo;
import org.ipb.core.plugin.OptionSpec;
import org.ipb.core.plugin.Need;
import java.util.Set;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.Sha256;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.scorers.mis.AlphaFile;
import org.ipb.scorers.mis.MachineInterpretabilityScore;

/**
 * {@code mis}: the machine 2-AFC score of each direction's tasks (Zimmermann, Klindt &amp; Brendel
 * 2024). Rows: {@code mis}, the hard score (fraction of tasks with delta &gt; 0, ties 1/2: the
 * machine observer's 2-AFC accuracy); {@code mis.delta}, the mean delta (an uncalibrated margin);
 * and, only with option {@code alpha-file} (an alpha fitted to human data for this very observer),
 * {@code mis.confidence}, the mean sigmoid(alpha · delta). A bare {@code alpha} is refused: an
 * alpha not fitted for the observer would publish an arbitrary number as a probability.
 */
final class MisScorer implements Scorer {
    static final String ALPHA_FILE = "alpha-file";

    private static final PluginInfo INFO = new PluginInfo("mis",
            "Machine Interpretability Score (Zimmermann, Klindt & Brendel 2024): mis = the observer's 2-AFC"
                    + " accuracy on the candidate set's tasks (hard), mis.delta = mean similarity margin; with option"
                    + " alpha-file=FILE (from ipb mis fit-alpha, for this observer) also mis.confidence", "",
            Set.of(Need.OBSERVER), List.of(new OptionSpec(ALPHA_FILE, "none",
                    "alpha fitted to human data for this observer (ipb mis fit-alpha); adds mis.confidence")),
            List.of());

    @Override
    public PluginInfo describe() {
        return INFO;
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public List<ScoreRow> score(ScoringContext ctx) {
        if (ctx.option("alpha") != null) {
            throw new UserError("option alpha: a bare alpha is not accepted for mis (it would be applied to an observer"
                    + " it was not fitted for); fit one to human data with 'ipb mis fit-alpha' and pass "
                    + ALPHA_FILE + "=FILE");
        }
        String alphaPath = ctx.option(ALPHA_FILE);
        MachineInterpretabilityScore soft = null;
        Map<String, Object> softParams = null;
        if (alphaPath != null) {
            Path file = Path.of(alphaPath);
            AlphaFile a = AlphaFile.read(file);
            soft = new MachineInterpretabilityScore(a.alphaFor(ctx.observerName(), file));
            softParams = new LinkedHashMap<>();
            softParams.put("alpha", a.alpha());
            softParams.put("observer", a.observer());
            softParams.put("alphaFileSha256", Sha256.of(file));
        }
        List<ScoreRow> rows = new ArrayList<>();
        for (CandidateDirection d : ctx.candidates().directions()) {
            if (d.tasks().isEmpty()) {
                throw new UserError(ctx.candidatesFile() + ": direction " + d.id() + " has no tasks");
            }
            double[] delta = MachineInterpretabilityScore.deltas(d.tasks(), ctx.embeddings());
            MachineInterpretabilityScore.Result hard = MachineInterpretabilityScore.hard(delta);
            MachineInterpretabilityScore.Result margin = MachineInterpretabilityScore.summarise(delta);
            rows.add(new ScoreRow(d.id(), d.index(), name(), version(), hard.mis(), hard.standardError(),
                    Map.of("tasks", hard.tasks(), "decision", "delta > 0 (ties 1/2)")));
            rows.add(new ScoreRow(d.id(), d.index(), name() + ".delta", version(), margin.mis(),
                    margin.standardError(), Map.of("tasks", margin.tasks())));
            if (soft != null) {
                MachineInterpretabilityScore.Result p = soft.soft(delta);
                rows.add(new ScoreRow(d.id(), d.index(), name() + ".confidence", version(), p.mis(), p.standardError(),
                        softParams));
            }
        }
        return rows;
    }
}
