package org.ipb.harness.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ipb.core.UserError;
import org.ipb.harness.model.LoadedModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Known answers: a hand-made model whose layers are its input, as maps and flattened. */
class LayerReadoutTest {
    // Two images, two channels, 2 x 2 positions; every sum is exact in float32.
    private static final float[] INPUT = {
        1, 2, 3, 6, // image 0, channel 0: mean 3
        0, 0, 0, 8, // image 0, channel 1: mean 2
        -1, -1, -1, -1, // image 1, channel 0: mean -1
        10, 20, 30, 40, // image 1, channel 1: mean 25
    };

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void spatialLayersAreAveragedPerChannelAndDenseOnesPassThrough(String engine) {
        try (NDManager m = Engine.getEngine(engine).newBaseManager(Device.cpu())) {
            LoadedModel model = new Identity(m);
            NDArray batch = m.create(INPUT, new Shape(2, 2, 2, 2));
            Map<String, LayerReadout.Layer> out = LayerReadout.read(model, batch, List.of("dense", "maps"));
            assertEquals(List.of("maps", "dense"), List.copyOf(out.keySet()), "forward order");

            LayerReadout.Layer maps = out.get("maps");
            assertTrue(maps.spatial());
            assertEquals(2, maps.channels());
            assertEquals(new Shape(2, 2), maps.means().getShape());
            assertArrayEquals(new float[] {3, 2, -1, 25}, maps.means().toFloatArray(), 0f);
            assertArrayEquals(INPUT, maps.output().toFloatArray(), 0f, "the maps are the output untouched");
            assertSame(maps.means(), maps.means(), "reduced once");

            LayerReadout.Layer dense = out.get("dense");
            assertFalse(dense.spatial());
            assertEquals(8, dense.channels());
            assertSame(dense.output(), dense.means());
            assertArrayEquals(INPUT, dense.means().toFloatArray(), 0f);

            assertArrayEquals(new float[] {3, 2, -1, 25},
                    LayerReadout.means(model, batch, "maps").toFloatArray(), 0f);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void otherShapesAreUserErrors(String engine) {
        try (NDManager m = Engine.getEngine(engine).newBaseManager(Device.cpu())) {
            NDArray batch = m.create(INPUT, new Shape(2, 2, 2, 2));
            UserError e = assertThrows(UserError.class, () -> LayerReadout.read(new Identity(m), batch, Set.of("seq")));
            assertTrue(e.getMessage().contains("layer seq has output shape (2, 2, 4)"), e.getMessage());
        }
    }

    /** Layers: "maps" = the input, "dense" = the input as (N, C*H*W), "seq" = (N, C, H*W). */
    private record Identity(NDManager manager) implements LoadedModel {
        private static final List<String> LAYERS = List.of("maps", "dense", "seq");

        @Override
        public String name() {
            return "identity";
        }

        @Override
        public String engineName() {
            return manager.getEngine().getEngineName();
        }

        @Override
        public Device device() {
            return manager.getDevice();
        }

        @Override
        public Shape inputShape() {
            return new Shape(2, 2, 2);
        }

        @Override
        public List<String> layers() {
            return LAYERS;
        }

        @Override
        public Map<String, NDArray> readout(NDArray batch, Set<String> layers) {
            long n = batch.getShape().get(0);
            Map<String, NDArray> out = new LinkedHashMap<>();
            for (String l : LAYERS) {
                if (layers.contains(l)) {
                    out.put(l, switch (l) {
                        case "maps" -> batch;
                        case "dense" -> batch.reshape(n, -1);
                        default -> batch.reshape(n, batch.getShape().get(1), -1);
                    });
                }
            }
            return out;
        }

        @Override
        public void close() {
        }
    }
}
