package org.ipb.scorers.observers;

import org.ipb.core.plugin.PluginInfo;
import org.ipb.manifest.StimulusSet;

/** {@code pixels}: {@link PixelObserver} (grey, 16 x 16) over the raw images of the set. */
final class PixelObserverKind implements ObserverKind {
    private static final PluginInfo INFO = PluginInfo.of("pixels",
            "grey pixels, area-averaged to " + PixelObserver.DEFAULT_SIDE + " x " + PixelObserver.DEFAULT_SIDE
                    + ", mean-subtracted (the no-network baseline)", "");

    @Override
    public PluginInfo describe() {
        return INFO;
    }

    @Override
    public boolean accepts(String name) {
        return name.equals("pixels");
    }

    @Override
    public Observer open(String name, StimulusSet set, String engine, int batchSize) {
        return Observers.pixels(set, new PixelObserver());
    }
}
