/**
 * The leaderboard: versioned benchmark definitions ({@link org.ipb.leaderboards.board.BenchmarkDefinition}),
 * one {@link org.ipb.leaderboards.board.LeaderboardRow} per method (or submission) x model x layer,
 * and the {@link org.ipb.leaderboards.board.Leaderboard} that is published. As in Brain-Score, a
 * row keeps the raw score, the ceiling and the ceiled score together, and every row carries its
 * provenance.
 */
package org.ipb.leaderboards.board;
