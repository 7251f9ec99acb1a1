package org.ipb.harness.directions;

import org.junit.jupiter.api.Test;

class ScratchIcaNmfProbe2 {
    @Test
    void probe() throws Exception {
        ActivationMatrix x = ActivationMatrix.load(java.nio.file.Path.of("/tmp/icanmf/relu.npy"));
        try (Numerics nx = Numerics.open("PyTorch")) {
            for (int it : new int[] {1, 2, 10, 50}) {
                DirectionSet s = DirectionFinding.run(new NmfDirections(), x,
                        DirectionRequest.of(64, 0).withOption("max-iter", "" + it).withOption("tol", "0"), nx);
                System.out.println(it + " " + s.report().objective() + " " + s.report().seconds());
            }
        }
    }
}
