package org.ipb.harness.directions;

import java.util.Collection;
import java.util.List;
import org.ipb.core.plugin.Registry;

/** Registry of direction-finding methods by name; a new method is one class and one line here. */
public final class DirectionFinders {
    private static final Registry<DirectionFinder> REGISTRY = new Registry<DirectionFinder>("method")
            .register(new BasisDirections())
            .register(new RandomDirections())
            .register(new PcaDirections())
            .register(new IcaDirections())
            .register(new KmeansDirections())
            .register(new NmfDirections())
            .register(new DictionaryDirections())
            .register(new SaeDirections());

    private DirectionFinders() {}

    public static Registry<DirectionFinder> registry() {
        return REGISTRY;
    }

    public static List<String> names() {
        return REGISTRY.names();
    }

    public static DirectionFinder get(String name) {
        return REGISTRY.get(name);
    }

    /**
     * Fails on an unknown method name or an option key that none of {@code methods} declares,
     * before any work is done.
     */
    public static void check(Collection<String> methods, Collection<String> optionKeys) {
        methods.forEach(REGISTRY::get);
        REGISTRY.rejectUnknownOptions(methods, optionKeys);
    }
}
