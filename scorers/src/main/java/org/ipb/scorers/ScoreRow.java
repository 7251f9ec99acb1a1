package org.ipb.scorers;

import java.util.Map;

/**
 * One score of one direction: Brain-Score style, the raw value with its standard error (null
 * where the scorer defines none), the parameters it was computed with and the scorer's version.
 *
 * @param direction the direction id, {@code model:layer:method:index}
 * @param scorer the scorer and measure, e.g. {@code mis} or {@code selectivity.ccmas}
 */
public record ScoreRow(String direction, int index, String scorer, String version, double score, Double standardError,
        Map<String, Object> parameters) {}
