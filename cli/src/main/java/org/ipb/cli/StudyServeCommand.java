package org.ipb.cli;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.ipb.study.server.StudyServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb study serve}: one judgment database for several study stations, over H2's TCP server. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a judgment database to several study stations through an H2 TCP server. Prints the"
                + " location (tcp://host:port/name) that every station passes as --db, then runs until"
                + " interrupted (Ctrl-C). The location carries a generated secret (keep it like a password): the"
                + " server refuses any other database name, also with H2's default user. Only this machine may"
                + " connect unless --allow-others; the secret is not encrypted on the wire, so on a network others"
                + " can reach use ipb study web instead.")
final class StudyServeCommand implements Runnable {
    @Option(names = "--db", required = true, description = "Judgment database file holding at least one study.")
    Path db;

    @Option(names = "--port", defaultValue = "9092", description = "TCP port; 0 picks a free one"
            + " (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--allow-others", description = "Accept stations on other machines (H2 -tcpAllowOthers);"
            + " without it only processes on this machine can connect.")
    boolean allowOthers;

    @Override
    public void run() {
        StudyServer server = StudyServer.start(db, port, allowOthers);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "ipb-study-serve-stop"));
        // The location comes first on the line so that scripts can take the first field.
        System.out.println(server.location() + "  (serving " + server.file()
                + "; each station passes this as --db; it is the password; Ctrl-C stops)");
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop();
        }
    }
}
