package org.ipb.leaderboards.board;

import java.util.SortedMap;

/**
 * One scored direction of a board row: every scorer measure's value ({@code mis}, {@code
 * mis.delta}, {@code coherence}, ...). Published as {@code directions.csv} and drawn as the
 * per-direction strip plots; not part of {@code leaderboard.json}.
 */
public record DirectionScore(String benchmark, String model, String layer, String entry, int entryVersion,
        String direction, SortedMap<String, Double> scores) {}
