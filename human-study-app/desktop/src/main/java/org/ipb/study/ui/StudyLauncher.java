package org.ipb.study.ui;

import java.util.List;
import javafx.application.Application;
import org.ipb.core.UserError;
import org.ipb.study.store.JudgmentStore;

/**
 * Starts the study window. JavaFX refuses to start an {@link Application} subclass's own main from
 * the class path, so the entry point lives here. Everything a participant could trip over (a
 * missing study, participant or image) is checked before a window opens.
 */
public final class StudyLauncher {
    private StudyLauncher() {}

    /** {@code --db LOCATION [--study NAME] --participant ID [--fullscreen]}. */
    public static void main(String[] args) {
        String db = null;
        String study = null;
        String participant = null;
        boolean full = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--db" -> db = args[++i];
                case "--study" -> study = args[++i];
                case "--participant" -> participant = args[++i];
                case "--fullscreen" -> full = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (db == null || participant == null) {
            throw new IllegalArgumentException("usage: --db LOCATION [--study NAME] --participant ID [--fullscreen]");
        }
        StudyAppConfig c = StudyAppConfig.of(db, study, participant);
        run(new StudyAppConfig(c.db(), c.study(), c.participant(), full, c.cellPx(), c.preload()));
    }

    /** Checks the config, then runs the window until it is closed. */
    public static void run(StudyAppConfig config) {
        Displays.require("ipb study run");
        StudyAppConfig checked = check(config);
        StudyApp.setLaunchConfig(checked);
        Application.launch(StudyApp.class);
    }

    /**
     * Resolves the study (the only planned study when none is named) and checks that the participant
     * is planned in it and that every image its trials show is stored.
     */
    public static StudyAppConfig check(StudyAppConfig c) {
        try (JudgmentStore store = JudgmentStore.open(c.db())) {
            String study = c.study();
            if (study == null) {
                List<String> planned = store.studies().stream().filter(s -> store.studyDesign(s) != null).toList();
                if (planned.size() != 1) {
                    throw new UserError(store.file(), planned.isEmpty() ? "holds no planned study (ipb study create)"
                            : "holds several planned studies; name one with --study: " + String.join(", ", planned));
                }
                study = planned.get(0);
            } else if (!store.hasStudy(study)) {
                throw new UserError(store.file(), "no study named '" + study + "'");
            }
            if (!store.participants(study).contains(c.participant())) {
                throw new UserError(store.file(), "participant '" + c.participant() + "' is not planned in study '"
                        + study + "' (planned: " + String.join(", ", store.participants(study)) + ")");
            }
            List<String> missing = store.missingImages(study);
            if (!missing.isEmpty()) {
                throw new UserError(store.file(), "study '" + study + "' lacks " + missing.size() + " images (first: "
                        + missing.get(0) + "); create it again without --no-images");
            }
            return new StudyAppConfig(c.db(), study, c.participant(), c.fullScreen(), c.cellPx(), c.preload());
        }
    }
}
