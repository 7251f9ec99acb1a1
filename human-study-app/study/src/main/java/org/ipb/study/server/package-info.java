/**
 * Serving one judgment database to several study stations: {@link
 * org.ipb.study.server.StudyServer} wraps an H2 TCP server so that every station of a lab opens the
 * same database with {@code --db tcp://host:port/name} and commits each response to it.
 *
 * <p>The server has no password beyond H2's default user ({@code sa}, empty password), as the
 * stations connect with it: it belongs on a closed lab network.
 */
package org.ipb.study.server;
