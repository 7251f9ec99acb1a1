/**
 * Serving one judgment database to several study stations: {@link
 * org.ipb.study.server.StudyServer} wraps an H2 TCP server so that every station of a lab opens the
 * same database with {@code --db tcp://host:port/name} and commits each response to it.
 *
 * <p>The stations connect as H2's default user ({@code sa}, empty password), so the server is
 * guarded by a generated secret instead: the database is served only under a name that carries 256
 * random bits (H2 {@code -key}), and only this machine may connect unless {@code --allow-others}.
 * The secret is not encrypted on the wire; on a network others can reach, use {@code ipb study web}.
 */
package org.ipb.study.server;
