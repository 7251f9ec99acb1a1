package org.ipb.study.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.session.Screen;
import org.ipb.study.session.SessionFlow;
import org.ipb.study.session.SessionRunner;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.JudgmentStore.PlannedTrial;
import org.ipb.study.store.JudgmentStore.StoredTrial;
import org.ipb.study.store.StudyLocation;

/**
 * One participant's session in the browser: a {@link SessionFlow} over a {@link SessionRunner} on
 * its own connection to the store, exactly as the desktop window drives them, plus the consent page
 * that comes before the flow. Every method is synchronized: a participant's requests are handled one
 * at a time, in order.
 *
 * <p>What the page sends is tied to what is on screen: a continue carries the sequence number of the
 * screen it continues from, an answer the index of the trial it answers. A request for any other
 * screen (a double click, a retry after a lost response, a tab opened twice) changes nothing and gets
 * the current screen back, so no trial is answered twice and none is skipped. Sequence numbers start
 * at a random value, so a page from before a server restart cannot match a screen after it.
 */
final class ParticipantSession implements AutoCloseable {
    /** The source recorded with every answer given in a browser. */
    static final String SOURCE = "web";

    private static final SecureRandom SEQ = new SecureRandom();

    private final String participant;
    private final JudgmentStore store;
    private final SessionFlow flow;
    private final String consent;
    private final String completion;
    private final Set<String> images = new HashSet<>();
    private final FrameTimings frames = new FrameTimings();
    private boolean consented;
    /** True while the first screen of a reopened session (its welcome back) is on display. */
    private boolean resumed;
    private long seq = SEQ.nextInt(1 << 30);
    private long lastUse = System.nanoTime();

    private ParticipantSession(String participant, JudgmentStore store, SessionFlow flow, String consent,
            String completion, boolean consented) {
        this.participant = participant;
        this.store = store;
        this.flow = flow;
        this.consent = consent;
        this.completion = completion;
        this.consented = consented;
    }

