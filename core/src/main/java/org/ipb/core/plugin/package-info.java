/**
 * Plugins that describe themselves: direction finders, scorers, observers and importers each
 * implement {@link org.ipb.core.plugin.Plugin} and return a {@link org.ipb.core.plugin.PluginInfo}
 * (what they are, their defaults, what they need, their option keys with defaults and
 * descriptions, their typed extra outputs). A {@link org.ipb.core.plugin.Registry} per kind holds
 * them by name; pipelines ask the description (never the name) whether a plugin needs an
 * observer or labels, and unknown option keys are rejected from the same description. Adding a
 * plugin is one class plus one registration line.
 */
package org.ipb.core.plugin;
