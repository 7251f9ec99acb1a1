package org.ipb.study.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.JudgmentStore.StoredTrial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The server process is killed with SIGKILL in the middle of a session clicked in Chromium, then
 * started again on the same port: every answer the page had acknowledged is in H2, the page keeps
 * retrying meanwhile and the participant continues to the end with one row per trial. While the
 * server runs, its process listens on the HTTP port only, and the database refuses H2's default
 * credentials from any other process.
 */
class WebKillMidSessionTest {
    static final int KILL_AFTER = 7;

    private static Process server(Path db, int port) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                WebServerMain.class.getName(), db.toString(), Integer.toString(port)));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static String awaitServing(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith("serving ")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (r.readLine() != null) {
                            // keep the pipe from filling
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return line.split(" ")[2];
            }
            seen.add(line);
        }
        throw new AssertionError("the server did not start: " + seen);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void killedServerLosesNoAnsweredTrialAndTheParticipantContinues(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("kill.db");
        WebFixtures.create(db, 2, 6, 2, 4);
        int port = freePort();
        Process first = server(db, port);
        ChromeDriver d = null;
        try {
            String token = awaitServing(first);
            assertEquals(List.of(port), listeningPorts(first.pid()), "the web server is the process's only port");
            SQLException refused = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(JudgmentStore.url(db), "sa", "").close(),
                    "H2's default credentials from another process");
            assertTrue(refused.getMessage().contains("already in use") || refused.getMessage().contains("locked"),
                    refused.getMessage());

            d = HeadlessChromium.start(tmp.resolve("profile"));
            d.get("http://127.0.0.1:" + port + "/s/" + token);
            PageDriver page = new PageDriver(d, 9);
            String prevKind = "loading";
            String prevTrial = null;
            int answered = 0;
            while (answered < KILL_AFTER) {
                String k = page.waitReady(prevKind, prevTrial);
                prevTrial = page.trial();
                page.act(k);
                answered += k.equals("trial") ? 1 : 0;
                prevKind = k;
            }
            // the answer is acknowledged once the page shows the next screen
            String k = page.waitReady(prevKind, prevTrial);
            new ProcessBuilder("kill", "-9", Long.toString(first.pid())).start().waitFor();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, first.exitValue(), "killed by SIGKILL");
            try (JudgmentStore store = JudgmentStore.open(db)) {
                List<StoredTrial> ts = store.sessionTrials(WebFixtures.STUDY, "P01", StudyDesign.SESSION);
                assertEquals(answered, ts.stream().filter(StoredTrial::answered).count(),
                        "every acknowledged answer survived the kill");
            }

            // answer while the server is down: the page retries until it is back
            prevTrial = page.trial();
            page.act(k);
            answered += k.equals("trial") ? 1 : 0;
            prevKind = k;
            Thread.sleep(700);
            Process second = server(db, port);
            try {
                awaitServing(second);
                for (int guard = 0; guard < 200; guard++) {
                    k = page.waitReady(prevKind, prevTrial);
                    if (k.equals("finished")) {
                        break;
                    }
                    prevTrial = page.trial();
                    page.act(k);
                    answered += k.equals("trial") ? 1 : 0;
                    prevKind = k;
                }
                assertEquals("finished", page.kind());
            } finally {
                second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            if (d != null) {
                d.quit();
            }
            first.destroyForcibly();
        }
        try (JudgmentStore store = JudgmentStore.open(db)) {
            List<StoredTrial> ts = store.sessionTrials(WebFixtures.STUDY, "P01", StudyDesign.SESSION);
            assertTrue(ts.stream().allMatch(StoredTrial::answered), "the session was finished after the restart");
            assertTrue(store.eventKinds(WebFixtures.STUDY, "P01", StudyDesign.SESSION).contains("session_resume"));
        }
        try (var c = DriverManager.getConnection(JudgmentStore.url(db), "sa", "");
                var r = c.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT trial_id) FROM responses")) {
            r.next();
            assertEquals(r.getInt(1), r.getInt(2), "no trial answered twice");
        }
    }

    /** TCP ports a process listens on (Linux: its socket inodes in /proc/PID/fd against /proc/net/tcp*). */
    static List<Integer> listeningPorts(long pid) throws IOException {
        TreeSet<String> inodes = new TreeSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        TreeSet<Integer> ports = new TreeSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path f = Path.of("/proc", Long.toString(pid), "net", table);
            if (!Files.exists(f)) {
                continue;
            }
            for (String line : Files.readAllLines(f).subList(1, Files.readAllLines(f).size())) {
                String[] c = line.trim().split("\\s+");
                if (c[3].equals("0A") && inodes.contains(c[9])) { // 0A: LISTEN
                    ports.add(Integer.parseInt(c[1].substring(c[1].indexOf(':') + 1), 16));
                }
            }
        }
        return List.copyOf(ports);
    }
}
