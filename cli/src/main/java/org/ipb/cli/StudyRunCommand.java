package org.ipb.cli;

import org.ipb.study.ui.StudyAppConfig;
import org.ipb.study.ui.StudyLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb study run}: the participant's study window. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Open the 2-AFC study window for one participant (JavaFX): instructions, practice, trials with"
                + " 9 min and 9 max references and two queries, six confidence buttons (keys 1-6), breaks. Every"
                + " answer is committed to the database the moment it is given; starting again resumes at the first"
                + " unanswered trial.")
final class StudyRunCommand implements Runnable {
    @Option(names = "--db", required = true,
            description = "Judgment database file, or tcp://host:port/name from ipb study serve.")
    String db;

    @Option(names = "--study", description = "Study (default: the only planned study).")
    String study;

    @Option(names = "--participant", required = true, description = "Participant pseudonym as planned (P01, ...).")
    String participant;

    @Option(names = "--fullscreen", description = "Full screen (recommended in the lab).")
    boolean fullScreen;

    @Option(names = "--cell", defaultValue = "96", description = "Reference image size in px (default: ${DEFAULT-VALUE}).")
    int cell;

    @Override
    public void run() {
        StudyLauncher.run(new StudyAppConfig(db, study, participant, fullScreen, cell, 2));
    }
}
