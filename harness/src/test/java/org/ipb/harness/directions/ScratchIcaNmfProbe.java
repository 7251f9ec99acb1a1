package org.ipb.harness.directions;

import org.junit.jupiter.api.Test;

class ScratchIcaNmfProbe {
    @Test
    void probe() throws Exception {
        ActivationMatrix x = ActivationMatrix.load(java.nio.file.Path.of("/tmp/icanmf/relu.npy"));
        try (Numerics nx = Numerics.open("PyTorch")) {
            for (String method : System.getProperty("probe.methods", "ica,nmf").split(",")) {
                for (int rep = 0; rep < 2; rep++) {
                    DirectionFinder f = method.equals("ica") ? new IcaDirections() : new NmfDirections();
                    long t0 = System.nanoTime();
                    DirectionSet s = DirectionFinding.run(f, x, DirectionRequest.of(64, 0), nx);
                    System.out.println(method + " " + (System.nanoTime() - t0) / 1e9 + " s " + s.report());
                    if (rep == 1) {
                        float[] d = s.directions();
                        org.ipb.core.npy.Npy.write(java.nio.file.Path.of("/tmp/icanmf/java_" + method + ".npy"),
                                org.ipb.core.npy.NpyArray.ofFloats(d, new long[] {64, x.cols()}));
                    }
                }
            }
        }
    }
}
