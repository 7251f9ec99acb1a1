package org.ipb.study.session;

import java.time.Instant;
import org.ipb.study.session.SessionRunner.Outcome;
import org.ipb.study.session.SessionRunner.Presentation;

/**
 * The order of screens in a session, shared by the JavaFX window and its tests: instructions (or a
 * welcome back on resume), practice trials with feedback, an introduction to the main trials,
 * trials, breaks between blocks, the end. Every answer is committed by the {@link SessionRunner}
 * before the next screen is decided, so the flow itself holds nothing that a crash could lose.
 *
 * <p>Response keys (Borowski et al. 2021 and Zimmermann et al. 2023 use six buttons, three
 * confidence levels per query): keys 1-3 choose the left query with confidence 3, 2, 1 (outermost
 * is surest), keys 4-6 the right query with confidence 1, 2, 3.
 */
public final class SessionFlow {
    /** The six response buttons in screen order: choice and confidence. */
    public record Response(String choice, int confidence, String key, String label) {}

    public static final java.util.List<Response> RESPONSES = java.util.List.of(
            new Response("a", 3, "1", "Left, sure"), new Response("a", 2, "2", "Left, fairly sure"),
            new Response("a", 1, "3", "Left, guess"), new Response("b", 1, "4", "Right, guess"),
            new Response("b", 2, "5", "Right, fairly sure"), new Response("b", 3, "6", "Right, sure"));

    static final String TASK = "On the right you see 9 images that strongly activate a unit of a neural network; on"
            + " the left, 9 images that activate it least. In the middle are two more images. Pick the one that"
            + " belongs with the RIGHT side (it activates the unit strongly), and say how sure you are.\n\n"
            + "Keys: 1 2 3 choose the left image (sure, fairly sure, guessing); 4 5 6 the right image (guessing,"
            + " fairly sure, sure). Or click one of the six buttons. Answer as accurately as you can; your reaction"
            + " time is recorded too.";

    private final SessionRunner runner;
    private Screen shown;
    private boolean mainIntroShown;
    private Outcome pending;

    public SessionFlow(SessionRunner runner) {
        this.runner = runner;
    }

    /** The runner this flow drives. */
    public SessionRunner runner() {
        return runner;
    }

    /** The screen currently shown. */
    public Screen shown() {
        return shown;
    }

    /** The first screen: the task instructions, or a welcome back when the session resumes. */
    public Screen start() {
        if (runner.finished()) {
            return show(finished());
        }
        Presentation p = runner.current();
        if (runner.answered() > 0) {
            mainIntroShown = !isPractice(p);
            return show(new Screen.Instructions("Welcome back", "Your earlier answers are saved. You continue at trial "
                    + (p.position() + 1) + " of " + p.planned() + ".\n\n" + TASK, "Continue"));
        }
        boolean practice = isPractice(p);
        mainIntroShown = !practice;
        return show(new Screen.Instructions("Instructions", TASK + (practice ? "\n\nYou start with a few practice"
                + " trials. They show whether you were right, and a wrong practice trial comes again." : ""),
                practice ? "Start practice" : "Start"));
    }

    /** Continue from an instruction, feedback or break screen. */
    public Screen proceed() {
        if (shown instanceof Screen.Trial || shown instanceof Screen.Finished) {
            throw new IllegalStateException("nothing to continue from " + shown);
        }
        if (shown instanceof Screen.Feedback && pending != null && pending.breakNext()) {
            Outcome o = pending;
            pending = null;
            return show(breakScreen(o));
        }
        pending = null;
        return next();
    }

    /**
     * The participant answered the trial on screen: commits it (one transaction) and returns what to
     * show next. {@code onset} is when the trial appeared, {@code rtSeconds} the time since.
     */
    public Screen respond(String choice, int confidence, double rtSeconds, Instant onset) {
        if (!(shown instanceof Screen.Trial)) {
            throw new IllegalStateException("no trial on screen: " + shown);
        }
        Outcome o = runner.answer(choice, confidence, rtSeconds, onset);
        if (o.showFeedback()) {
            pending = o;
            String text = o.correct() ? "Correct." : "Wrong: the other image belonged with the right side."
                    + (o.repeated() ? " This practice trial comes again." : "");
            return show(new Screen.Feedback(o.correct(), text, "Continue"));
        }
        if (o.finished()) {
            return show(finished());
        }
        if (o.breakNext()) {
            return show(breakScreen(o));
        }
        return next();
    }

    private Screen next() {
        Presentation p = runner.current();
        if (p == null) {
            return show(finished());
        }
        if (!isPractice(p) && !mainIntroShown) {
            mainIntroShown = true;
            return show(new Screen.Instructions("Practice done", "The main trials start now. They do not show"
                    + " whether you were right. Take short breaks when a break screen appears.", "Start"));
        }
        return show(new Screen.Trial(p.trial(), isPractice(p), p.position() + 1, p.planned()));
    }

    private Screen breakScreen(Outcome o) {
        Presentation p = runner.current();
        int block = p == null ? 0 : p.trial().block() - 1;
        int blocks = runner.blocks();
        return show(new Screen.Break(block, blocks, "Block " + block + " of " + blocks + " done. Take a short break;"
                + " continue when you are ready.", "Continue"));
    }

    private Screen finished() {
        return new Screen.Finished(runner.answered(), "Thank you! All " + runner.answered()
                + " answers are saved. Please tell the experimenter that you are done.");
    }

    private static boolean isPractice(Presentation p) {
        return p.trial().trialType().equals("practice");
    }

    private Screen show(Screen s) {
        shown = s;
        return s;
    }
}
