package org.ipb.study.ui;

/**
 * What the study window runs: a database location (file or {@code tcp://host:port/name}), the
 * study, the participant's pseudonym, and how to draw it.
 *
 * @param cellPx side of a reference image in pixels; queries are 1.5 times larger
 * @param preload trials ahead whose images are decoded in the background
 */
public record StudyAppConfig(String db, String study, String participant, boolean fullScreen, int cellPx,
        int preload) {
    public StudyAppConfig {
        if (cellPx < 16) {
            throw new IllegalArgumentException("cell size must be at least 16 px: " + cellPx);
        }
        if (preload < 0) {
            throw new IllegalArgumentException("preload must not be negative: " + preload);
        }
    }

    public static StudyAppConfig of(String db, String study, String participant) {
        return new StudyAppConfig(db, study, participant, false, 96, 2);
    }
}
