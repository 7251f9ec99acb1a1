/**
 * Publishing a {@link org.ipb.leaderboards.board.Leaderboard}: {@link
 * org.ipb.leaderboards.publish.LeaderboardPublisher#publish} writes, all or nothing, the board as
 * JSON with its JSON Schema (draft 2020-12), a tidy CSV with one line per row, a Markdown summary
 * and a static, self-contained HTML page with PNG charts next to it.
 *
 * <p>Every file is a function of the board alone: no wall-clock time, no hash-order iteration,
 * numbers formatted with {@link java.util.Locale#ROOT} and a fixed precision, charts drawn at a fixed
 * size with fixed rendering hints and written without PNG metadata. Publishing the same board twice
 * gives byte-identical files (on one machine; chart pixels depend on the installed fonts).
 */
package org.ipb.leaderboards.publish;