    /** Opens (or resumes) a participant's session on a new connection to the database. */
    static ParticipantSession open(StudyLocation db, String study, String participant, String consent,
            String completion) {
        JudgmentStore store = JudgmentStore.open(db);
        try {
            SessionRunner runner = SessionRunner.open(store, study, participant, SOURCE, Clock.systemUTC());
            SessionFlow flow = new SessionFlow(runner);
            boolean consented = runner.answered() > 0
                    || store.eventKinds(study, participant, StudyDesign.SESSION).contains("consent");
            ParticipantSession s = new ParticipantSession(participant, store, flow, consent, completion, consented);
            for (StoredTrial t : store.sessionTrials(study, participant, StudyDesign.SESSION)) {
                s.images.addAll(t.plan().imageIds());
            }
            if (consented) {
                flow.start();
                s.resumed = runner.answered() > 0 && !runner.finished();
            }
            return s;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** True when this participant's trials show the image {@code id}. */
    synchronized boolean shows(String id) {
        return images.contains(id);
    }

    /** The screen on display, as the page gets it. */
    synchronized Map<String, Object> screen() {
        touch();
        return json(false);
    }

    /** Continue from the consent, instruction, feedback or break screen numbered {@code from}. */
    synchronized Map<String, Object> proceed(long from) {
        touch();
        if (from != seq) {
            return json(true);
        }
        if (!consented) {
            flow.runner().note("consent", "agreed (consent text sha256 " + org.ipb.core.Sha256.of(
                    consent.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ")");
            consented = true;
            flow.start();
        } else if (flow.shown() instanceof Screen.Trial || flow.shown() instanceof Screen.Finished) {
            return json(true);
        } else {
            flow.proceed();
        }
        resumed = false;
        seq++;
        return json(false);
    }

    /**
     * Answers the trial with index {@code trial}: committed in one transaction before the next screen
     * is decided. Anything but the trial on screen is a duplicate and changes nothing.
     */
    synchronized Map<String, Object> answer(WebAnswer a) {
        touch();
        if (consented && resumed && flow.shown() instanceof Screen.Instructions && flow.runner().current() != null
                && flow.runner().current().trial().trialIndex() == a.trial()) {
            // The page still showed this trial when the server restarted ("Welcome back" is only the
            // first screen of a reopened session): the answer is for the first unanswered trial.
            flow.proceed();
        }
        resumed = false;
        if (!consented || !(flow.shown() instanceof Screen.Trial t) || t.trial().trialIndex() != a.trial()) {
            Map<String, Object> m = json(true);
            m.put("committed", false);
            return m;
        }
        SessionFlow.Response r = SessionFlow.RESPONSES.get(a.button() - 1);
        Screen next = flow.respond(r.choice(), r.confidence(), a.rtMs() / 1000.0, onset(a.onsetEpochMs()));
        frames.add(a.frameMs(), a.drawMs());
        if ((next instanceof Screen.Break || next instanceof Screen.Finished) && !frames.isEmpty()) {
            flow.runner().note("frame_timing", frames.drain());
        }
        seq++;
        Map<String, Object> m = json(false);
        m.put("committed", true);
        return m;
    }

    /** Records a page event (fullscreen, visibility...) in this session. */
    synchronized void note(String kind, String detail) {
        touch();
        flow.runner().note(kind, detail);
    }

    /**
     * The page's clock says when the trial appeared (its first frame); a clock off by more than ten
     * minutes from the server's is not believed, and the server's instant at showing is kept instead.
     */
    private Instant onset(Double epochMs) {
        Instant server = flow.runner().current().onset();
        if (epochMs == null) {
            return server;
        }
        Instant page = Instant.ofEpochMilli(Math.round(epochMs));
        return Duration.between(page, Instant.now()).abs().compareTo(Duration.ofMinutes(10)) < 0 ? page : server;
    }

    private Map<String, Object> json(boolean stale) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("stale", stale);
        if (!consented) {
            m.put("kind", "consent");
            m.put("title", "Consent");
            m.put("body", consent);
            m.put("button", "I agree, start in fullscreen");
            return m;
        }
        Screen s = flow.shown();
        if (s instanceof Screen.Instructions i) {
            m.put("kind", "instructions");
            m.put("title", i.title());
            m.put("body", i.body());
            m.put("button", i.button());
            m.put("preload", preload(true));
        } else if (s instanceof Screen.Trial t) {
            m.put("kind", "trial");
            PlannedTrial p = t.trial();
            Map<String, Object> tr = new LinkedHashMap<>();
            // Never the correct side: the page only needs what it shows.
            tr.put("index", p.trialIndex());
            tr.put("practice", t.practice());
            tr.put("position", t.position());
            tr.put("planned", t.planned());
            tr.put("min", p.minReferences());
            tr.put("max", p.maxReferences());
            tr.put("a", p.queryA());
            tr.put("b", p.queryB());
            m.put("trial", tr);
            m.put("preload", preload(false));
        } else if (s instanceof Screen.Feedback f) {
            m.put("kind", "feedback");
            m.put("title", f.correct() ? "Correct" : "Wrong");
            m.put("body", f.text());
            m.put("button", f.button());
            m.put("preload", preload(true));
        } else if (s instanceof Screen.Break b) {
            m.put("kind", "break");
            m.put("title", "Break");
            m.put("body", b.text());
            m.put("button", b.button());
            m.put("preload", preload(true));
        } else if (s instanceof Screen.Finished f) {
            m.put("kind", "finished");
            m.put("title", "Done");
            m.put("body", "Thank you! All " + f.answered() + " answers are saved. Your completion code is below;"
                    + " you may close this page.");
            m.put("completionCode", completion);
        }
        return m;
    }

    /** Image ids of the trial to come (with {@code current}) and the next two, for the page to preload. */
    private List<String> preload(boolean current) {
        List<String> out = new ArrayList<>();
        SessionRunner r = flow.runner();
        if (current && r.current() != null) {
            out.addAll(r.current().trial().imageIds());
        }
        for (PlannedTrial t : r.upcoming(2)) {
            out.addAll(t.imageIds());
        }
        return out;
    }

    /** The participant's pseudonym. */
    String participant() {
        return participant;
    }

    /** True when every trial is answered. */
    synchronized boolean finished() {
        return consented && flow.shown() instanceof Screen.Finished;
    }

    private void touch() {
        lastUse = System.nanoTime();
    }

    /** Nanoseconds since the last request. */
    synchronized long idleNanos() {
        return System.nanoTime() - lastUse;
    }

    @Override
    public synchronized void close() {
        store.close();
    }
}
