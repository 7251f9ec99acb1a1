package org.ipb.cli;

import java.util.List;
import org.ipb.study.bench.StudyBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ipb bench study}: how long a station waits on the judgment database between trials, on a
 * local file and through {@code ipb study serve}'s TCP server with several stations at once.
 */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = "Benchmark the study app's data path without its UI: wall time of SessionRunner.answer (commit"
                + " of one response, then the session re-read) and of SessionRunner.current (the next trial), per"
                + " response, on a local H2 file and through an H2 TCP server with 1 and with K concurrent stations"
                + " (threads, one connection each, answering back to back). Prints p50/p90/p99/max in ms.")
final class BenchStudyCommand implements Runnable {
    @Option(names = "--trials", defaultValue = "500", description = "Trials per participant (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--stations", defaultValue = "4", description = "Concurrent TCP stations (default: ${DEFAULT-VALUE}).")
    int stations;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the study plan and the answers"
            + " (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void run() {
        print(new StudyBenchmark(trials, stations, seed).run());
    }

    private static void print(StudyBenchmark.Result result) {
        int trials = result.trials();
        List<StudyBenchmark.Row> rows = result.rows();
        long[] reloadNs = {result.fileReloadNs(), result.tcpReloadNs()};
        System.out.printf("ipb bench study: %d trials per participant, %d CPUs; stations answer back to back%n", trials,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("%-6s %8s %9s | %-34s | %-34s | %10s%n", "setup", "stations", "responses",
                "answer ms: p50 / p90 / p99 / max", "current ms: p50 / p90 / p99 / max", "responses/s");
        for (StudyBenchmark.Row r : rows) {
            System.out.printf("%-6s %8d %9d | %7.3f %7.3f %7.3f %8.3f   | %7.4f %7.4f %7.4f %8.4f   | %10.0f%n",
                    r.setup(), r.stations(), r.responses(), r.answerMs()[0], r.answerMs()[1], r.answerMs()[2],
                    r.answerMs()[3], r.currentMs()[0], r.currentMs()[1], r.currentMs()[2], r.currentMs()[3],
                    r.responses() / r.seconds());
        }
        System.out.printf("re-reading one finished session of %d trials (at open, resume and after a repeated practice trial): file %.3f ms,"
                + " tcp %.3f ms (median of 21)%n", trials, reloadNs[0] / 1e6, reloadNs[1] / 1e6);
    }
}
