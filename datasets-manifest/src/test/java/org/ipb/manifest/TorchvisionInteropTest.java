package org.ipb.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.ipb.core.DebianTorch;
import org.ipb.manifest.StimulusSetManifest.Convert;
import org.ipb.manifest.StimulusSetManifest.Crop;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The torchvision pipeline against torchvision itself: Debian's python3-torchvision (0.14, Pillow
 * 9) runs {@code Compose([Resize(256), CenterCrop(224), ToTensor(), Normalize(mean, std)])} on
 * {@code PIL.Image.open(f).convert("RGB")} for seeded images of several sizes (down- and
 * upsampling, portrait, landscape, one needing no resize, one gray) as PNG and JPEG.
 *
 * <p>Skipped where /usr/bin/python3 cannot import torchvision, except under CI ({@code CI=true},
 * which .ci/run sets and where it installs python3-torchvision): there a skip would hide a broken
 * comparison, so it fails.
 */
class TorchvisionInteropTest {
    private static final double[] MEAN = {0.485, 0.456, 0.406};
    private static final double[] STD = {0.229, 0.224, 0.225};
    private static final int RESIZE = 256;
    private static final int CROP = 224;

    @TempDir
    Path dir;

    /** One test image: file name, size, and whether it is stored gray. */
    private record Sample(String name, int width, int height, boolean gray) {}

    private static final List<Sample> SAMPLES = List.of(
            new Sample("landscape-300x217.png", 300, 217, false),
            new Sample("vga-640x480.jpg", 640, 480, false),
            new Sample("portrait-199x250.png", 199, 250, false),
            new Sample("small-150x120.png", 150, 120, false), // short side 120 < 256: upsampling
            new Sample("imagenet-500x375.jpg", 500, 375, false),
            new Sample("no-resize-256x400.png", 256, 400, false), // short side already 256: crop only
            new Sample("gray-233x177.png", 233, 177, true));

    @Test
    void javaMatchesTorchvisionResizeCenterCropToTensorNormalize() throws Exception {
        // Under CI (where .ci/run installs python3-torchvision) a missing one fails instead of skipping.
        Assumptions.assumeTrue(DebianTorch.present(), DebianTorch.PYTHON + " with torchvision not available");

        Random rnd = new Random(20261204);
        List<String> args = new ArrayList<>(List.of(script().toString(), dir.toString(),
                Integer.toString(RESIZE), Integer.toString(CROP), join(MEAN), join(STD)));
        for (Sample s : SAMPLES) {
            args.add(writeImage(dir.resolve(s.name), s, rnd).toString());
        }
        String output = DebianTorch.check(args, 300);

        var tensorOnly = new ImagePreprocessor(new StimulusSetManifest.Preprocessing(CROP, CROP, 3, 1 / 255.0,
                new double[3], new double[] {1, 1, 1}, RESIZE, new Crop(CROP, CROP), Convert.RGB));
        var normalized = new ImagePreprocessor(new StimulusSetManifest.Preprocessing(CROP, CROP, 3, 1 / 255.0,
                MEAN, STD, RESIZE, new Crop(CROP, CROP), Convert.RGB));
        double worstTensor = 0;
        double worstNormalized = 0;
        StringBuilder report = new StringBuilder(output.strip()).append('\n');
        for (Sample s : SAMPLES) {
            Path file = dir.resolve(s.name);
            RawImage raw = RawImage.read(file);
            int decodeDiff = maxDecodeDifference(raw, Files.readAllBytes(dir.resolve(s.name + ".rgb.u8")));
            float[] tensor = floats(dir.resolve(s.name + ".tensor.f32"));
            float[] norm = floats(dir.resolve(s.name + ".norm.f32"));
            float[] ours = tensorOnly.apply(raw);
            float[] oursNorm = normalized.apply(raw);
            assertEquals(tensor.length, ours.length, s.name);
            double dt = 0;
            double dn = 0;
            int differing = 0;
            int plane = CROP * CROP;
            for (int i = 0; i < ours.length; i++) {
                dt = Math.max(dt, Math.abs(ours[i] - tensor[i]));
                dn = Math.max(dn, Math.abs(oursNorm[i] - norm[i]) * STD[i / plane]); // in ToTensor units
                differing += Float.compare(ours[i], tensor[i]) != 0 || Float.compare(oursNorm[i], norm[i]) != 0 ? 1 : 0;
            }
            report.append(String.format(Locale.ROOT, "%-24s decode max diff %d/255; max diff ToTensor %.3g (%.2f/255),"
                    + " after Normalize %.3g (%.2f/255) in ToTensor units; %d of %d floats not bit-identical%n",
                    s.name, decodeDiff, dt, dt * 255, dn, dn * 255, differing, ours.length));
            if (!s.name.endsWith(".jpg")) {
                // Lossless files decode identically, so resampling and float32 arithmetic must agree to the bit.
                assertEquals(0, differing, s.name + ": output differs from torchvision's\n" + report);
            }
            worstTensor = Math.max(worstTensor, dt);
            worstNormalized = Math.max(worstNormalized, dn);
        }
        System.out.print(report);
        assertTrue(worstTensor <= 1 / 255.0 + 1e-6, "ToTensor max diff " + worstTensor + "\n" + report);
        assertTrue(worstNormalized <= 1 / 255.0 + 1e-6, "Normalize max diff " + worstNormalized + "\n" + report);
    }

    /** Smooth gradients, high-frequency stripes (which antialiasing must blur) and seeded noise. */
    private static Path writeImage(Path file, Sample s, Random rnd) throws IOException {
        var img = new BufferedImage(s.width, s.height, s.gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < s.height; y++) {
            for (int x = 0; x < s.width; x++) {
                int stripes = ((x / 2 + y / 3) % 2) * 60;
                int r = clamp(128 + 100 * Math.sin(x * 0.05) + rnd.nextGaussian() * 20 + stripes - 30);
                int g = clamp(255.0 * y / s.height + rnd.nextGaussian() * 10);
                int b = clamp(((x * 7 + y * 13) % 97) * 2.5 + rnd.nextGaussian() * 30);
                if (s.gray) {
                    img.getRaster().setSample(x, y, 0, r);
                } else {
                    img.setRGB(x, y, r << 16 | g << 8 | b);
                }
            }
        }
        if (file.toString().endsWith(".png")) {
            assertTrue(ImageIO.write(img, "png", file.toFile()));
            return file;
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return file;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** Largest difference between our decoded pixels (as RGB) and PIL's convert("RGB"). */
    private static int maxDecodeDifference(RawImage raw, byte[] pil) {
        int n = raw.width() * raw.height();
        assertEquals(n * 3, pil.length, "PIL decoded another size");
        int worst = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                int ours = raw.pixels()[i * raw.channels() + (raw.channels() >= 3 ? c : 0)] & 0xFF;
                worst = Math.max(worst, Math.abs(ours - (pil[i * 3 + c] & 0xFF)));
            }
        }
        return worst;
    }

    private static float[] floats(Path file) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[bb.remaining() / 4];
        bb.asFloatBuffer().get(f);
        return f;
    }

    private Path script() throws IOException {
        Path file = dir.resolve("torchvision_preprocess.py");
        try (InputStream in = TorchvisionInteropTest.class.getResourceAsStream("torchvision_preprocess.py")) {
            Files.copy(in, file);
        }
        return file;
    }

    private static String join(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(sb.length() == 0 ? "" : ",").append(d);
        }
        return sb.toString();
    }
}
