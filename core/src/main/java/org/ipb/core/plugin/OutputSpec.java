package org.ipb.core.plugin;

import java.util.Objects;

/**
 * A typed extra output a plugin produces besides its main result, e.g. the ablation scorer's area
 * under the cumulative ablation curve. Values are numbers; a plugin may only report outputs it
 * declares.
 *
 * @param key name of the output, unique within the plugin
 * @param description one line: what the number is and its range
 */
public record OutputSpec(String key, String description) {
    public OutputSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(description, "description");
    }
}
