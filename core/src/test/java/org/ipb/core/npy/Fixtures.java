package org.ipb.core.npy;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates the numpy-written files made by src/test/resources/npy/make_fixtures.py. */
final class Fixtures {
    private Fixtures() {}

    static Path path(String name) {
        URL url = Fixtures.class.getResource("/npy/" + name);
        if (url == null) {
            throw new IllegalStateException("missing fixture " + name + "; run make_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
