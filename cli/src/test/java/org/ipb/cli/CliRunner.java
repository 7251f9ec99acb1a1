package org.ipb.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs {@code ipb} in-process and captures exit code, standard output and standard error. */
final class CliRunner {
    record Result(int exitCode, String out, String err) {}

    static Path home() {
        return Path.of(System.getProperty("ipb.home", "..")).toAbsolutePath().normalize();
    }

    static Path embedded(String relative) {
        return home().resolve("datasets-manifest/embedded").resolve(relative);
    }

    static synchronized Result run(String... args) {
        StringWriter err = new StringWriter();
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int rc = Main.run(new PrintWriter(err, true), args);
            return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(oldOut);
        }
    }

    private CliRunner() {}
}
