package org.ipb.harness.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.core.Provenance;
import org.ipb.core.UserError;

/**
 * PyTorch itself on the same TorchScript file and images: {@code python/bench_torch.py} run by
 * the given interpreter (Debian's {@code /usr/bin/python3} has torch), in a process of its own
 * with this process's environment, so both sides see the same kernel-level and OpenMP settings.
 */
public final class TorchBaseline {
    private TorchBaseline() {}

    /**
     * @param layers how many of the module's outputs the read-out averages (ipb's manifest layers)
     * @param manifest the model manifest, from which the script rebuilds the eager model for FLOPs
     */
    public static ForwardTiming run(String python, Path torchScript, Path pixels, Path manifest, int layers,
            int batch, int threads, int warmup, boolean eager) {
        Path script = Provenance.home().resolve("python/bench_torch.py");
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--model", torchScript.toString(),
                "--pixels", pixels.toString(), "--batch", Integer.toString(batch), "--threads",
                Integer.toString(threads), "--warmup", Integer.toString(warmup), "--layers", Integer.toString(layers),
                "--manifest", manifest.toString()));
        if (eager) {
            cmd.add("--eager");
        }
        Map<String, Object> r;
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new UserError("PyTorch run failed; does " + python + " have torch and torchvision"
                        + " (Debian python3-torch, python3-torchvision)?");
            }
            r = Json.MAPPER.readValue(out, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UserError("cannot run " + python + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
        List<Double> seconds = new ArrayList<>();
        for (Object o : (List<?>) r.get("batchSeconds")) {
            seconds.add(((Number) o).doubleValue());
        }
        Object eagerSpeed = r.get("eagerImagesPerSecond");
        return new ForwardTiming("torch", (String) r.get("torch"), (String) r.get("capability"),
                ((Number) r.get("threads")).intValue(), ((Number) r.get("interopThreads")).intValue(),
                ((Number) r.get("images")).intValue(), batch, warmup, seconds,
                ((Number) r.get("imagesPerSecond")).doubleValue(), ((Number) r.get("flopsPerImage")).longValue(),
                eagerSpeed instanceof Number e ? e.doubleValue() : Double.NaN);
    }
}
