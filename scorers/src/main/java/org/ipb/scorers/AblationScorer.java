package org.ipb.scorers;

import org.ipb.core.plugin.PluginInfo;
import org.ipb.core.plugin.OptionSpec;
import org.ipb.core.plugin.Need;
import org.ipb.core.plugin.OutputSpec;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.harness.ablation.AblationCurves;
import org.ipb.harness.ablation.DirectionAblation;
import org.ipb.harness.directions.ActivationMatrix;
import org.ipb.harness.model.LoadedModel;
import org.ipb.harness.model.ModelLoader;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSets;

/**
 * {@code ablation}, after Morcos et al. 2018 ("On the importance of single directions for
 * generalization", ICLR): each direction's score is the drop in accuracy on the labelled stimuli
 * when it is projected out of the layer's activations (zero-ablation for a basis unit). With an
 * output folder, also the cumulative curves (directions removed in a seeded random order and in
 * order of decreasing single-direction drop) as {@code ablation-curves.csv} and {@code .png}.
 * Options: {@code ablation-images} (default: all the candidate set covers), {@code ablation-step}
 * (default K/16), {@code ablation-seed} (default 0), {@code ablation-random} (default true: also
 * the random-order curve; benchmark definitions whose board shows only the score-order area turn it
 * off to halve the cumulative passes).
 */
final class AblationScorer implements Scorer {
    /** The typed extra output: area under the cumulative ablation curve in score order. */
    static final String AUC = "auc";

    private static final PluginInfo INFO = new PluginInfo("ablation",
            "accuracy drop when the direction is projected out of the layer (Morcos et al. 2018), plus cumulative"
                    + " ablation curves", "", Set.of(Need.MODEL, Need.LABELS), List.of(
                    new OptionSpec("ablation-images", "all the candidate set covers", "labelled stimuli evaluated"),
                    new OptionSpec("ablation-step", "max(1, K / 16)", "directions removed between curve points"),
                    new OptionSpec("ablation-seed", "0", "seed of the random removal order"),
                    new OptionSpec("ablation-random", "true", "also measure the cumulative curve in a seeded random"
                            + " order, the baseline of the figure (as many forward passes again)")),
            List.of(new OutputSpec(AUC, "area under the cumulative ablation curve in decreasing order of"
                    + " single-direction drop, relative to the intact accuracy (1 = removing directions never hurts);"
                    + " only when curves are drawn")));

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
        CandidateSet set = ctx.candidates();
        int images = ctx.intOption("ablation-images", set.n());
        int step = ctx.intOption("ablation-step", Math.max(1, set.k() / 16));
        long seed = ctx.intOption("ablation-seed", 0);
        boolean withRandom = ctx.booleanOption("ablation-random", true);
        ActivationMatrix d = ActivationMatrix.load(ctx.provenancePath("directions", "file"));
        Path stimuliManifest = ctx.provenancePath("stimulusSet", "manifest");
        var modelFile = Manifests.readModel(modelManifest(ctx));
        try (LoadedModel model = ModelLoader.load(modelFile, null, "auto");
                StimulusSet stimuli = StimulusSets.open(Manifests.asInputTo(Manifests.readStimulusSet(stimuliManifest),
                        modelFile.manifest()))) {
            DirectionAblation ablation = new DirectionAblation(model, set.layer(), 256);
            DirectionAblation.SingleResult single = ablation.single(d.data(), d.rows(), stimuli, images);
            List<ScoreRow> rows = new ArrayList<>();
            double[] drops = new double[d.rows()];
            for (CandidateDirection dir : set.directions()) {
                DirectionAblation.DirectionResult r = single.directions().get(dir.index());
                drops[dir.index()] = r.drop();
                rows.add(new ScoreRow(dir.id(), dir.index(), name(), version(), r.drop(), null,
                        Map.of("images", images, "intactAccuracy", single.intactAccuracy(), "accuracy", r.accuracy())));
            }
            if (ctx.outputDir() != null) {
                DirectionAblation.CumulativeResult curves = ablation.cumulative(d.data(), d.rows(),
                        DirectionAblation.descending(drops), seed, d.rows(), step, stimuli, images, withRandom);
                AblationCurves.write(ctx.outputDir(), curves);
                Double auc = AblationCurves.scoreOrderArea(curves.score());
                if (auc != null) {
                    ctx.report(this, AUC, auc);
                }
            }
            return rows;
        }
    }

    /** The model manifest the activations came from (their sidecar), else the shipped model of that name. */
    private static Path modelManifest(ScoringContext ctx) {
        try {
            JsonNode sidecar = Json.MAPPER.readTree(ctx.provenancePath("sidecar", "").toFile());
            String manifest = sidecar.path("model").path("manifest").asText(null);
            if (manifest != null && java.nio.file.Files.isRegularFile(Path.of(manifest))) {
                return Path.of(manifest);
            }
        } catch (IOException | UserError e) {
            // fall back to the name
        }
        return ManifestCatalog.model(ctx.candidates().model());
    }
}
