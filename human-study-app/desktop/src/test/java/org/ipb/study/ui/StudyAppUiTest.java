package org.ipb.study.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import org.ipb.study.session.Screen;
import org.ipb.study.store.JudgmentStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Headless smoke test of the real study window (TestFX on Monocle): click through the
 * instructions, a practice trial answered wrong (repeated), the repetition answered right, the main
 * introduction, main trials by mouse and keyboard until a catch trial has been answered; then check
 * the rows in the H2 file.
 */
class StudyAppUiTest {
    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private StudyApp app;

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private StudyWindow start(Path db, String participant) throws Exception {
        FxToolkit.registerPrimaryStage();
        StudyAppConfig c = StudyLauncher.check(StudyAppConfig.of(db.toString(), null, participant));
        app = (StudyApp) FxToolkit.setupApplication(() -> new StudyApp(c));
        WaitForAsyncUtils.waitForFxEvents();
        return app.window();
    }

    private Screen.Trial awaitTrial(StudyWindow w) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, w::acceptingResponse);
        return assertInstanceOf(Screen.Trial.class, w.shown());
    }

    private void click(String id) {
        robot.clickOn(id);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The button for an answer: left query sure (1) or right query sure (6). */
    private static String button(Screen.Trial t, boolean correct) {
        boolean left = t.trial().correctSide().equals("a") == correct;
        return left ? "#response-1" : "#response-6";
    }

    @Test
    void clickThroughPracticeMainAndCatchTrialsThenFindEveryAnswerInH2() throws Exception {
        Path db = tmp.resolve("ui.db");
        UiFixtures.create(db, 2, 10);
        StudyWindow w = start(db, "P01");

        Screen.Instructions intro = assertInstanceOf(Screen.Instructions.class, w.shown());
        assertTrue(intro.button().contains("practice"), intro.toString());
        click("#continue");

        // practice 1, answered wrong: feedback, then the same trial again
        Screen.Trial p1 = awaitTrial(w);
        assertTrue(p1.practice());
        ImageView cell = robot.lookup("#max-grid-0").queryAs(ImageView.class);
        assertNotNull(cell.getImage(), "reference images are shown");
        assertEquals(28, cell.getImage().getWidth());
        click(button(p1, false));
        assertEquals(false, assertInstanceOf(Screen.Feedback.class, w.shown()).correct());
        click("#continue");
        Screen.Trial again = awaitTrial(w);
        assertEquals(p1.trial().queryA(), again.trial().queryA(), "a wrong practice trial is shown again");
        assertEquals(1, again.trial().attempt());
        click(button(again, true));
        assertEquals(true, assertInstanceOf(Screen.Feedback.class, w.shown()).correct());
        click("#continue");
        // practice 2, right at once
        Screen.Trial p2 = awaitTrial(w);
        assertTrue(p2.practice());
        click(button(p2, true));
        click("#continue");
        Screen.Instructions mainIntro = assertInstanceOf(Screen.Instructions.class, w.shown());
        assertEquals("Practice done", mainIntro.title());
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();

        // main trials: alternate mouse and keyboard until a catch trial is answered
        List<Screen.Trial> answered = new ArrayList<>();
        boolean sawCatch = false;
        while (!sawCatch) {
            Screen.Trial t = awaitTrial(w);
            assertTrue(!t.practice());
            if (answered.size() % 2 == 0) {
                click(button(t, true));
            } else {
                boolean left = t.trial().correctSide().equals("a");
                robot.type(left ? KeyCode.DIGIT2 : KeyCode.DIGIT5); // fairly sure
                WaitForAsyncUtils.waitForFxEvents();
            }
            answered.add(t);
            sawCatch = t.trial().catchTrial();
            if (w.shown() instanceof Screen.Break) {
                click("#continue");
            }
        }
        assertEquals(3 + answered.size(), w.committed(), "3 practice answers (one repeat) and the main ones");

        try (Connection c = DriverManager.getConnection(JudgmentStore.url(db), "sa", "");
                ResultSet r = c.createStatement().executeQuery("SELECT t.trial_type, t.attempt, t.is_catch,"
                        + " r.correct, r.confidence, r.rt_s, r.onset_at, r.chosen FROM responses r JOIN trials t"
                        + " ON r.trial_id = t.id ORDER BY t.trial_index")) {
            List<String> rows = new ArrayList<>();
            int catchRows = 0;
            while (r.next()) {
                rows.add(r.getString(1) + "/" + r.getInt(2) + "/" + r.getBoolean(4));
                assertTrue(r.getDouble(6) > 0 && r.getDouble(6) < 60, "rt in seconds: " + r.getDouble(6));
                assertNotNull(r.getObject(7), "onset recorded");
                catchRows += r.getBoolean(3) ? 1 : 0;
            }
            assertEquals(List.of("practice/0/false", "practice/1/true", "practice/0/true"), rows.subList(0, 3));
            assertEquals(3 + answered.size(), rows.size());
            assertEquals(1, catchRows);
            for (String row : rows.subList(3, rows.size())) {
                assertTrue(row.endsWith("/true"), row);
            }
        }
        try (Connection c = DriverManager.getConnection(JudgmentStore.url(db), "sa", "");
                ResultSet r = c.createStatement().executeQuery("SELECT r.confidence FROM responses r JOIN trials t"
                        + " ON r.trial_id = t.id WHERE t.trial_type <> 'practice' ORDER BY t.trial_index")) {
            int i = 0;
            while (r.next()) {
                assertEquals(i % 2 == 0 ? 3 : 2, r.getInt(1), "confidence of main answer " + i);
                i++;
            }
        }
        System.out.println("[ui] display latency (headless Monocle): " + w.latency().describe());
    }
}
