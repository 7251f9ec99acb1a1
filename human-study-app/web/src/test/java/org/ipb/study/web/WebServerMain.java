package org.ipb.study.web;

import java.nio.file.Path;

/**
 * {@code ipb study web} reduced to what the kill test needs, run in a child JVM: serves {@code db}
 * on {@code port} (or creates the fixture study first with {@code --create}) and prints the port
 * and P01's token, then serves until killed.
 */
public final class WebServerMain {
    private WebServerMain() {}

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        if (args.length > 2 && args[2].equals("--create")) {
            WebFixtures.create(db, 2, 6, 2, 4);
        }
        StudyWebServer s = StudyWebServer.start(WebStudyConfig.defaults(db, null, port));
        System.out.println("serving " + s.port() + " " + s.tokens().token("P01"));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
