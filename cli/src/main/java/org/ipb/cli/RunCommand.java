package org.ipb.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ipb.harness.bench.PeakMemory;
import org.ipb.leaderboards.board.BenchmarkDefinition;
import org.ipb.leaderboards.run.BenchmarkRun;
import org.ipb.leaderboards.run.BoardPublishing;
import org.ipb.leaderboards.run.EntryCache;
import org.ipb.leaderboards.run.EntryResult;
import org.ipb.leaderboards.run.StageTimes;
import org.ipb.leaderboards.run.Submissions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb run}: the main job, from a fresh clone to a published leaderboard. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the benchmark end to end: extract the layers, find directions by every method, pick"
                + " exemplars and 2-AFC tasks, score them, add submitted entries, read human judgments from the study"
                + " database when it has any, calibrate, and publish the leaderboard (JSON + schema, CSV, Markdown,"
                + " HTML with charts).")
final class RunCommand implements Runnable {
    @Option(names = "--benchmark", description = "Benchmark definition (default: ${DEFAULT-VALUE} under the ipb home).",
            defaultValue = "leaderboards/benchmarks/fmnist-2afc.v3.json")
    Path benchmark;

    @Option(names = "--work", defaultValue = "runs/benchmark",
            description = "Folder for intermediate files (default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--study-db", description = "Judgment database with human data (default: runs/study.db when"
            + " it exists).")
    Path studyDb;

    @Option(names = "--out", description = "Where the board is published (default: leaderboards/published under the"
            + " ipb home).")
    Path out;

    @Option(names = "--submissions", description = "Folder of stored submissions (default: leaderboards/submissions"
            + " under the ipb home).")
    Path submissions;

    @Option(names = "--no-progress", description = "Print stages as lines instead of a progress bar.")
    boolean noProgress;

    @Option(names = "--republish", description = "Publish again from the built-in entries the last run cached under"
            + " --work, without extracting or scoring (after new human data, submissions or a replication beside the"
            + " board).")
    boolean republish;

    @Override
    public void run() {
        long t0 = System.nanoTime();
        BoardPublishing where = BoardPublishing.resolve(benchmark, submissions, studyDb, out, work);
        BenchmarkDefinition def = where.definition();
        List<EntryResult> stored = Submissions.load(where.submissions(), def);
        if (republish) {
            List<EntryResult> cached = EntryCache.read(work, def);
            if (cached == null) {
                throw new org.ipb.core.UserError(EntryCache.file(work), "--republish: no cached entries of " + def.key()
                        + "; run ipb run first");
            }
            List<EntryResult> entries = new ArrayList<>(cached);
            entries.addAll(stored);
            where.publish(entries);
            System.out.printf("republished the %s leaderboard (%d cached rows%s) to %s in %.1f s%n", def.key(),
                    cached.size(), stored.isEmpty() ? "" : ", " + stored.size() + " submitted", where.board(),
                    (System.nanoTime() - t0) / 1e9);
            return;
        }
        int total = def.layers().size() * def.methods().size() + 4;
        StageTimes times = null;
        try (ProgressBar bar = noProgress ? null : new ProgressBarBuilder().setTaskName("ipb run").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .continuousUpdate().build()) {
            BenchmarkRun.Stages stages = what -> {
                if (bar == null) {
                    System.err.printf("[%5.1f s, peak %5.0f MiB] %s%n", (System.nanoTime() - t0) / 1e9,
                            PeakMemory.peakRssMiB(), what);
                } else {
                    bar.step();
                    bar.setExtraMessage(what);
                }
            };
            try (BenchmarkRun run = new BenchmarkRun(def, where.definitionFile(), work, stages)) {
                List<EntryResult> builtins = run.builtins();
                EntryCache.write(work, builtins);
                List<EntryResult> entries = new ArrayList<>(builtins);
                entries.addAll(stored);
                stages.stage("human data, calibration, publishing to " + where.board());
                long tp = System.nanoTime();
                where.publish(entries);
                run.times().add(StageTimes.RUN, "publish", (System.nanoTime() - tp) / 1e9);
                times = run.times();
            }
            if (bar != null) {
                bar.stepTo(total);
            }
        }
        System.out.printf("published the %s leaderboard (%d built-in rows%s) to %s in %.1f s, peak RSS %.0f MiB%s%n",
                def.key(), def.layers().size() * def.methods().size(),
                stored.isEmpty() ? "" : ", " + stored.size() + " submitted", where.board(),
                (System.nanoTime() - t0) / 1e9, PeakMemory.peakRssMiB(),
                where.studyDb() == null ? "; no human data" : "");
        times.table().forEach(System.out::println);
    }
}
