package org.ipb.cli;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.ipb.study.web.StudyWebServer;
import org.ipb.study.web.WebStudyConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb study web}: the study's 2-AFC session in participants' browsers, answers into the same store. */
@Command(name = "web", mixinStandardHelpOptions = true,
        description = "Serve a planned study over HTTP: each participant opens a personal link (ipb study links) or a"
                + " Prolific-style entry link and runs the same session as ipb study run (consent, instructions,"
                + " fullscreen, practice until correct, main and catch trials, breaks, a completion code). Every"
                + " answer is committed before the next trial is shown. The database is opened by this process only"
                + " (no H2 port); runs until Ctrl-C. Put a TLS reverse proxy in front to expose it.")
final class StudyWebCommand implements Runnable {
    @Option(names = "--db", required = true, description = "Judgment database file holding a planned study.")
    Path db;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String bind;

    @Option(names = "--study", description = "The study to serve (default: the database's only planned study).")
    String study;

    @Option(names = "--consent", paramLabel = "FILE", description = "Plain-text consent page (default: a short generic text).")
    Path consent;

    @Option(names = "--completion-code", description = "A study-wide completion code (as Prolific gives one);"
            + " default: a code per participant, listed by ipb study links.")
    String completionCode;

    @Option(names = "--base-url", description = "The URL participants reach this server under, for --print-links"
            + " (default: http://BIND:PORT).")
    String baseUrl;

    @Option(names = "--print-links", description = "Print every participant's link and completion code at start.")
    boolean printLinks;

    @Override
    public void run() {
        WebStudyConfig config = new WebStudyConfig(db, study, bind, port, consent == null ? null
                : WebStudyConfig.readConsent(consent), completionCode, 10, 20);
        StudyWebServer server = StudyWebServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "ipb-study-web-stop"));
        String base = baseUrl != null ? baseUrl : "http://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":"
                + server.port();
        System.out.println(base + "/  (serving study '" + server.study() + "' from " + db
                + "; the database is open in this process only; Ctrl-C stops)");
        System.out.println("entry link for a recruitment platform: " + base + "/p/" + server.tokens().entryToken()
                + "?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}");
        if (printLinks) {
            for (String p : server.tokens().participants()) {
                System.out.println(p + "\t" + base + "/s/" + server.tokens().token(p) + "\t"
                        + (completionCode != null ? completionCode : server.tokens().completionCode(p)));
            }
        }
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
    }
}
