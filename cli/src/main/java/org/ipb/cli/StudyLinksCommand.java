package org.ipb.cli;

import java.nio.file.Path;
import org.ipb.study.web.StudyLinks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb study links}: every participant's personal link to {@code ipb study web}, with its completion code. */
@Command(name = "links", mixinStandardHelpOptions = true,
        description = "Print the personal link (an unguessable token per participant) and completion code of every"
                + " planned participant, and the entry link for a recruitment platform (Prolific's PROLIFIC_PID,"
                + " STUDY_ID, SESSION_ID; each PID gets the next free pseudonym, the same one on every visit). The"
                + " links stay the same every time; run it while ipb study web is stopped (the server holds the"
                + " database), or use ipb study web --print-links.")
final class StudyLinksCommand implements Runnable {
    @Option(names = "--db", required = true, description = "Judgment database file holding a planned study.")
    Path db;

    @Option(names = "--base-url", required = true, description = "The URL participants reach ipb study web under,"
            + " e.g. https://study.example.org.")
    String baseUrl;

    @Option(names = "--study", description = "The study (default: the database's only planned study).")
    String study;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        StudyLinks.Links links = StudyLinks.of(db, study, baseUrl);
        System.out.println("participant\tlink\tcompletion_code");
        for (StudyLinks.Link l : links.participants()) {
            System.out.println(l.participant() + "\t" + l.url() + "\t" + l.completionCode());
        }
        spec.commandLine().getErr().println("entry link for a recruitment platform (study '" + links.study() + "'): " + links.entryUrl());
    }
}
