package org.ipb.harness.visualize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.ipb.core.DebianTorch;
import org.ipb.harness.model.LoadedModel;
import org.ipb.harness.model.ModelLoader;
import org.ipb.manifest.Manifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input gradients of an exported torchvision network through DJL's PyTorch engine, the quantity
 * feature visualization follows: the direction objective's gradient agrees with central finite
 * differences of the objective itself (computed in double from float32 forward passes).
 */
class TorchScriptGradientTest {
    @Test
    void directionObjectiveGradientMatchesFiniteDifferences(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(DebianTorch.present(), DebianTorch.PYTHON + " with torch is missing");
        DebianTorch.check(List.of(DebianTorch.exportScript().toString(), "torchvision", "resnet18", "--random-seed",
                "5", "--layers", "layer2", "--input-size", "64", "--no-tails", "--out", dir.toString()), 600);
        try (LoadedModel model = ModelLoader.load(Manifests.readModel(dir.resolve("resnet18.json")), null, "cpu");
                TorchScriptLayer layer = new TorchScriptLayer(model, "layer2")) {
            Random r = new Random(11);
            float[] d = new float[128];
            double norm = 0;
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) r.nextGaussian();
                norm += d[i] * d[i];
            }
            for (int i = 0; i < d.length; i++) {
                d[i] /= (float) Math.sqrt(norm);
            }
            float[] x = new float[3 * 64 * 64];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            Shape shape = new Shape(1, 3, 64, 64);
            // The differentiable forward (DJL training mode) computes exactly the inference read-out.
            try (ai.djl.ndarray.NDManager m = model.manager().newSubManager()) {
                ai.djl.ndarray.NDArray in = m.create(x, shape);
                float[] eval = model.readout(in, java.util.Set.of("layer2")).get("layer2").toFloatArray();
                float[] grad = layer.forward(in).toFloatArray();
                org.junit.jupiter.api.Assertions.assertArrayEquals(eval, grad, 1e-6f);
            }
            DirectionObjective objective = new DirectionObjective(layer, d, false);
            DirectionObjective.Evaluation e = objective.evaluate(model.manager(), x, shape, 1, 0);
            assertEquals(x.length, e.gradient().length);
            // The five largest gradient entries: d loss / d x_i against (loss(x + h) - loss(x - h)) / 2h.
            Integer[] order = new Integer[x.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Float.compare(Math.abs(e.gradient()[b]), Math.abs(e.gradient()[a])));
            double h = 1e-2;
            for (int k = 0; k < 5; k++) {
                int i = order[k];
                float[] plus = x.clone();
                float[] minus = x.clone();
                plus[i] += (float) h;
                minus[i] -= (float) h;
                double lp = objective.evaluate(model.manager(), plus, shape, 1, 0).loss();
                double lm = objective.evaluate(model.manager(), minus, shape, 1, 0).loss();
                double numeric = (lp - lm) / (2 * h);
                double analytic = e.gradient()[i];
                System.out.printf("x[%d]: autograd %.5g, finite difference %.5g%n", i, analytic, numeric);
                assertTrue(Math.abs(analytic) > 0, "zero gradient");
                assertTrue(Math.abs(analytic - numeric) <= 0.05 * Math.abs(analytic) + 1e-4,
                        "x[" + i + "]: autograd " + analytic + " vs finite difference " + numeric);
            }
        }
    }
}
