package org.ipb.harness.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ipb.core.UserError;

/**
 * Picks the device for an engine: the first GPU when the engine can use one, else the CPU.
 *
 * <p>MXNet 1.9.1 has no CUDA 12 build, so on Hopper-era machines it silently reports zero GPUs.
 * We detect an NVIDIA GPU from the driver's files and say so, naming PyTorch as the way to use it.
 */
public final class DeviceChoice {
    private DeviceChoice() {}

    /** {@code requested} is "auto", "cpu" or "gpu". */
    public static Device choose(Engine engine, String requested) {
        int gpus = engine.getGpuCount();
        switch (requested) {
            case "cpu":
                return Device.cpu();
            case "gpu":
                if (gpus == 0) {
                    throw new UserError("--device gpu: engine " + engine.getEngineName()
                            + " sees no GPU" + fallbackWarning(engine).map(w -> " (" + w + ")").orElse(""));
                }
                return Device.gpu();
            case "auto":
                return gpus > 0 ? Device.gpu() : Device.cpu();
            default:
                throw new UserError("--device must be auto, cpu or gpu, not '" + requested + "'");
        }
    }

    /** A warning when the machine has an NVIDIA GPU that {@code engine} cannot use. */
    public static Optional<String> fallbackWarning(Engine engine) {
        return fallbackWarning(engine, machineHasNvidiaGpu());
    }

    static Optional<String> fallbackWarning(Engine engine, boolean machineHasGpu) {
        if (engine.getGpuCount() > 0 || !machineHasGpu) {
            return Optional.empty();
        }
        String hint = "MXNet".equals(engine.getEngineName())
                ? "MXNet 1.9.1 has no CUDA 12 / Hopper build and falls back to CPU; use --engine PyTorch"
                        + " (with a CUDA pytorch-native jar, see README) to run on the GPU"
                : "use a CUDA build of the " + engine.getEngineName() + " native library to run on the GPU";
        return Optional.of("this machine has an NVIDIA GPU but engine " + engine.getEngineName()
                + " runs on CPU: " + hint);
    }

    static boolean machineHasNvidiaGpu() {
        Path gpus = Path.of("/proc/driver/nvidia/gpus");
        File[] entries = gpus.toFile().listFiles();
        return (entries != null && entries.length > 0) || Files.exists(Path.of("/dev/nvidia0"));
    }
}
