package org.ipb.harness.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.UserError;

/** Registry of the architectures that {@code djl-block} manifests may name. */
public final class Architectures {
    private static final Map<String, Architecture> BY_NAME = new LinkedHashMap<>();

    static {
        register(new FashionCnn());
        register(new ObserverCnn());
    }

    private Architectures() {}

    private static void register(Architecture a) {
        BY_NAME.put(a.name(), a);
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** The architecture called {@code name}; an unknown name is a user error listing the known ones. */
    public static Architecture get(String name) {
        Architecture a = BY_NAME.get(name);
        if (a == null) {
            throw new UserError("unknown architecture '" + name + "'; known: " + String.join(", ", names()));
        }
        return a;
    }
}
