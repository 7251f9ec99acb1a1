/**
 * The JavaFX study window: {@link org.ipb.study.ui.StudyLauncher} (the entry point, kept apart from
 * the {@link javafx.application.Application} subclass so JavaFX starts from the class path), {@link
 * org.ipb.study.ui.StudyApp}, and the views that draw the {@link org.ipb.study.session.Screen}s that
 * {@link org.ipb.study.session.SessionFlow} decides. The views hold no study logic; they measure
 * time (onset, reaction time, display latency) and preload images.
 */
package org.ipb.study.ui;
