package org.ipb.harness.exemplars;

import java.nio.file.Path;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.StimulusSets;

/** {@link ExemplarPipelineTest#fixture} for other test classes (it needs the shipped set open). */
final class ExemplarPipelineTestAccess {
    private ExemplarPipelineTestAccess() {}

    static Path[] fixture(Path dir) throws Exception {
        boolean opened = ExemplarPipelineTest.fmnist == null;
        if (opened) {
            ExemplarPipelineTest.open();
        }
        try {
            return ExemplarPipelineTest.fixture(dir);
        } finally {
            if (opened) {
                ExemplarPipelineTest.close();
                ExemplarPipelineTest.fmnist = null;
            }
        }
    }
}
