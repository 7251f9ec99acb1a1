package org.ipb.study.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.JudgmentStore.StoredTrial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the study app's process in the middle of a session: every answer it reported as
 * committed is in H2, and the app started again resumes at the next unanswered trial and finishes
 * the session with exactly one response per planned trial.
 */
class KillMidSessionTest {
    static final int KILL_AFTER = 15;

    private static Process child(Path db, String participant) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        for (String p : new String[] {"glass.platform", "monocle.platform", "prism.order", "prism.text",
            "java.awt.headless"}) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.addAll(List.of(AutoParticipantMain.class.getName(), db.toString(), participant));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    @Test
    void killedMidSessionLosesNothingAndResumes(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("kill.db");
        UiFixtures.create(db, 2, 20, 30);
        Process p = child(db, "P02");
        List<String> out = new ArrayList<>();
        int reported = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
                if (line.startsWith("answered ")) {
                    reported = Integer.parseInt(line.substring(9));
                    if (reported == KILL_AFTER) {
                        new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor();
                        break;
                    }
                }
            }
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by SIGKILL; output: " + out);
        assertEquals(KILL_AFTER, reported, String.join("\n", out));

        int answeredAfterKill;
        try (JudgmentStore store = JudgmentStore.open(db)) {
            List<StoredTrial> ts = store.sessionTrials("ui", "P02", StudyDesign.SESSION);
            answeredAfterKill = (int) ts.stream().filter(StoredTrial::answered).count();
            // the child may have committed one more answer between its last line and the kill
            assertTrue(answeredAfterKill == KILL_AFTER || answeredAfterKill == KILL_AFTER + 1,
                    "answered in H2 after the kill: " + answeredAfterKill);
            for (int i = 0; i < answeredAfterKill; i++) {
                assertTrue(ts.get(i).answered(), "answers are a prefix of the trial order: trial " + i);
            }
        }

        Process again = child(db, "P02");
        String all = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(again.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, again.exitValue(), all);
        assertTrue(all.lines().anyMatch("first Welcome back"::equals), all);
        try (JudgmentStore store = JudgmentStore.open(db)) {
            List<StoredTrial> ts = store.sessionTrials("ui", "P02", StudyDesign.SESSION);
            assertTrue(ts.stream().allMatch(StoredTrial::answered), "session finished");
            assertTrue(all.contains("finished " + (ts.size() - answeredAfterKill)), all);
            List<String> events = store.eventKinds("ui", "P02", StudyDesign.SESSION);
            assertEquals("session_start", events.get(0));
            assertTrue(events.contains("session_resume") && events.contains("session_end"), events.toString());
        }
        try (var c = java.sql.DriverManager.getConnection(JudgmentStore.url(db), "sa", "");
                var r = c.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT trial_id) FROM responses")) {
            r.next();
            assertEquals(r.getInt(1), r.getInt(2), "no trial answered twice");
        }
    }
}
