package org.ipb.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ipb.core.StagedOutput;
import org.ipb.core.npy.Npy;
import org.ipb.leaderboards.board.BenchmarkDefinition;
import org.ipb.leaderboards.run.BenchmarkRun;
import org.ipb.leaderboards.run.BoardPublishing;
import org.ipb.leaderboards.run.EntryCache;
import org.ipb.leaderboards.run.EntryResult;
import org.ipb.leaderboards.run.Submissions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb submit}: score a submitted directions file under the benchmark's fixed protocol. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Validate a directions file (K x C float32/float64 .npy; C the layer's width; finite; no zero"
                + " row; at most 4096 directions and 64 MiB; data only, nothing in it is executed), score it with the"
                + " benchmark's fixed protocol and seeds, store it as the next version of its name under"
                + " leaderboards/submissions, and republish the board when ipb run has been run.")
final class SubmitCommand implements Runnable {
    @Option(names = "--model", required = true, description = "Model the directions are for.")
    String model;

    @Option(names = "--layer", required = true, description = "Layer the directions are for.")
    String layer;

    @Option(names = "--directions", required = true, description = "K x C .npy file.")
    Path directions;

    @Option(names = "--method-name", required = true, description = "Name of the method (lower case, digits, . _ -).")
    String name;

    @Option(names = "--description", description = "What the method is.")
    String description;

    @Option(names = "--submitter", description = "Who submits (stored with the submission).")
    String submitter;

    @Option(names = "--benchmark", defaultValue = "leaderboards/benchmarks/fmnist-2afc.v3.json",
            description = "Benchmark definition (default: ${DEFAULT-VALUE} under the ipb home).")
    Path benchmark;

    @Option(names = "--work", defaultValue = "runs/benchmark", description = "Work folder of ipb run (default:"
            + " ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--study-db", description = "Judgment database for the republished board (default: runs/study.db"
            + " when it exists).")
    Path studyDb;

    @Option(names = "--submissions", description = "Folder of stored submissions (default: leaderboards/submissions"
            + " under the ipb home).")
    Path submissions;

    @Option(names = "--out", description = "Published board (default: leaderboards/published under the ipb home).")
    Path out;

    @Override
    public void run() {
        BoardPublishing where = BoardPublishing.resolve(benchmark, submissions, studyDb, out, work);
        BenchmarkDefinition def = where.definition();
        Path root = where.submissions();
        // Everything but the layer's width is checked before anything is loaded or extracted.
        var matrix = Submissions.validate(def, model, layer, name, directions, -1);
        int same = Submissions.identicalVersion(root, name, model, layer, def.key(), directions);
        if (same > 0) {
            System.out.printf("identical to %s v%d (same file, model, layer and benchmark); nothing stored%n", name,
                    same);
            return;
        }
        try (BenchmarkRun run = new BenchmarkRun(def, where.definitionFile(), work, System.err::println)) {
            Submissions.checkWidth(model, layer, directions, matrix, (int) Npy.shapeOf(run.activations(layer))[1]);
            EntryResult entry;
            int version = Submissions.nextVersion(root, name);
            Path scratch = work.resolve("submissions").resolve(name + "-v" + version);
            StagedOutput.deleteTree(scratch);
            try {
                Path unit = scratch.resolve("directions-unit.npy");
                Submissions.writeUnitRows(matrix, unit);
                entry = run.scoreDirections(layer, name, version, "submission", description, unit, scratch);
            } catch (RuntimeException e) {
                StagedOutput.deleteTree(scratch);
                throw e;
            }
            Path stored = Submissions.store(root, entry, directions, submitter);
            System.out.printf("stored %s v%d (%s:%s, %d directions, mis %.4f) in %s%n", name, version, model, layer,
                    entry.directionIds().size(), entry.summaries().containsKey("mis")
                            ? entry.summaries().get("mis").mean() : Double.NaN, stored);
        }
        List<EntryResult> builtins = EntryCache.read(work, def);
        if (builtins == null) {
            System.out.println("run ipb run to publish the board with it");
            return;
        }
        List<EntryResult> all = new ArrayList<>(builtins);
        all.addAll(Submissions.load(root, def));
        where.publish(all);
        System.out.println("republished " + where.board());
    }
}
