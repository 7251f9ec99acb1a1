package org.ipb.scorers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.UserError;

/** Registry of scorers by name; a new scorer is one class and one line here. */
public final class Scorers {
    private static final Map<String, Scorer> BY_NAME = new LinkedHashMap<>();

    static {
        register(new MisScorer());
        register(new CoherenceScorer());
        register(new SelectivityScorer());
        register(new SparsityScorer());
        register(new AblationScorer());
    }

    private Scorers() {}

    private static void register(Scorer s) {
        BY_NAME.put(s.name(), s);
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    public static Scorer get(String name) {
        Scorer s = BY_NAME.get(name);
        if (s == null) {
            throw new UserError("unknown scorer '" + name + "'; known: " + String.join(", ", names()));
        }
        return s;
    }
}
