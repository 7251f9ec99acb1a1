package org.ipb.scorers.observers;

import java.util.List;
import java.util.Set;
import org.ipb.core.plugin.Need;
import org.ipb.core.plugin.PluginInfo;
import org.ipb.manifest.StimulusSet;

/**
 * {@code <model>:<layer>}: layer {@code layer} of a shipped model or of a model manifest {@code
 * .json} path (the name is split at its last colon).
 */
final class LayerObserverKind implements ObserverKind {
    private static final PluginInfo INFO = new PluginInfo("<model>:<layer>",
            "any layer of a shipped model or of a model manifest .json (spatial mean of a conv layer)", "",
            Set.of(Need.MODEL), List.of(), List.of());

    @Override
    public PluginInfo describe() {
        return INFO;
    }

    @Override
    public boolean accepts(String name) {
        int colon = name.lastIndexOf(':');
        return colon > 0 && colon < name.length() - 1;
    }

    @Override
    public Observer open(String name, StimulusSet set, String engine, int batchSize) {
        int colon = name.lastIndexOf(':');
        return NetworkObserver.open(name.substring(0, colon), name.substring(colon + 1), set, engine, batchSize);
    }
}
