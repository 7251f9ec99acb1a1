package org.ipb.cli;

import ai.djl.engine.Engine;
import org.ipb.core.Provenance;
import picocli.CommandLine;

/** {@code ipb --version}: ipb's git version and DJL's. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"ipb " + Provenance.ipbVersion(), "DJL " + Engine.getDjlVersion()};
    }
}
