package org.ipb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ipb bench}: the benchmarks that back the speed and memory figures in issue notes. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: 'extract' (images/s per engine, SGEMM GFLOP/s, peak RSS), 'directions'"
                + " (seconds, peak RSS and objective per direction-finding method and matrix size), 'scorers',"
                + " 'study' (per-response commit and next-trial latency, local file vs TCP server with stations)"
                + " and 'planted' (recovery of planted features in superposition per direction-finding method).",
        subcommands = {BenchExtractCommand.class, BenchDirectionsCommand.class, BenchScorersCommand.class,
            BenchStudyCommand.class, BenchPlantedCommand.class, BenchWebCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
