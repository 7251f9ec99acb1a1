package org.ipb.core.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ipb.core.UserError;

/**
 * The plugins of one kind by name, in registration order (the order help lists them in).
 *
 * @param <T> the plugin type
 */
public final class Registry<T extends Plugin> {
    private final String kind;
    private final Map<String, T> byName = new LinkedHashMap<>();

    /** @param kind what the plugins are, for messages ("method", "scorer", "observer", "format") */
    public Registry(String kind) {
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }

    /** Adds {@code plugin}; a second plugin of the same name is a bug. */
    public Registry<T> register(T plugin) {
        String name = plugin.describe().name();
        if (byName.putIfAbsent(name, plugin) != null) {
            throw new IllegalStateException(kind + " '" + name + "' registered twice");
        }
        return this;
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public List<T> all() {
        return List.copyOf(byName.values());
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** The plugin called {@code name}; a UserError listing the known names (and the nearest) otherwise. */
    public T get(String name) {
        T p = byName.get(name);
        if (p == null) {
            String near = name == null ? null : Suggestions.nearest(name, byName.keySet());
            throw new UserError("unknown " + kind + " '" + name + "'" + (near != null ? " (did you mean '" + near
                    + "'?)" : "") + "; known: " + String.join(", ", names()));
        }
        return p;
    }

    /**
     * Rejects option keys that none of {@code chosen} declares (options are given once for every
     * chosen plugin, so a key is valid when at least one of them reads it).
     *
     * @throws UserError naming the first unknown key and the keys the chosen plugins accept
     */
    public void rejectUnknownOptions(Collection<String> chosen, Collection<String> optionKeys) {
        List<PluginInfo> infos = new ArrayList<>();
        for (String c : chosen) {
            infos.add(get(c).describe());
        }
        for (String key : optionKeys) {
            if (infos.stream().noneMatch(i -> i.declaresOption(key))) {
                TreeSet<String> valid = new TreeSet<>();
                infos.forEach(i -> valid.addAll(i.optionKeys()));
                String near = Suggestions.nearest(key, valid);
                throw new UserError("unknown option '" + key + "' for " + kind + (chosen.size() == 1 ? " " : "s ")
                        + String.join(", ", chosen) + (near != null ? " (did you mean '" + near + "'?)" : "")
                        + "; valid: " + (valid.isEmpty() ? "none" : String.join(", ", valid)));
            }
        }
    }
}
