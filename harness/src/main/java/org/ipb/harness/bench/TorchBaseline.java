package org.ipb.harness.bench;

import java.nio.file.Path;
import java.util.List;
import org.ipb.core.Provenance;

/**
 * PyTorch itself on the same TorchScript file and images: {@code python/bench_torch.py} run by
 * the given interpreter (Debian's {@code /usr/bin/python3} has torch), in a process of its own
 * with this process's environment, so both sides see the same kernel-level and OpenMP settings.
 */
public final class TorchBaseline {
    private TorchBaseline() {}

    /**
     * The command of a {@link BatchPeer} running PyTorch ({@code bench_torch.py --serve}).
     *
     * @param layers how many of the module's outputs the read-out averages (ipb's manifest layers)
     * @param manifest the model manifest, from which the script rebuilds the eager model for FLOPs
     */
    public static List<String> command(String python, Path torchScript, Path pixels, Path manifest, int layers,
            int batch, int threads) {
        Path script = Provenance.home().resolve("python/bench_torch.py");
        return List.of(python, script.toString(), "--serve", "--model", torchScript.toString(), "--pixels",
                pixels.toString(), "--batch", Integer.toString(batch), "--threads", Integer.toString(threads),
                "--layers", Integer.toString(layers), "--manifest", manifest.toString());
    }
}
