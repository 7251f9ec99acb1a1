package org.ipb.study.ui;

import java.time.Clock;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.session.SessionFlow;
import org.ipb.study.session.SessionRunner;
import org.ipb.study.store.JudgmentStore;

/**
 * The study window's JavaFX application. Started by {@link StudyLauncher} (which checks the study
 * first) or by a test harness with a config. It opens two connections: one that commits responses
 * on the JavaFX thread, one that the image preloader reads from in the background.
 */
public final class StudyApp extends Application {
    private static volatile StudyAppConfig launchConfig;

    private final StudyAppConfig config;
    private JudgmentStore store;
    private JudgmentStore imageStore;
    private ImageCache cache;
    private StudyWindow window;
    private SessionRunner runner;

    /** For {@link Application#launch}: uses the config {@link StudyLauncher} set. */
    public StudyApp() {
        this(launchConfig);
    }

    public StudyApp(StudyAppConfig config) {
        if (config == null) {
            throw new IllegalStateException("start the study app through StudyLauncher");
        }
        this.config = config;
    }

    static void setLaunchConfig(StudyAppConfig c) {
        launchConfig = c;
    }

    @Override
    public void start(Stage stage) {
        store = JudgmentStore.open(config.db());
        imageStore = JudgmentStore.open(config.db());
        runner = SessionRunner.open(store, config.study(), config.participant(), StudyDesign.SOURCE,
                Clock.systemUTC());
        cache = new ImageCache(imageStore::image, 512);
        window = new StudyWindow(new SessionFlow(runner), cache, config);
        stage.setTitle("ipb study " + config.study() + " - participant " + config.participant());
        stage.setScene(window.scene());
        stage.setFullScreen(config.fullScreen());
        stage.setOnCloseRequest(e -> {
            if (!runner.finished()) {
                runner.note("window_closed", "after " + runner.answered() + " answered; display latency "
                        + window.latency().describe());
            }
        });
        stage.show();
        window.start();
    }

    /** The window, once started (for tests and screenshots). */
    public StudyWindow window() {
        return window;
    }

    @Override
    public void stop() {
        if (cache != null) {
            cache.close();
        }
        if (imageStore != null) {
            imageStore.close();
        }
        if (store != null) {
            store.close();
        }
    }

    /** Closes the window from any thread. */
    public static void exit() {
        Platform.exit();
    }
}
