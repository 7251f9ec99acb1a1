package org.ipb.study.session;

import org.ipb.study.store.JudgmentStore.PlannedTrial;

/**
 * What the study window shows next, decided by {@link SessionFlow} without any display, so the
 * tests reach every decision the UI makes; the JavaFX views only draw these.
 */
public sealed interface Screen {
    /** A text page with one button (space or enter continues). */
    record Instructions(String title, String body, String button) implements Screen {}

    /**
     * A 2-AFC trial: the 9 min references left, the 9 max references right, queries {@code a} (left)
     * and {@code b} (right) in the centre. {@code position} counts from 1.
     */
    record Trial(PlannedTrial trial, boolean practice, int position, int planned) implements Screen {}

    /** Whether the answer was right, after practice trials (and all trials with feedback on). */
    record Feedback(boolean correct, String text, String button) implements Screen {}

    /** A pause between blocks. */
    record Break(int blockDone, int blocks, String text, String button) implements Screen {}

    /** The session is over. */
    record Finished(int answered, String text) implements Screen {}
}
