/**
 * The session state machine shared by the study UI and the simulated participant ({@link
 * org.ipb.study.session.SessionRunner}, {@link org.ipb.study.session.SimulatedObserver}).
 */
package org.ipb.study.session;
