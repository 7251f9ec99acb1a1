package org.ipb.core.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads files we write with numpy itself. Skipped where python3 with numpy is not installed (CI
 * machines need neither); the committed fixtures cover the other direction everywhere.
 */
class NumpyInteropTest {
    /** Describes every .npy and .npz in a directory as JSON; also checks np.save gives our bytes. */
    private static final String DESCRIBE = """
            import io, json, os, sys
            import numpy as np
            def describe(a):
                return {"dtype": a.dtype.str, "shape": list(a.shape), "hex": a.tobytes().hex()}
            out = {}
            for name in sorted(os.listdir(sys.argv[1])):
                path = os.path.join(sys.argv[1], name)
                if name.endswith(".npy"):
                    a = np.load(path)
                    buf = io.BytesIO()
                    np.save(buf, a)
                    with open(path, "rb") as f:
                        out[name] = dict(describe(a), same_as_np_save=buf.getvalue() == f.read())
                elif name.endswith(".npz"):
                    with np.load(path) as z:
                        out[name] = {"keys": list(z.keys()), "arrays": {k: describe(z[k]) for k in z.keys()}}
            print(json.dumps(out))
            """;

    @TempDir
    Path dir;

    static boolean numpyAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    JsonNode describeWithNumpy() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", DESCRIBE, dir.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 timed out");
        assertEquals(0, p.exitValue(), output);
        return new ObjectMapper().readTree(output);
    }

    static void assertDescribes(NpyArray expected, JsonNode actual, String what) {
        assertEquals(expected.dtype(), actual.get("dtype").asText(), what);
        List<Long> shape = new ArrayList<>();
        actual.get("shape").forEach(d -> shape.add(d.asLong()));
        assertArrayEquals(expected.shape(), shape.stream().mapToLong(Long::longValue).toArray(), what);
        ByteBuffer data = expected.data();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        assertEquals(HexFormat.of().formatHex(bytes), actual.get("hex").asText(), what);
    }

    @Test
    void numpyLoadsWhatWeWrite() throws IOException, InterruptedException {
        Assumptions.assumeTrue(numpyAvailable(), "python3 with numpy not available");

        Map<String, NpyArray> written = new LinkedHashMap<>();
        for (DType t : DType.values()) {
            for (long[] shape : NpyRoundTripTest.SHAPES) {
                NpyArray a = NpyRoundTripTest.randomArray(t.descr, shape, written.size());
                String name = t.name().toLowerCase() + "_" + Shapes.size(shape) + "_" + shape.length + ".npy";
                Npy.write(dir.resolve(name), a);
                written.put(name, a);
            }
        }
        Path streamed = dir.resolve("streamed.npy");
        try (NpyStreamWriter w = NpyStreamWriter.float32(streamed, 2, 2)) {
            w.write(new float[] {1, Float.NaN, Float.NEGATIVE_INFINITY, -0f});
        }
        written.put("streamed.npy", Npy.read(streamed));
        Map<String, NpyArray> archive = NpzTest.sample();
        Npz.write(dir.resolve("stored.npz"), archive, false);
        Npz.write(dir.resolve("compressed.npz"), archive, true);

        JsonNode described = describeWithNumpy();
        written.forEach((name, array) -> {
            JsonNode d = described.get(name);
            assertDescribes(array, d, name);
            assertTrue(d.get("same_as_np_save").asBoolean(), name + " differs from np.save's bytes");
        });
        for (String npz : List.of("stored.npz", "compressed.npz")) {
            JsonNode d = described.get(npz);
            List<String> keys = new ArrayList<>();
            d.get("keys").forEach(k -> keys.add(k.asText()));
            assertEquals(List.copyOf(archive.keySet()), keys, npz);
            archive.forEach((key, array) -> assertDescribes(array, d.get("arrays").get(key), npz + ":" + key));
        }
    }
}
