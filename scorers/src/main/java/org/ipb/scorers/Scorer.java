package org.ipb.scorers;

import java.util.List;

/**
 * An automated interpretability score of every direction of a candidate set. Adding a scorer is
 * one class implementing this plus one line in {@link Scorers}.
 */
public interface Scorer {
    /** Name on the command line ({@code --scorers}). */
    String name();

    /** Bumped whenever the scorer's definition or defaults change, and written with every row. */
    String version();

    /** One line for {@code --help}, with the reference the scorer follows. */
    String description();

    /** Rows for every direction of the context's candidate set, in direction order. */
    List<ScoreRow> score(ScoringContext context);
}
