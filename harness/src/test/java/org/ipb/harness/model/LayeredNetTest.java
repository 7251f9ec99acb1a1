package org.ipb.harness.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;

class LayeredNetTest {

    @Test
    void readingOutStageByStageEqualsTheWholeForwardPass() {
        for (Architecture arch : List.of(Architectures.get("fmnist-cnn"), Architectures.get("fmnist-observer"))) {
            try (NDManager m = Engine.getEngine("MXNet").newBaseManager()) {
                Engine.getEngine("MXNet").setRandomSeed(7);
                LayeredNet net = arch.build();
                net.block().initialize(m, DataType.FLOAT32, new Shape(3, 1, 28, 28));
                NDArray x = m.randomNormal(new Shape(3, 1, 28, 28));
                ParameterStore ps = new ParameterStore(m, false);
                NDArray whole = net.block().forward(ps, new NDList(x), false).singletonOrThrow();
                Map<String, NDArray> parts = net.readout(ps, x, Set.copyOf(net.layerNames()));
                assertEquals(net.layerNames(), List.copyOf(parts.keySet()), "forward order");
                assertArrayEquals(whole.toFloatArray(), parts.get("logits").toFloatArray(), 0f, arch.name());
            }
        }
    }

    @Test
    void layerShapesOfTheDefaultNetwork() {
        try (NDManager m = Engine.getEngine("MXNet").newBaseManager()) {
            LayeredNet net = new FashionCnn().build();
            net.block().initialize(m, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            Map<String, NDArray> out = net.readout(new ParameterStore(m, false), m.zeros(new Shape(2, 1, 28, 28)),
                    Set.copyOf(net.layerNames()));
            assertEquals(new Shape(2, 32, 28, 28), out.get("conv1").getShape());
            assertEquals(new Shape(2, 64, 14, 14), out.get("conv2").getShape());
            assertEquals(new Shape(2, 128, 7, 7), out.get("conv3").getShape());
            assertEquals(new Shape(2, 128, 7, 7), out.get("conv4").getShape());
            assertEquals(new Shape(2, 10), out.get("logits").getShape());
        }
    }

    @Test
    void onlyTheWantedLayersAreReturned() {
        try (NDManager m = Engine.getEngine("MXNet").newBaseManager()) {
            LayeredNet net = new ObserverCnn().build();
            net.block().initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            Map<String, NDArray> out = net.readout(new ParameterStore(m, false), m.zeros(new Shape(1, 1, 28, 28)),
                    Set.of("embed"));
            assertEquals(Set.of("embed"), out.keySet());
            assertEquals(new Shape(1, 256), out.get("embed").getShape());
        }
    }

    @Test
    void unknownArchitectureNamesTheKnownOnes() {
        UserError e = assertThrows(UserError.class, () -> Architectures.get("vgg"));
        assertEquals("unknown architecture 'vgg'; known: fmnist-cnn, fmnist-observer", e.getMessage());
    }
}
