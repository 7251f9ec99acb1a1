package org.ipb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ipb mis}: the machine interpretability score's observer parameters. */
@Command(name = "mis", mixinStandardHelpOptions = true,
        description = "The Machine Interpretability Score's observer: fit its soft-score slope alpha to human data.",
        subcommands = {MisFitAlphaCommand.class})
final class MisCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
