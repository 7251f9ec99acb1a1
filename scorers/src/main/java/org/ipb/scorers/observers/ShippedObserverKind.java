package org.ipb.scorers.observers;

import java.util.List;
import java.util.Set;
import org.ipb.core.plugin.Need;
import org.ipb.core.plugin.PluginInfo;
import org.ipb.manifest.StimulusSet;

/** {@code observer}: the shipped network observer, {@code fmnist-observer:embed}. */
final class ShippedObserverKind implements ObserverKind {
    private static final PluginInfo INFO = new PluginInfo("observer",
            "the shipped observer network's embedding, " + Observers.DEFAULT_MODEL + ":" + Observers.DEFAULT_LAYER
                    + " (spatial mean)", "", Set.of(Need.MODEL), List.of(), List.of());

    @Override
    public PluginInfo describe() {
        return INFO;
    }

    @Override
    public boolean accepts(String name) {
        return name.equals("observer");
    }

    @Override
    public Observer open(String name, StimulusSet set, String engine, int batchSize) {
        return NetworkObserver.open(Observers.DEFAULT_MODEL, Observers.DEFAULT_LAYER, set, engine, batchSize);
    }
}
