package org.ipb.core.plugin;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a plugin says about itself.
 *
 * @param name name on the command line
 * @param summary one line for help, with the reference the plugin follows
 * @param defaults its main default in words (a direction finder's K: "K = C, always" or "K = C
 *     when --k is not given"); empty when there is nothing to say
 * @param needs what it needs from the pipeline
 * @param options every option key it reads, with default and description
 * @param outputs typed extra outputs it may report
 */
public record PluginInfo(String name, String summary, String defaults, Set<Need> needs, List<OptionSpec> options,
        List<OutputSpec> outputs) {
    public PluginInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        defaults = defaults == null ? "" : defaults;
        needs = Set.copyOf(needs);
        options = List.copyOf(options);
        outputs = List.copyOf(outputs);
        Set<String> seen = new HashSet<>();
        for (OptionSpec o : options) {
            if (!seen.add(o.key())) {
                throw new IllegalArgumentException(name + " declares option " + o.key() + " twice");
            }
        }
        seen.clear();
        for (OutputSpec o : outputs) {
            if (!seen.add(o.key())) {
                throw new IllegalArgumentException(name + " declares output " + o.key() + " twice");
            }
        }
    }

    /** A description with no needs, options or outputs. */
    public static PluginInfo of(String name, String summary, String defaults) {
        return new PluginInfo(name, summary, defaults, Set.of(), List.of(), List.of());
    }

    public boolean needs(Need need) {
        return needs.contains(need);
    }

    public boolean declaresOption(String key) {
        return options.stream().anyMatch(o -> o.key().equals(key));
    }

    public boolean declaresOutput(String key) {
        return outputs.stream().anyMatch(o -> o.key().equals(key));
    }

    public List<String> optionKeys() {
        return options.stream().map(OptionSpec::key).toList();
    }
}
