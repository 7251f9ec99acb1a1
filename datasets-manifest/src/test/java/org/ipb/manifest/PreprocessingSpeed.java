package org.ipb.manifest;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.ipb.manifest.StimulusSetManifest.Crop;

/**
 * Single-thread images per second of preprocessing a 500x375 RGB image (ImageNet's typical size)
 * to 224x224: the torchvision pipeline (Resize(256), CenterCrop(224)), the resize-to-size
 * pipeline, and JPEG decoding plus the torchvision pipeline. A measurement to run by hand, not a
 * test: {@code java -cp <test and main classes, ipb-core> org.ipb.manifest.PreprocessingSpeed}.
 */
public final class PreprocessingSpeed {
    private PreprocessingSpeed() {}

    public static void main(String[] args) throws Exception {
        double[] mean = {0.485, 0.456, 0.406};
        double[] std = {0.229, 0.224, 0.225};
        var torchvision = new ImagePreprocessor(new StimulusSetManifest.Preprocessing(224, 224, 3, 1 / 255.0, mean, std,
                256, new Crop(224, 224), null));
        var plain = new ImagePreprocessor(new StimulusSetManifest.Preprocessing(224, 224, 3, 1 / 255.0, mean, std));
        var img = new BufferedImage(500, 375, BufferedImage.TYPE_INT_RGB);
        Random rnd = new Random(1);
        for (int y = 0; y < 375; y++) {
            for (int x = 0; x < 500; x++) {
                img.setRGB(x, y, rnd.nextInt(1 << 24) & 0x3F3F3F | (x * 255 / 500) << 16 | (y * 255 / 375));
            }
        }
        Path jpeg = Files.createTempFile("ipb-speed", ".jpg");
        ImageIO.write(img, "jpg", jpeg.toFile());
        RawImage raw = RawImage.read(jpeg);
        float[] out = new float[torchvision.floatsPerImage()];
        for (int round = 0; round < 3; round++) { // the first rounds warm the JIT up
            report("torchvision pipeline (RawImage -> 3x224x224)", 2000, () -> torchvision.apply(raw, out, 0));
            report("resize-to-size pipeline (RawImage -> 3x224x224)", 2000, () -> plain.apply(raw, out, 0));
            report("JPEG decode + torchvision pipeline", 300, () -> torchvision.apply(RawImage.read(jpeg), out, 0));
        }
        Files.delete(jpeg);
    }

    private static void report(String what, int n, Runnable r) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            r.run();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-50s %8.0f images/s%n", what, n / s);
    }
}
