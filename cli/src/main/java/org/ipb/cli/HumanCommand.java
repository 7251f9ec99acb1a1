package org.ipb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ipb human}: human judgment data (import into the judgment database, summaries). */
@Command(name = "human", mixinStandardHelpOptions = true,
        description = "Human 2-AFC judgments: import published data into an H2 judgment database and summarise"
                + " accuracy (Wilson 95 %% intervals) and response times.",
        subcommands = {HumanImportCommand.class, HumanSummaryCommand.class})
final class HumanCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
