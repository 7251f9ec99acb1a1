package org.ipb.study.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.ipb.study.session.Screen;

/**
 * A participant at the real study window in its own JVM (Monocle headless): answers every trial by
 * key presses that go through the window's key handling, and prints {@code answered N} after each
 * committed response, so a parent process can kill it at a known point. Args: db participant.
 */
public final class AutoParticipantMain {
    public static void main(String[] args) throws Exception {
        StudyAppConfig c = StudyLauncher.check(StudyAppConfig.of(args[0], null, args[1]));
        CompletableFuture<StudyApp> started = new CompletableFuture<>();
        Platform.startup(() -> {
            StudyApp app = new StudyApp(c);
            app.start(new Stage());
            started.complete(app);
        });
        StudyWindow w = started.get(30, TimeUnit.SECONDS).window();
        Screen first = onFx(w::shown);
        System.out.println("first " + (first instanceof Screen.Instructions i ? i.title() : first));
        int committed = 0;
        while (true) {
            Screen s = onFx(w::shown);
            if (s instanceof Screen.Finished) {
                System.out.println("finished " + committed);
                System.out.println("display latency " + onFx(() -> w.latency().describe()));
                break;
            }
            if (s instanceof Screen.Trial t) {
                long until = System.nanoTime() + 10_000_000_000L;
                while (!w.acceptingResponse() && System.nanoTime() < until) {
                    Thread.sleep(1);
                }
                // a person's reaction time, during which the next trial's images preload
                Thread.sleep(Long.getLong("ipb.auto.thinkMs", 0));
                boolean left = t.trial().correctSide().equals("a");
                press(w, left ? KeyCode.DIGIT1 : KeyCode.DIGIT6, left ? "1" : "6");
                int now = onFx(w::committed);
                if (now > committed) {
                    committed = now;
                    System.out.println("answered " + committed);
                }
            } else {
                press(w, KeyCode.SPACE, " ");
            }
        }
        System.out.flush();
        Platform.exit();
    }

    private static void press(StudyWindow w, KeyCode code, String text) throws Exception {
        onFx(() -> {
            w.scene().getRoot().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, text, text, code, false, false, false,
                    false));
            return null;
        });
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> f) throws Exception {
        CompletableFuture<T> r = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.complete(f.call());
            } catch (Exception e) {
                r.completeExceptionally(e);
            }
        });
        return r.get(30, TimeUnit.SECONDS);
    }
}
