package org.ipb.study.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.ipb.core.UserError;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.JudgmentStore.PlannedTrial;
import org.ipb.study.store.JudgmentStore.StoredTrial;

/**
 * One participant's session of a planned study: the state machine that the study UI and the
 * simulated participant share. {@link #open} starts or resumes the session at its first unanswered
 * trial; {@link #current} is the trial to show; {@link #answer} commits the response through the
 * store in one transaction before it advances, so dropping the runner (a crash) loses at most the
 * trial on screen. A wrong practice trial is planned again (same transaction) until answered
 * correctly or {@code practiceAttempts} are used. Events: {@code session_start}, {@code
 * session_resume}, {@code break} (between blocks), {@code session_end}.
 */
public final class SessionRunner {
    /** A trial to show, with the onset instant to record when it is shown. */
    public record Presentation(PlannedTrial trial, Instant onset, int position, int planned) {}

    /** What happened after an answer. */
    public record Outcome(boolean correct, boolean showFeedback, boolean breakNext, boolean repeated,
            boolean finished) {}

    private final JudgmentStore store;
    private final String study;
    private final String participant;
    private final String session;
    private final String source;
    private final Clock clock;
    private final StudyDesign.Options options;
    private List<StoredTrial> trials;
    private Presentation shown;

    private SessionRunner(JudgmentStore store, String study, String participant, String session, String source,
            Clock clock) {
        this.store = store;
        this.study = study;
        this.participant = participant;
        this.session = session;
        this.source = source;
        this.clock = clock;
        this.options = StudyDesign.options(store, study);
        reload();
        if (trials.isEmpty()) {
            throw new UserError(store.file(), "participant '" + participant + "' has no planned trials in study '"
                    + study + "'");
        }
    }

    /** Starts or resumes a participant's session ({@code source}: {@code app}, or {@code simulated}). */
    public static SessionRunner open(JudgmentStore store, String study, String participant, String source,
            Clock clock) {
        SessionRunner r = new SessionRunner(store, study, participant, StudyDesign.SESSION, source, clock);
        boolean any = r.trials.stream().anyMatch(StoredTrial::answered);
        if (r.finished()) {
            return r;
        }
        r.event(any ? "session_resume" : "session_start", any ? "at trial " + r.next().plan().trialIndex() : null);
        return r;
    }

    private void reload() {
        trials = store.sessionTrials(study, participant, session);
    }

    private StoredTrial next() {
        for (StoredTrial t : trials) {
            if (!t.answered()) {
                return t;
            }
        }
        return null;
    }

    private void event(String kind, String detail) {
        store.recordEvent(study, participant, session, source, kind, detail);
    }

    /** Records an event of this session (e.g. the display's measured latency). */
    public void note(String kind, String detail) {
        event(kind, detail);
    }

    /** True when every trial is answered. */
    public boolean finished() {
        return next() == null;
    }

    /** Answered trials so far (practice repetitions included). */
    public int answered() {
        return (int) trials.stream().filter(StoredTrial::answered).count();
    }

    /**
     * Up to {@code n} unanswered trials after the current one, in order: what a display preloads.
     * A wrong practice answer inserts a repetition, which shows the same images as the trial before.
     */
    public List<PlannedTrial> upcoming(int n) {
        List<PlannedTrial> out = new java.util.ArrayList<>();
        boolean skippedCurrent = false;
        for (StoredTrial t : trials) {
            if (t.answered()) {
                continue;
            }
            if (!skippedCurrent) {
                skippedCurrent = true;
                continue;
            }
            if (out.size() == n) {
                break;
            }
            out.add(t.plan());
        }
        return out;
    }

    /** The number of main blocks (the highest block number planned). */
    public int blocks() {
        return trials.stream().mapToInt(t -> t.plan().block()).max().orElse(0);
    }

    /** Trials planned so far (grows when a practice trial is repeated). */
    public int planned() {
        return trials.size();
    }

    /** The study's name. */
    public String study() {
        return study;
    }

    /** The participant's pseudonym. */
    public String participant() {
        return participant;
    }

    /** Whether the design asks for feedback after each trial. */
    public boolean feedback() {
        return options.feedback();
    }

    /**
     * The trial to show now, or null when the session is finished. The onset is the clock's instant
     * at the first call for this trial; later calls return the same presentation.
     */
    public Presentation current() {
        StoredTrial t = next();
        if (t == null) {
            return null;
        }
        if (shown == null || shown.trial().trialIndex() != t.plan().trialIndex()) {
            shown = new Presentation(t.plan(), clock.instant(), trials.indexOf(t), trials.size());
        }
        return shown;
    }

    /**
     * Commits the response to the current trial (one transaction) and advances.
     *
     * @param choice {@code a} (left query) or {@code b} (right query)
     * @param confidence 1-3, or null
     * @param rtSeconds response time in seconds
     * @param onset when the trial was shown (from {@link #current})
     */
    public Outcome answer(String choice, Integer confidence, double rtSeconds, Instant onset) {
        if (!"a".equals(choice) && !"b".equals(choice)) {
            throw new IllegalArgumentException("choice must be a or b: " + choice);
        }
        StoredTrial t = next();
        if (t == null) {
            throw new IllegalStateException("the session is finished");
        }
        PlannedTrial p = t.plan();
        boolean correct = choice.equals(p.correctSide());
        PlannedTrial repeat = null;
        if (p.trialType().equals("practice") && !correct && p.attempt() + 1 < options.practiceAttempts()) {
            repeat = p.repeatAt(p.trialIndex() + 1, p.attempt() + 1);
        }
        store.answerTrial(t.id(), choice, correct, confidence, rtSeconds, onset, source, repeat);
        shown = null;
        if (repeat != null) {
            reload(); // the repeated practice trial got a row id from the database
        } else {
            // Update in memory: re-reading the whole session after every answer cost 8-16 ms per
            // response over an H2 TCP server, more than the commit itself.
            trials.set(trials.indexOf(t), new StoredTrial(t.id(), p, true, correct));
        }
        StoredTrial n = next();
        // A break between main blocks; practice (block 0) leads into the main trials without one.
        boolean breakNext = n != null && n.plan().block() != p.block() && p.block() > 0;
        if (breakNext) {
            event("break", "after block " + p.block());
        }
        if (n == null) {
            event("session_end", answered() + " trials");
        }
        return new Outcome(correct, options.feedback() || p.trialType().equals("practice"), breakNext,
                repeat != null, n == null);
    }
}
