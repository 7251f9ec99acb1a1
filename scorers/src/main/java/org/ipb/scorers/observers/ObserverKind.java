package org.ipb.scorers.observers;

import org.ipb.core.plugin.Plugin;
import org.ipb.manifest.StimulusSet;

/**
 * One kind of observer, built from the name a user gives ({@code --observer}). Adding a kind is
 * one class implementing this plus one line in {@link Observers}.
 */
public interface ObserverKind extends Plugin {
    /** Whether {@code name} is an observer of this kind. */
    boolean accepts(String name);

    /**
     * Opens the observer called {@code name} over {@code set}; the caller closes it.
     *
     * @param engine engine override for network observers, or null
     * @param batchSize images per forward pass for network observers
     */
    Observer open(String name, StimulusSet set, String engine, int batchSize);
}
