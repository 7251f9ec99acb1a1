package org.ipb.cli;

import org.ipb.study.web.bench.WebLoadBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb bench web}: simulated participants answering at once over HTTP; latency, lost and duplicate rows. */
@Command(name = "web", mixinStandardHelpOptions = true,
        description = "Load benchmark of ipb study web: P simulated participants (threads) answer T trials each at the"
                + " same time over HTTP on 127.0.0.1 against a temporary study, then the database is checked for lost"
                + " and duplicated rows. Prints answer latency (POST to reply, which follows the commit) p50/p90/p99/max.")
final class BenchWebCommand implements Runnable {
    @Option(names = "--participants", defaultValue = "50", description = "Participants at once (default: ${DEFAULT-VALUE}).")
    int participants;

    @Option(names = "--trials", defaultValue = "45", description = "Trials per participant (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--think-ms", defaultValue = "0", description = "Mean pause before each answer, uniform in"
            + " [0.5, 1.5] x this; 0 answers as fast as the server replies (default: ${DEFAULT-VALUE}).")
    long thinkMs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the answers (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void run() {
        WebLoadBenchmark.Result r = WebLoadBenchmark.runTemporary(participants, trials, thinkMs, seed);
        System.out.printf("ipb bench web: %d CPUs, think time %d ms%n", Runtime.getRuntime().availableProcessors(),
                thinkMs);
        System.out.println(r.describe());
    }
}
