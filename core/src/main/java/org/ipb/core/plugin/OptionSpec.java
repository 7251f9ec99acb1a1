package org.ipb.core.plugin;

import java.util.Objects;

/**
 * One {@code --option key=value} a plugin reads.
 *
 * @param key the option's name
 * @param defaultValue its default as the user would type it, or a short rule ("2 + ln K") when
 *     the default depends on the input
 * @param description one line: what it changes, with units
 */
public record OptionSpec(String key, String defaultValue, String description) {
    public OptionSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (!key.matches("[a-z][a-z0-9.-]*")) {
            throw new IllegalArgumentException("option key '" + key + "' must be lower-case words joined by '-'");
        }
    }
}
