/**
 * The online room of the human-study-app: the same 2-AFC session as the JavaFX window, served to a
 * browser by {@link org.ipb.study.web.StudyWebServer} (Javalin on Jetty) from a static page, on the
 * same {@link org.ipb.study.session.SessionFlow}, {@link org.ipb.study.session.SessionRunner} and
 * store, so desktop and web sessions are one experiment. No JavaFX here and nothing of the desktop
 * room (ArchitectureTest).
 *
 * <p>Safety (decision record 0015-online-studies-web): the database is opened by the server's process only (no
 * H2 port); a participant reaches only their own session through an unguessable link token
 * (HMAC of a per-study secret, compared in constant time); inputs are validated and size-limited,
 * answer endpoints rate-limited, the page sets a strict Content-Security-Policy and builds the DOM
 * with text nodes only.
 */
package org.ipb.study.web;
