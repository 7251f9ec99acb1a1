package org.ipb.manifest;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/** Builds small files for tests: IDX arrays, gzip, PNGs and stimulus-set manifests. */
final class Fixtures {
    private Fixtures() {}

    /** The module folder: surefire runs tests there. */
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path SHIPPED_TEST_SET = MODULE.resolve("embedded/stimulus-sets/fashion-mnist-test.json");
    static final Path TRAIN_SET = MODULE.resolve("embedded/stimulus-sets/fashion-mnist-train.json");

    /** An IDX file: 0x00 0x00 type ndim, big-endian int32 dims, then {@code data} as given. */
    static byte[] idx(int typeCode, int[] dims, byte[] data) {
        ByteBuffer bb = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        bb.put((byte) 0).put((byte) 0).put((byte) typeCode).put((byte) dims.length);
        for (int d : dims) {
            bb.putInt(d);
        }
        return bb.put(data).array();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] gzip(byte[] plain) {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, String content) {
        return write(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A gray PNG; {@code rows[y][x]} in 0..255. */
    static Path grayPng(Path file, int[][] rows) {
        var img = new BufferedImage(rows[0].length, rows.length, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[0].length; x++) {
                img.getRaster().setSample(x, y, 0, rows[y][x]);
            }
        }
        return png(file, img);
    }

    /** An RGB PNG; {@code rgb[y][x]} is 0xRRGGBB. */
    static Path rgbPng(Path file, int[][] rgb) {
        var img = new BufferedImage(rgb[0].length, rgb.length, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < rgb.length; y++) {
            for (int x = 0; x < rgb[0].length; x++) {
                img.setRGB(x, y, rgb[y][x]);
            }
        }
        return png(file, img);
    }

    static Path png(Path file, BufferedImage img) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A stimulus-set manifest with the given JSON fragments. {@code classes} may be null;
     * preprocessing is "height, width, channels, scale, mean, std" as JSON members.
     */
    static Path stimulusSetManifest(Path file, String name, String sourceJson, String classesJson, String preprocessingJson) {
        String classes = classesJson == null ? "" : "\"classes\": " + classesJson + ",\n";
        return write(file, """
                {
                  "kind": "stimulus-set",
                  "name": "%s",
                  "version": "1",
                  "source": %s,
                  %s"preprocessing": {%s},
                  "license": {"name": "CC0-1.0"}
                }
                """.formatted(name, sourceJson, classes, preprocessingJson));
    }

    /** Identity preprocessing: raw 0..255 values come out unchanged. */
    static String identity(int height, int width, int channels) {
        String ones = channels == 1 ? "[1]" : "[1, 1, 1]";
        String zeros = channels == 1 ? "[0]" : "[0, 0, 0]";
        return "\"height\": %d, \"width\": %d, \"channels\": %d, \"scale\": 1, \"mean\": %s, \"std\": %s"
                .formatted(height, width, channels, zeros, ones);
    }
}
