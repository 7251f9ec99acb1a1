package org.ipb.study.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ipb.study.design.Fixtures;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.store.JudgmentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The screen order the study window follows, checked without a display. */
class SessionFlowTest {
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    /** Answers correctly (or wrongly) and continues through every non-trial screen; returns the screen kinds. */
    static List<String> walk(SessionFlow f, Screen first, int wrongPractice, int maxTrials) {
        List<String> kinds = new ArrayList<>();
        Screen s = first;
        int trials = 0;
        int wrong = wrongPractice;
        while (!(s instanceof Screen.Finished) && trials < maxTrials) {
            kinds.add(s.getClass().getSimpleName() + (s instanceof Screen.Trial t ? ":" + t.trial().trialType() : ""));
            if (s instanceof Screen.Trial t) {
                boolean right = !(t.practice() && wrong-- > 0);
                String side = right ? t.trial().correctSide() : t.trial().correctSide().equals("a") ? "b" : "a";
                s = f.respond(side, 2, 1.0, T0);
                trials++;
            } else {
                s = f.proceed();
            }
        }
        kinds.add(s.getClass().getSimpleName());
        return kinds;
    }

    @Test
    void practiceWithFeedbackThenIntroductionThenBlocksWithBreaks(@TempDir Path tmp) {
        try (JudgmentStore store = JudgmentStore.open(tmp.resolve("f.db"))) {
            // 1 participant, 6 directions: 6 main + 1 catch (round(6*5/40)=1) in blocks of 4; 1 practice trial
            StudyDesign.create(store, List.of(Fixtures.set(6, 2)),
                    new StudyDesign.Options("s", 1, 1, 0, 5, 1, 2, 4, false, false, 3));
            SessionFlow f = new SessionFlow(SessionRunner.open(store, "s", "P01", "app", java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC)));
            List<String> kinds = walk(f, f.start(), 1, 1000);
            assertEquals(List.of("Instructions", "Trial:practice", "Feedback", "Trial:practice", "Feedback",
                    "Instructions", "Trial:main", "Trial:main", "Trial:main", "Trial:main", "Break", "Trial:main",
                    "Trial:main", "Trial:main", "Finished"),
                    kinds.stream().map(k -> k.replace("Trial:catch", "Trial:main")).toList());
            assertThrows(IllegalStateException.class, f::proceed, "nothing to continue after the end");
        }
    }

    @Test
    void resumedSessionWelcomesBackAndSkipsThePracticeIntroduction(@TempDir Path tmp) {
        try (JudgmentStore store = JudgmentStore.open(tmp.resolve("f.db"))) {
            StudyDesign.create(store, List.of(Fixtures.set(6, 2)),
                    new StudyDesign.Options("s", 1, 1, 0, 5, 1, 2, 40, false, false, 3));
            SessionFlow first = new SessionFlow(SessionRunner.open(store, "s", "P01", "app", java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC)));
            walk(first, first.start(), 0, 3); // practice + 2 main trials, then the window "crashes"
            SessionFlow again = new SessionFlow(SessionRunner.open(store, "s", "P01", "app", java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC)));
            Screen.Instructions welcome = assertInstanceOf(Screen.Instructions.class, again.start());
            assertEquals("Welcome back", welcome.title());
            assertTrue(welcome.body().contains("trial 4 of 8"), welcome.body());
            Screen next = again.proceed();
            assertInstanceOf(Screen.Trial.class, next, "straight back to the trials");
            assertEquals(4, ((Screen.Trial) next).position());
            assertThrows(IllegalStateException.class, again::proceed, "a trial needs an answer, not continue");
        }
    }

    @Test
    void feedbackForEveryTrialWhenTheDesignAsks(@TempDir Path tmp) {
        try (JudgmentStore store = JudgmentStore.open(tmp.resolve("f.db"))) {
            StudyDesign.create(store, List.of(Fixtures.set(3, 2)),
                    new StudyDesign.Options("s", 1, 1, 0, 0, 0, 1, 40, true, false, 3));
            SessionFlow f = new SessionFlow(SessionRunner.open(store, "s", "P01", "app", java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC)));
            assertEquals(List.of("Instructions", "Trial:main", "Feedback", "Trial:main", "Feedback", "Trial:main",
                    "Feedback", "Finished"), walk(f, f.start(), 0, 1000));
        }
    }
}
