package org.ipb.study.ui;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import org.ipb.study.session.Screen;
import org.ipb.study.session.SessionFlow;
import org.ipb.study.store.JudgmentStore.PlannedTrial;

/**
 * Draws the screens of a {@link SessionFlow} and turns clicks and keys into its calls. Timing:
 * a trial's onset is the first animation pulse after its images are in the scene (the pulse that
 * renders them; the monitor's refresh adds its own delay), taken with System.nanoTime; the reaction
 * time runs from there to the input event. Responses are ignored until the onset is taken and while
 * one is being committed, so a double click can never answer two trials.
 */
public final class StudyWindow {
    private final SessionFlow flow;
    private final ImageCache images;
    private final int preload;
    private final StackPane root = new StackPane();
    private final Scene scene;
    private final TrialView trialView;
    private final MessageView messageView;
    private final DisplayLatency latency = new DisplayLatency();
    private final AtomicInteger committed = new AtomicInteger();
    private final AnimationTimer pulse;
    private long onsetNanos;
    private Instant onset;
    private boolean awaitingOnset;
    private volatile boolean accepting;
    private long respondedNanos = -1;
    private Runnable onFinished = () -> {};

    StudyWindow(SessionFlow flow, ImageCache images, StudyAppConfig config) {
        this.flow = flow;
        this.images = images;
        this.preload = config.preload();
        this.trialView = new TrialView(config.cellPx(), this::respond);
        this.messageView = new MessageView(this::proceed);
        this.scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(StudyWindow.class.getResource("study.css").toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        this.pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (awaitingOnset) {
                    onsetNanos = System.nanoTime();
                    onset = Instant.now();
                    awaitingOnset = false;
                    accepting = true;
                    trialView.enable(true);
                    if (respondedNanos >= 0) {
                        latency.add(onsetNanos - respondedNanos);
                        respondedNanos = -1;
                    }
                }
            }
        };
        pulse.start();
    }

    Scene scene() {
        return scene;
    }

    /** Called once the last screen is shown. */
    void onFinished(Runnable r) {
        onFinished = r;
    }

    /** Shows the first screen. */
    void start() {
        render(flow.start());
    }

    /** Trial-to-trial display latencies measured so far. */
    public DisplayLatency latency() {
        return latency;
    }

    /** Responses committed through this window. */
    public int committed() {
        return committed.get();
    }

    /** The screen on display. */
    public Screen shown() {
        return flow.shown();
    }

    /** True when a trial is on screen and takes a response. */
    public boolean acceptingResponse() {
        return accepting;
    }

    private void key(KeyEvent e) {
        long t = System.nanoTime();
        if (flow.shown() instanceof Screen.Trial) {
            for (SessionFlow.Response r : SessionFlow.RESPONSES) {
                if (e.getText().equals(r.key()) || e.getCode().getName().equals("Numpad " + r.key())) {
                    respond(r, t);
                    e.consume();
                    return;
                }
            }
        } else if ((e.getCode() == KeyCode.SPACE || e.getCode() == KeyCode.ENTER) && messageView.hasButton()) {
            proceed();
            e.consume();
        }
    }

    private void respond(SessionFlow.Response r, long eventNanos) {
        if (!accepting) {
            return;
        }
        accepting = false;
        trialView.enable(false);
        double rt = (eventNanos - onsetNanos) / 1e9;
        respondedNanos = eventNanos;
        Screen next;
        try {
            next = flow.respond(r.choice(), r.confidence(), rt, onset);
        } catch (RuntimeException ex) {
            fatal(ex);
            return;
        }
        committed.incrementAndGet();
        if (!(next instanceof Screen.Trial)) {
            respondedNanos = -1;
        }
        render(next);
    }

    private void proceed() {
        if (!messageView.hasButton() || flow.shown() instanceof Screen.Trial) {
            return;
        }
        try {
            render(flow.proceed());
        } catch (RuntimeException ex) {
            fatal(ex);
        }
    }

    private void render(Screen s) {
        if (s instanceof Screen.Trial t) {
            trialView.show(t, images);
            root.getChildren().setAll(trialView.node());
            awaitingOnset = true;
            images.preload(flow.runner().upcoming(preload));
            return;
        }
        accepting = false;
        root.getChildren().setAll(messageView.node());
        if (s instanceof Screen.Instructions i) {
            messageView.show(i.title(), i.body(), i.button());
        } else if (s instanceof Screen.Feedback f) {
            messageView.show(f.correct() ? "Correct" : "Wrong", f.text(), f.button());
        } else if (s instanceof Screen.Break b) {
            messageView.show("Break", b.text(), b.button());
        } else if (s instanceof Screen.Finished f) {
            messageView.show("Done", f.text(), null);
            flow.runner().note("display_latency", latency.describe());
            onFinished.run();
            return;
        }
        images.preload(nextTrials());
    }

    private java.util.List<PlannedTrial> nextTrials() {
        java.util.List<PlannedTrial> out = new java.util.ArrayList<>();
        var current = flow.runner().current();
        if (current != null) {
            out.add(current.trial());
        }
        out.addAll(flow.runner().upcoming(preload));
        return out;
    }

    private void fatal(RuntimeException ex) {
        accepting = false;
        root.getChildren().setAll(messageView.node());
        messageView.show("Not saved", "The last answer could not be saved: " + ex.getMessage()
                + "\n\nPlease call the experimenter. Answers before it are saved; restarting the study app"
                + " continues at the first unanswered trial.", null);
    }
}
