package org.ipb.cli;

import java.nio.file.Path;
import org.ipb.study.ui.StudyAppConfig;
import org.ipb.study.ui.StudyPreview;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb study preview}: a screen capture of a trial as a participant sees it. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Show one planned trial in a real window and save a PNG capture of it, to check a study"
                + " before participants take it. Records nothing. Needs a display (or xvfb-run).")
final class StudyPreviewCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--db", required = true, description = "Judgment database file or tcp://host:port/name.")
    String db;

    @Option(names = "--study", description = "Study (default: the only planned study).")
    String study;

    @Option(names = "--participant", required = true, description = "Participant pseudonym.")
    String participant;

    @Option(names = "--trial", description = "Trial index (default: the first unanswered main trial).")
    Integer trial;

    @Option(names = "--cell", defaultValue = "96", description = "Reference image size in px (default: ${DEFAULT-VALUE}).")
    int cell;

    @Option(names = "--out", required = true, description = "PNG file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        StudyPreview.capture(new StudyAppConfig(db, study, participant, false, cell, 0), trial, out);
        System.out.println("wrote " + out);
        return 0;
    }
}
