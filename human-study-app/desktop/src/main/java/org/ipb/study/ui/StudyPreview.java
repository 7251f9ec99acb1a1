package org.ipb.study.ui;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import org.ipb.core.AtomicWrite;
import org.ipb.core.UserError;
import org.ipb.study.session.Screen;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.JudgmentStore.StoredTrial;

/**
 * Shows one planned trial in a real window exactly as a participant would see it and saves a
 * capture of the screen (the window's pixels as the display shows them) as PNG, so an
 * experimenter can check a study before anyone takes it. Reads only: nothing is recorded.
 */
public final class StudyPreview {
    private StudyPreview() {}

    /** Captures trial {@code trialIndex} (or the first unanswered main trial when null) into {@code png}. */
    public static void capture(StudyAppConfig config, Integer trialIndex, Path png) throws Exception {
        Displays.require("ipb study preview");
        StudyAppConfig c = StudyLauncher.check(config);
        Screen.Trial screen;
        try (JudgmentStore store = JudgmentStore.open(c.db())) {
            List<StoredTrial> ts = store.sessionTrials(c.study(), c.participant(),
                    org.ipb.study.design.StudyDesign.SESSION);
            StoredTrial pick = null;
            for (StoredTrial t : ts) {
                if (trialIndex != null ? t.plan().trialIndex() == trialIndex
                        : !t.answered() && t.plan().trialType().equals("main")) {
                    pick = t;
                    break;
                }
            }
            if (pick == null) {
                throw new UserError(store.file(), trialIndex != null ? "participant " + c.participant() + " has no"
                        + " trial " + trialIndex : "participant " + c.participant() + " has no unanswered main trial");
            }
            screen = new Screen.Trial(pick.plan(), false, ts.indexOf(pick) + 1, ts.size());
        }
        CompletableFuture<WritableImage> shot = new CompletableFuture<>();
        try (JudgmentStore images = JudgmentStore.open(c.db());
                ImageCache cache = new ImageCache(images::image, 64)) {
            Platform.startup(() -> {
                try {
                    TrialView view = new TrialView(c.cellPx(), (r, t) -> {});
                    view.show(screen, cache);
                    view.enable(true);
                    Scene scene = new Scene(view.node(), 1280, 800);
                    scene.getStylesheets().add(StudyPreview.class.getResource("study.css").toExternalForm());
                    Stage stage = new Stage();
                    stage.setTitle("ipb study preview");
                    stage.setScene(scene);
                    stage.show();
                    // Capture once the window has been mapped and drawn; the FX thread must stay
                    // free meanwhile, so wait with a timer rather than a sleep.
                    javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(
                            javafx.util.Duration.millis(1000));
                    wait.setOnFinished(e -> {
                        try {
                            Rectangle2D area = new Rectangle2D(stage.getX() + scene.getX(), stage.getY() + scene.getY(),
                                    scene.getWidth(), scene.getHeight());
                            shot.complete(new Robot().getScreenCapture(null, area));
                        } catch (Throwable t) {
                            shot.completeExceptionally(t);
                        }
                    });
                    wait.play();
                } catch (Throwable e) {
                    shot.completeExceptionally(e);
                }
            });
            WritableImage img = shot.get(60, TimeUnit.SECONDS);
            BufferedImage b = SwingFXUtils.fromFXImage(img, null);
            AtomicWrite.bytes(png, out -> javax.imageio.ImageIO.write(b, "png", out));
        } finally {
            Platform.exit();
        }
    }
}
