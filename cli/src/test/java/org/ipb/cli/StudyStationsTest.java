package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Protocol;
import org.ipb.core.candidates.Task;
import org.ipb.study.server.StudyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several stations (separate JVMs) answering one study at the same time through {@code ipb study
 * serve}'s H2 TCP server: no response is lost, doubled or misfiled.
 */
class StudyStationsTest {
    static final int DIRECTIONS = 496;
    static final String[] PARTICIPANTS = {"P01", "P02", "P03", "P04"};

    /** {@code n} directions with one task each, fake image ids. */
    static CandidateSet set(int n) {
        List<CandidateDirection> ds = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            int base = d * 20;
            List<Exemplar> max = new ArrayList<>();
            List<Exemplar> min = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                max.add(StudyCreateSimulateTest.ex(base + i, 10f - i * 0.1f));
                min.add(StudyCreateSimulateTest.ex(base + 9 + i, -10f + i * 0.1f));
            }
            Task t = new Task(0, max, min, StudyCreateSimulateTest.ex(base + 18, 9f),
                    StudyCreateSimulateTest.ex(base + 19, -9f));
            ds.add(new CandidateDirection(CandidateSet.directionId("toy", "conv1", "pca", d), d, List.of(), List.of(),
                    List.of(t)));
        }
        return new CandidateSet(CandidateSet.KIND, CandidateSet.FORMAT_VERSION, "toy", "conv1", "pca", "fake", 20 * n,
                4, n, new Protocol(0.1, 9, 1, 1, 36), ds, Map.of());
    }

    /**
     * Plans a study named {@code stations} with 4 participants who each see every direction once,
     * plus catch (1 per 40) and practice trials: 496 directions give each participant 510 trials.
     */
    static Path createStudy(Path tmp, int directions) throws Exception {
        Path cand = tmp.resolve("cands");
        Files.createDirectories(cand);
        CandidateSets.write(cand.resolve("candidates.json"), set(directions));
        Path db = tmp.resolve("study.db");
        CliRunner.Result c = CliRunner.run("study", "create", "--candidates", cand.toString(), "--name", "stations",
                "--db", db.toString(), "--participants", "4", "--trials-per-direction", "4", "--catch-per-40", "1",
                "--practice", "2", "--block", "100", "--seed", "5", "--no-images");
        assertEquals(0, c.exitCode(), c.err());
        return db;
    }

    /** Starts {@code ipb <args>} in a fresh JVM with the test class path; output goes to {@code log}. */
    static Process ipb(Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        // Five JVMs share the machine: one GC thread each.
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void fourStationsShareOneStudyOverTcp(@TempDir Path tmp) throws Exception {
        Path db = createStudy(tmp, DIRECTIONS);
        try (StudyServer server = StudyServer.start(db, 0, false)) {
            String location = server.location();
            assertTrue(location.matches("tcp://localhost:\\d+/study\\.db-[A-Za-z0-9_-]{43}"), location);
            List<Process> stations = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (int i = 0; i < PARTICIPANTS.length; i++) {
                Path log = tmp.resolve("station-" + PARTICIPANTS[i] + ".log");
                logs.add(log);
                stations.add(ipb(log, "study", "simulate", "--db", location, "--participant", PARTICIPANTS[i],
                        "--seed", "11"));
            }
            int[] reported = new int[PARTICIPANTS.length];
            for (int i = 0; i < stations.size(); i++) {
                Process p = stations.get(i);
                assertTrue(p.waitFor(120, TimeUnit.SECONDS), "station " + PARTICIPANTS[i] + " still running");
                String out = Files.readString(logs.get(i), StandardCharsets.UTF_8);
                assertEquals(0, p.exitValue(), out);
                Matcher m = Pattern.compile("(?m)^" + PARTICIPANTS[i] + ": (\\d+) responses$").matcher(out);
                assertTrue(m.find(), out);
                reported[i] = Integer.parseInt(m.group(1));
            }

            try (Connection c = DriverManager.getConnection("jdbc:h2:" + location + ";IFEXISTS=TRUE", "sa", "")) {
                String perSession = "SELECT pa.pseudonym, se.id, COUNT(t.id), COUNT(r.id)"
                        + " FROM sessions se JOIN participants pa ON se.participant_id = pa.id"
                        + " JOIN trials t ON t.session_id = se.id LEFT JOIN responses r ON r.trial_id = t.id"
                        + " GROUP BY pa.pseudonym, se.id ORDER BY pa.pseudonym";
                long plannedTotal = 0;
                List<Long> sessionIds = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(perSession)) {
                    for (int i = 0; i < PARTICIPANTS.length; i++) {
                        assertTrue(r.next(), "a session for " + PARTICIPANTS[i]);
                        assertEquals(PARTICIPANTS[i], r.getString(1));
                        sessionIds.add(r.getLong(2));
                        long planned = r.getLong(3);
                        assertTrue(planned >= 500, PARTICIPANTS[i] + " has only " + planned + " trials");
                        assertEquals(planned, r.getLong(4), PARTICIPANTS[i] + ": trials with a response");
                        assertEquals(planned, reported[i], PARTICIPANTS[i] + ": responses the station reported");
                        plannedTotal += planned;
                    }
                    assertFalse(r.next(), "one session per participant");
                }
                assertEquals(0, count(c, "SELECT COUNT(*) FROM trials t WHERE (SELECT COUNT(*) FROM responses r"
                        + " WHERE r.trial_id = t.id) <> 1"), "trials without exactly one response");
                assertEquals(plannedTotal, count(c, "SELECT COUNT(*) FROM responses"));
                assertEquals(0, count(c, "SELECT COUNT(*) FROM responses r LEFT JOIN trials t ON r.trial_id = t.id"
                        + " WHERE t.id IS NULL"), "responses without a trial");
                assertEquals(0, count(c, "SELECT COUNT(*) FROM (SELECT session_id, trial_index FROM trials"
                        + " GROUP BY session_id, trial_index HAVING COUNT(*) > 1)"), "duplicate (session, trial_index)");
                assertEquals(0, count(c, "SELECT COUNT(*) FROM responses WHERE source <> 'simulated'"));
                for (long sid : sessionIds) {
                    for (String kind : List.of("session_start", "session_end")) {
                        assertEquals(1, count(c, "SELECT COUNT(*) FROM events WHERE session_id = " + sid
                                + " AND kind = '" + kind + "'"), kind + " of session " + sid);
                    }
                }
                // The stations really ran at the same time: their response intervals overlap.
                OffsetDateTime latestFirst = null;
                OffsetDateTime earliestLast = null;
                try (PreparedStatement p = c.prepareStatement("SELECT MIN(r.recorded_at), MAX(r.recorded_at)"
                        + " FROM responses r JOIN trials t ON r.trial_id = t.id WHERE t.session_id = ?")) {
                    for (long sid : sessionIds) {
                        p.setLong(1, sid);
                        try (ResultSet r = p.executeQuery()) {
                            r.next();
                            OffsetDateTime first = r.getObject(1, OffsetDateTime.class);
                            OffsetDateTime last = r.getObject(2, OffsetDateTime.class);
                            latestFirst = latestFirst == null || first.isAfter(latestFirst) ? first : latestFirst;
                            earliestLast = earliestLast == null || last.isBefore(earliestLast) ? last : earliestLast;
                        }
                    }
                }
                assertTrue(latestFirst.isBefore(earliestLast), "stations overlapped: last start " + latestFirst
                        + ", first end " + earliestLast);
            }
        }
    }

    @Test
    void mistypedTcpNameIsOneLineError(@TempDir Path tmp) throws Exception {
        Path db = createStudy(tmp, 8);
        try (StudyServer server = StudyServer.start(db, 0, false)) {
            String wrong = server.location().replace("/study.db", "/studdy.db");
            CliRunner.Result r = CliRunner.run("study", "simulate", "--db", wrong, "--participant", "P01");
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().startsWith("ipb: error: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("studdy.db") && r.err().contains("Wrong user name or password"), r.err());
            // IFEXISTS: the mistyped name did not create an empty database next to the real one
            assertFalse(Files.exists(tmp.resolve("studdy.db.mv.db")));
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
