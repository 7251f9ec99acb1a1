package org.ipb.core.plugin;

/** Anything a {@link Registry} holds: a named component that describes itself. */
public interface Plugin {
    /** The plugin's self-description; the same object on every call. */
    PluginInfo describe();

    /** The name used on the command line and in files. */
    default String name() {
        return describe().name();
    }
}
