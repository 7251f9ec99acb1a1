package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ipb.study.server.StudyServer;
import org.ipb.study.store.JudgmentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ipb study serve}: what it refuses, the location it prints, and that stopping it stops serving. */
class StudyServeCommandTest {
    @Test
    void refusesMissingFileAndDatabaseWithoutStudy(@TempDir Path tmp) {
        CliRunner.Result missing = CliRunner.run("study", "serve", "--db", tmp.resolve("nope.db").toString());
        assertEquals(2, missing.exitCode(), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("nope.db") && missing.err().contains("no such judgment database"),
                missing.err());

        Path empty = tmp.resolve("empty.db");
        JudgmentStore.open(empty).close();
        CliRunner.Result none = CliRunner.run("study", "serve", "--db", empty.toString(), "--port", "0");
        assertEquals(2, none.exitCode(), none.err());
        assertTrue(none.err().contains("empty.db") && none.err().contains("holds no study"), none.err());
    }

    @Test
    void servesUntilStoppedAndStationsUseThePrintedLocation(@TempDir Path tmp) throws Exception {
        Path db = StudyStationsTest.createStudy(tmp, 8);
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "study", "serve", "--db",
                db + ".mv.db", "--port", "0"));
        Process serve = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            assertTrue(line != null && line.matches("tcp://localhost:\\d+/study\\.db-[A-Za-z0-9_-]{43} .*"), line);
            String location = line.split(" ")[0];

            CliRunner.Result s = CliRunner.run("study", "simulate", "--db", location, "--participant", "P02",
                    "--participant", "P03", "--seed", "2");
            assertEquals(0, s.exitCode(), s.err());
            assertTrue(s.out().contains("simulated 2 participants of stations") && s.out().contains("wrote " + location),
                    s.out());
            try (JudgmentStore store = JudgmentStore.open(location)) {
                assertEquals(List.of(), store.judgments("stations").stream()
                        .filter(j -> !j.participant().equals("P02") && !j.participant().equals("P03")).toList());
                long p02 = store.sessionTrials("stations", "P02", "session-1").stream().filter(t -> t.answered())
                        .count();
                assertTrue(s.out().contains("P02: " + p02 + " responses"), s.out());
            }
            CliRunner.Result unknown = CliRunner.run("study", "simulate", "--db", location, "--participant", "P9");
            assertEquals(2, unknown.exitCode(), unknown.err());
            assertTrue(unknown.err().contains("no participant 'P9'"), unknown.err());

            serve.destroy(); // SIGTERM: the shutdown hook stops the server
            assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve did not stop");
            CliRunner.Result after = CliRunner.run("study", "simulate", "--db", location, "--participant", "P01");
            assertEquals(2, after.exitCode(), after.err());
            assertEquals(1, after.err().strip().lines().count(), after.err());
        } finally {
            serve.destroyForcibly();
        }
    }

    @Test
    void allowOthersNamesThisMachine(@TempDir Path tmp) throws Exception {
        Path db = StudyStationsTest.createStudy(tmp, 8);
        try (StudyServer server = StudyServer.start(db, 0, true)) {
            String host = InetAddress.getLocalHost().getHostName();
            assertTrue(server.location().matches("tcp://" + java.util.regex.Pattern.quote(host) + ":" + server.port()
                    + "/study\\.db-[A-Za-z0-9_-]{43}"), server.location());
            CliRunner.Result s = CliRunner.run("study", "simulate", "--db", server.location(), "--participants", "4");
            assertEquals(0, s.exitCode(), s.err());
            try (JudgmentStore store = JudgmentStore.open(server.location())) {
                assertEquals(4, store.judgments("stations").stream().map(j -> j.participant()).distinct().count());
            }
        }
        try (JudgmentStore store = JudgmentStore.open(db)) {
            assertTrue(store.countResponses() > 0, "the responses are in the served file");
        }
    }
}
