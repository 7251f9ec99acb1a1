package org.ipb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ipb study}: human 2-AFC studies held in the judgment database. */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = "Human 2-AFC studies in the H2 judgment database: plan a study, simulate participants, export"
                + " per-trial data for analysis, serve one database to several stations, run the session in browsers.",
        subcommands = {StudyCreateCommand.class, StudyRunCommand.class, StudyPreviewCommand.class,
                StudySimulateCommand.class, StudyExportCommand.class, StudyServeCommand.class, StudyWebCommand.class,
                StudyLinksCommand.class})
final class StudyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
