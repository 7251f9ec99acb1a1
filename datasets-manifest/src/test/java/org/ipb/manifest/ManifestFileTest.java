package org.ipb.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.ipb.core.Sha256;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestFileTest {
    @TempDir
    Path dir;

    private ManifestFile<ModelManifest> modelWithDigest(String digest) {
        Path m = Fixtures.write(dir.resolve("models/m.json"), """
                {"kind": "model", "name": "m", "version": "1", "engine": "PyTorch",
                 "source": {"type": "torchscript", "file": "w/m.pt"},
                 "inputShape": [3, 224, 224], "layers": [{"name": "layer4"}],
                 "sha256": {"w/m.pt": "%s"}}
                """.formatted(digest));
        return Manifests.readModel(m);
    }

    @Test
    void resolvesAgainstTheManifestFolder() {
        var mf = modelWithDigest("0".repeat(64));
        assertEquals(dir.resolve("models/w/m.pt"), mf.resolve("w/m.pt"));
        assertEquals(Path.of("m.pt"), new ManifestFile<>(Path.of("m.json"), mf.manifest()).resolve("m.pt"));
    }

    @Test
    void verifySha256() {
        // sha256("abc") from FIPS 180-2, appendix B.1
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        var mf = modelWithDigest(abc);
        Path weights = dir.resolve("models/w/m.pt");
        assertEquals(weights + ": file not found (listed in " + mf.file() + ")",
                assertThrows(UserError.class, mf::verifySha256).getMessage());
        Fixtures.write(weights, "abc");
        mf.verifySha256();
        Fixtures.write(weights, "abd");
        assertEquals(weights + ": sha256 mismatch: manifest " + mf.file() + " says " + abc + ", file has " + Sha256.of(weights),
                assertThrows(UserError.class, mf::verifySha256).getMessage());
    }
}
