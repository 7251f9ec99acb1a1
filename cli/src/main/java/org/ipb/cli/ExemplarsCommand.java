package org.ipb.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.ipb.core.UserError;
import org.ipb.harness.exemplars.ExemplarPipeline;
import org.ipb.harness.exemplars.ExemplarRequest;
import org.ipb.harness.exemplars.ExemplarResult;
import org.ipb.harness.exemplars.TaskSampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb exemplars}: exemplars, 2-AFC tasks and contact sheets for a set of candidate directions. */
@Command(name = "exemplars", mixinStandardHelpOptions = true,
        description = {"Project activations on candidate directions and write a candidate set: per direction the"
                + " most and least activating stimuli, 2-AFC tasks (9 references + 1 query per side, Borowski et al."
                + " 2021) under the imi2023 protocol (default) or the quantile one, and a contact sheet.",
            "Writes <out>/candidates.json and <out>/sheets/<method>-<index>.png, all or nothing."})
final class ExemplarsCommand implements Runnable {
    @Option(names = "--activations", required = true, paramLabel = "X.npy",
            description = "N x C activations from 'ipb extract'; its sidecar <X>.json and stimuli.csv beside it"
                    + " supply the defaults for --model, --layer and --dataset.")
    Path activations;

    @Option(names = "--directions", required = true, paramLabel = "D.npy",
            description = "K x C directions; <D>.report.json beside it supplies the default --method.")
    Path directions;

    @Option(names = "--dataset", description = "Stimulus-set manifest path or shipped name"
            + " (default: the activations' sidecar).")
    String dataset;

    @Option(names = "--method", description = "Direction-finding method (default: the directions' report).")
    String method;

    @Option(names = "--model", description = "Model name (default: the activations' sidecar).")
    String model;

    @Option(names = "--layer", description = "Layer name (default: the activations' sidecar).")
    String layer;

    @picocli.CommandLine.Mixin
    ProtocolOptions protocol = new ProtocolOptions();

    @Option(names = "--refs", defaultValue = "" + TaskSampler.DEFAULT_REFERENCES,
            description = "Reference images per side of a task (default: ${DEFAULT-VALUE}, a 3x3 grid).")
    int refs;

    @Option(names = "--tasks", defaultValue = "" + TaskSampler.DEFAULT_TASKS,
            description = "Tasks per direction (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the task draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--top", defaultValue = "" + ExemplarRequest.DEFAULT_TOP,
            description = "Most/least activating stimuli listed per direction in candidates.json (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--sheets", defaultValue = "all", paramLabel = "N|all",
            description = "Contact sheets for the first N directions, 0 for none (default: ${DEFAULT-VALUE}).")
    String sheets;

    @Option(names = "--out", required = true, description = "Output folder (created; filled only on success).")
    Path out;

    @Override
    public void run() {
        ExemplarRequest req = protocol.apply(new ExemplarRequest(activations, directions, dataset, method, model,
                layer, protocol.quantile, refs, tasks, seed, top, parseSheets(sheets), out));
        ExemplarResult r = new ExemplarPipeline().run(req);
        System.out.printf(Locale.ROOT, "%d directions of %s:%s (%s) over %d x %d %s stimuli (%s), %d tasks each,"
                        + " %d contact sheets -> %s (%.1f s)%n",
                r.k(), r.model(), r.layer(), r.method(), r.n(), r.c(), r.stimulusSet(), protocol.describe(r.kept()),
                r.tasksPerDirection(), r.sheets(), r.candidates(), r.totalSeconds());
    }

    static int parseSheets(String s) {
        if (s.equalsIgnoreCase("all")) {
            return ExemplarRequest.ALL_SHEETS;
        }
        try {
            int v = Integer.parseInt(s.strip());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError("--sheets: expected a count >= 0 or 'all', got '" + s + "'");
    }
}
