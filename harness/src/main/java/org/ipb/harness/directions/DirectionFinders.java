package org.ipb.harness.directions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.UserError;

/** Registry of direction-finding methods by name; a new method is one class and one line here. */
public final class DirectionFinders {
    private static final Map<String, DirectionFinder> BY_NAME = new LinkedHashMap<>();

    static {
        register(new BasisDirections());
        register(new RandomDirections());
        register(new PcaDirections());
        register(new IcaDirections());
        register(new KmeansDirections());
        register(new NmfDirections());
        register(new DictionaryDirections());
        register(new SaeDirections());
    }

    private DirectionFinders() {}

    static void register(DirectionFinder f) {
        BY_NAME.put(f.name(), f);
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    public static DirectionFinder get(String name) {
        DirectionFinder f = BY_NAME.get(name);
        if (f == null) {
            throw new UserError("unknown method '" + name + "'; known: " + String.join(", ", names()));
        }
        return f;
    }
}
