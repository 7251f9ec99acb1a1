package org.ipb.cli;

import org.ipb.core.candidates.Protocol;
import org.ipb.harness.exemplars.ExemplarRequest;
import org.ipb.harness.exemplars.TaskSampler;
import picocli.CommandLine.Option;

/** The 2-AFC task protocol options that {@code ipb exemplars} and {@code ipb candidates} share. */
final class ProtocolOptions {
    @Option(names = "--protocol", defaultValue = Protocol.IMI2023, paramLabel = "imi2023|quantile",
            description = "Task protocol: imi2023 (Zimmermann, Klein & Brendel 2023, as the MIS paper replays it:"
                    + " the --extremes most/least activating stimuli, references one from each rank bin of ranks"
                    + " 1-<reference-ranks>, queries from the ranks after, no image in two tasks of a direction) or"
                    + " quantile (uniform draws from the top/bottom --quantile). Default: ${DEFAULT-VALUE}.")
    String protocol;

    @Option(names = "--quantile", defaultValue = "0.2",
            description = "quantile protocol: top/bottom fraction of the stimuli, in (0, 0.5] (default: ${DEFAULT-VALUE}).")
    double quantile;

    @Option(names = "--extremes", defaultValue = "" + TaskSampler.IMI_EXTREMES,
            description = "imi2023: most and least activating stimuli kept per direction (default: ${DEFAULT-VALUE}).")
    int extremes;

    @Option(names = "--reference-ranks", defaultValue = "" + TaskSampler.IMI_REFERENCE_RANKS,
            description = "imi2023: references come from ranks 1 to this, queries from the ranks after it up to"
                    + " --extremes (default: ${DEFAULT-VALUE}).")
    int referenceRanks;

    /** {@code req} (built with the quantile) under the chosen protocol. */
    ExemplarRequest apply(ExemplarRequest req) {
        ExemplarRequest named = new ExemplarRequest(req.activations(), req.directions(), req.dataset(), req.method(),
                req.model(), req.layer(), req.quantile(), req.references(), req.tasks(), req.seed(), req.top(),
                req.sheets(), req.out(), protocol, 0, 0);
        return named.isImi2023() ? named.imi2023(extremes, referenceRanks) : named;
    }

    /** How the tasks were drawn, for the summary line. */
    String describe(int kept) {
        if (Protocol.IMI2023.equals(protocol)) {
            return "imi2023: " + kept + " per side, references from ranks 1-" + referenceRanks + ", queries from "
                    + (referenceRanks + 1) + "-" + extremes;
        }
        double pct = quantile * 100;
        return "quantile: " + kept + " per side in the top/bottom "
                + (pct == Math.rint(pct) ? (long) pct + " %" : String.format(java.util.Locale.ROOT, "%.4g %%", pct));
    }
}
