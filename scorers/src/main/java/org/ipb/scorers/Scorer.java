package org.ipb.scorers;

import java.util.List;
import org.ipb.core.plugin.Plugin;

/**
 * An automated interpretability score of every direction of a candidate set. Adding a scorer is
 * one class implementing this plus one line in {@link Scorers}. The scorer describes itself
 * ({@link #describe}): what it needs (an observer, labels, the model), its option keys with
 * defaults, and its typed extra outputs, which it reports through {@link ScoringContext#report}.
 */
public interface Scorer extends Plugin {
    /** Bumped whenever the scorer's definition or defaults change, and written with every row. */
    String version();

    /** One line for {@code --help}, with the reference the scorer follows. */
    default String description() {
        return describe().summary();
    }

    /** Rows for every direction of the context's candidate set, in direction order. */
    List<ScoreRow> score(ScoringContext context);
}
