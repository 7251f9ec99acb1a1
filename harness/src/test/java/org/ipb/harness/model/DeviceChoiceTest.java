package org.ipb.harness.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Optional;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;

class DeviceChoiceTest {
    // The CPU-only MXNet build on the class path sees no GPU on any machine, which is exactly the
    // situation of MXNet 1.9.1 on a CUDA 12 / Hopper machine.
    private final Engine mxnet = Engine.getEngine("MXNet");

    @Test
    void mxnetFallingBackToCpuOnAGpuMachineSaysSoAndNamesPyTorch() {
        Optional<String> w = DeviceChoice.fallbackWarning(mxnet, true);
        assertTrue(w.isPresent());
        assertTrue(w.get().contains("NVIDIA GPU") && w.get().contains("runs on CPU")
                && w.get().contains("--engine PyTorch"), w.get());
    }

    @Test
    void noWarningWithoutAGpu() {
        assertEquals(Optional.empty(), DeviceChoice.fallbackWarning(mxnet, false));
    }

    @Test
    void autoPicksTheCpuWhenTheEngineSeesNoGpu() {
        assertEquals(Device.cpu(), DeviceChoice.choose(mxnet, "auto"));
        assertEquals(Device.cpu(), DeviceChoice.choose(mxnet, "cpu"));
    }

    @Test
    void askingForAGpuTheEngineCannotSeeIsAUserError() {
        UserError e = assertThrows(UserError.class, () -> DeviceChoice.choose(mxnet, "gpu"));
        assertTrue(e.getMessage().startsWith("--device gpu: engine MXNet sees no GPU"), e.getMessage());
        assertThrows(UserError.class, () -> DeviceChoice.choose(mxnet, "tpu"));
    }
}
