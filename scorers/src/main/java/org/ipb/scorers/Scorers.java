package org.ipb.scorers;

import java.util.Collection;
import java.util.List;
import org.ipb.core.plugin.Need;
import org.ipb.core.plugin.Registry;

/** Registry of scorers by name; a new scorer is one class and one line here. */
public final class Scorers {
    private static final Registry<Scorer> REGISTRY = new Registry<Scorer>("scorer")
            .register(new MisScorer())
            .register(new CoherenceScorer())
            .register(new SelectivityScorer())
            .register(new SparsityScorer())
            .register(new AblationScorer());

    /** Key of the ablation scorer's typed extra output, the area under its score-order curve. */
    public static final String ABLATION_AUC = "ablation." + AblationScorer.AUC;

    private Scorers() {}

    public static Registry<Scorer> registry() {
        return REGISTRY;
    }

    public static List<String> names() {
        return REGISTRY.names();
    }

    public static Scorer get(String name) {
        return REGISTRY.get(name);
    }

    /** Whether any of {@code scorers} declares that it needs {@code need}. */
    public static boolean anyNeeds(Collection<String> scorers, Need need) {
        return scorers.stream().anyMatch(s -> REGISTRY.get(s).describe().needs(need));
    }
}
