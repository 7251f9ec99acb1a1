package org.ipb.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.ipb.core.UserError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestCatalogTest {
    private String savedHome;

    @BeforeEach
    void pointHomeAtThisCheckout() {
        savedHome = System.getProperty("ipb.home");
        System.setProperty("ipb.home", Fixtures.MODULE.getParent().toString());
    }

    @AfterEach
    void restoreHome() {
        if (savedHome == null) {
            System.clearProperty("ipb.home");
        } else {
            System.setProperty("ipb.home", savedHome);
        }
    }

    @Test
    void shippedNameResolvesToEmbeddedManifest() {
        assertEquals(Fixtures.SHIPPED_TEST_SET, ManifestCatalog.stimulusSet("fashion-mnist-test").toAbsolutePath());
        assertTrue(ManifestCatalog.shippedStimulusSets().contains("fashion-mnist-test"));
        assertEquals("fashion-mnist-test",
                Manifests.readStimulusSet(ManifestCatalog.stimulusSet("fashion-mnist-test")).manifest().name());
    }

    @Test
    void unknownNameListsShippedNames() {
        String m = assertThrows(UserError.class, () -> ManifestCatalog.stimulusSet("imagenet-val")).getMessage();
        assertTrue(m.startsWith("unknown stimulus set 'imagenet-val': not a .json manifest file and not a shipped name;"
                + " shipped stimulus sets: "), m);
        assertTrue(m.contains("fashion-mnist-test"), m);
    }

    @Test
    void existingJsonPathIsUsedAsIs() {
        assertEquals(Fixtures.TRAIN_SET, ManifestCatalog.stimulusSet(Fixtures.TRAIN_SET.toString()));
    }

    @Test
    void missingPathIsNotTakenForAName() {
        assertEquals("no/such.json: manifest not found",
                assertThrows(UserError.class, () -> ManifestCatalog.model("no/such.json")).getMessage());
    }

    @Test
    void listsAndFindsManifestsUnderAnotherHome(@TempDir Path home) {
        Path models = home.resolve("datasets-manifest/embedded/models");
        Fixtures.write(models.resolve("zeta.json"), "{}");
        Fixtures.write(models.resolve("alpha.json"), "{}");
        Fixtures.write(models.resolve("README.md"), "not a manifest");
        System.setProperty("ipb.home", home.toString());
        assertEquals(List.of("alpha", "zeta"), ManifestCatalog.shippedModels());
        assertEquals(models.resolve("zeta.json"), ManifestCatalog.model("zeta"));
        assertEquals(List.of(), ManifestCatalog.shippedStimulusSets());
        assertEquals("unknown model 'beta': not a .json manifest file and not a shipped name; shipped models: alpha, zeta (in "
                        + models + ")",
                assertThrows(UserError.class, () -> ManifestCatalog.model("beta")).getMessage());
    }
}
