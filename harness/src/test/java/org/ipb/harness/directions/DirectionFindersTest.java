package org.ipb.harness.directions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;

class DirectionFindersTest {
    @Test
    void everyMethodOfTheIssueIsRegisteredUnderItsName() {
        assertEquals(List.of("basis", "random", "pca", "ica", "kmeans", "nmf", "dict", "sae"), DirectionFinders.names());
        for (String name : DirectionFinders.names()) {
            assertEquals(name, DirectionFinders.get(name).name());
        }
    }

    @Test
    void unknownMethodListsTheKnownOnes() {
        UserError e = assertThrows(UserError.class, () -> DirectionFinders.get("umap"));
        assertEquals("unknown method 'umap'; known: basis, random, pca, ica, kmeans, nmf, dict, sae", e.getMessage());
    }
}
