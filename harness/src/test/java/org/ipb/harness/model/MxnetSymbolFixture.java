package org.ipb.harness.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The weights of the tiny MXNet fixture in {@code src/test/resources/mxnet-symbol/} and the writer
 * of its {@code tiny-0000.params}, in MXNet's own NDArray-list format (what {@code mx.nd.save} and
 * {@code mx.model.save_checkpoint} write). JDK only, so that
 *
 * <pre>java harness/src/test/java/org/ipb/harness/model/MxnetSymbolFixture.java harness/src/test/resources/mxnet-symbol</pre>
 *
 * regenerates the file; {@link MxnetSymbolModelTest} checks that the committed file is exactly
 * what this class writes and that MXNet reads it back.
 *
 * <p>Byte layout, all little-endian, as written by MXNet 1.9's {@code MXNDArraySave} →
 * {@code NDArray::Save(dmlc::Stream*, const std::vector<NDArray>&, const std::vector<std::string>&)}
 * in src/ndarray/ndarray.cc (apache/mxnet v1.9.1), with dmlc-core's serializer for the vectors:
 *
 * <pre>
 * u64 0x112                   kMXAPINDArrayListMagic
 * u64 0                       reserved
 * u64 n                       number of arrays (dmlc vector: length, then each element)
 * n times, NDArray::Save(dmlc::Stream*):
 *   u32 0xF993FAC9            NDARRAY_V2_MAGIC (V3 0xF993FACA only under numpy shape semantics)
 *   i32 0                     storage type kDefaultStorage (dense: no storage shape, no aux data)
 *   i32 ndim, i64[ndim]       mxnet::TShape::Save (Tuple&lt;dim_t&gt;: int ndim_, then int64 dims)
 *   i32 1, i32 0              Context::Save: dev_type kCPU, dev_id 0
 *   i32 0                     type flag mshadow::kFloat32
 *   f32[prod(dims)]           data, row-major
 * u64 n                       number of names (dmlc vector&lt;string&gt;)
 * n times: u64 length, UTF-8 bytes, e.g. "arg:conv0_weight", "aux:bn0_moving_mean"
 * </pre>
 *
 * DJL's {@code MxModel} loads such a file with {@code MXNDArrayLoad} and matches each array to
 * the symbol argument named after the {@code arg:}/{@code aux:} prefix.
 */
final class MxnetSymbolFixture {
    static final int FILTERS = 4;
    static final int CLASSES = 3;
    static final int SIZE = 8;
    static final int BATCH = 2;

    private static final long LIST_MAGIC = 0x112L;
    private static final int NDARRAY_V2_MAGIC = 0xF993FAC9;
    private static final int DEFAULT_STORAGE = 0;
    private static final int CPU = 1;
    private static final int FLOAT32 = 0;

    /** One saved array; {@code key} carries MXNet's {@code arg:} or {@code aux:} prefix. */
    record NamedArray(String key, long[] shape, float[] values) {
        String parameterName() {
            return key.substring(key.indexOf(':') + 1);
        }
    }

    private MxnetSymbolFixture() {}

    /**
     * Deterministic, non-trivial weights from {@code Random(0)}, in save_checkpoint's order
     * (arguments, then auxiliary states). The moving statistics are far from MXNet's 0/1 defaults
     * so that inference-mode BatchNorm visibly matters; moving_var stays positive.
     */
    static List<NamedArray> parameters() {
        Random r = new Random(0);
        List<NamedArray> p = new ArrayList<>();
        p.add(array("arg:conv0_weight", new long[] {FILTERS, 1, 3, 3}, r, 1f, -0.5f));
        p.add(array("arg:conv0_bias", new long[] {FILTERS}, r, 0.2f, -0.1f));
        p.add(array("arg:bn0_gamma", new long[] {FILTERS}, r, 1f, 0.5f));
        p.add(array("arg:bn0_beta", new long[] {FILTERS}, r, 1f, -0.5f));
        p.add(array("arg:fc0_weight", new long[] {CLASSES, FILTERS}, r, 1f, -0.5f));
        p.add(array("arg:fc0_bias", new long[] {CLASSES}, r, 0.2f, -0.1f));
        p.add(array("aux:bn0_moving_mean", new long[] {FILTERS}, r, 0.4f, -0.2f));
        p.add(array("aux:bn0_moving_var", new long[] {FILTERS}, r, 1f, 0.25f));
        return p;
    }

    /** The values of one parameter, by its name without prefix. */
    static float[] parameter(String name) {
        return parameters().stream().filter(a -> a.parameterName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name)).values();
    }

    /** A (BATCH, 1, SIZE, SIZE) input, uniform in [-1, 1), from {@code Random(seed)}. */
    static float[] input(long seed) {
        Random r = new Random(seed);
        float[] x = new float[BATCH * SIZE * SIZE];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        return x;
    }

    /** Values {@code nextFloat() * scale + offset}. */
    private static NamedArray array(String key, long[] shape, Random r, float scale, float offset) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * scale + offset;
        }
        return new NamedArray(key, shape, v);
    }

    /** {@code arrays} in MXNet's NDArray-list format; see the class comment for the layout. */
    static byte[] encode(List<NamedArray> arrays) {
        int size = 4 * Long.BYTES; // list magic, reserved, array count, name count
        for (NamedArray a : arrays) {
            size += 3 * Integer.BYTES + Long.BYTES * a.shape().length + 3 * Integer.BYTES
                    + Float.BYTES * a.values().length;
            size += Long.BYTES + a.key().getBytes(StandardCharsets.UTF_8).length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(LIST_MAGIC).putLong(0L);
        b.putLong(arrays.size());
        for (NamedArray a : arrays) {
            b.putInt(NDARRAY_V2_MAGIC).putInt(DEFAULT_STORAGE);
            b.putInt(a.shape().length);
            for (long d : a.shape()) {
                b.putLong(d);
            }
            b.putInt(CPU).putInt(0);
            b.putInt(FLOAT32);
            for (float v : a.values()) {
                b.putFloat(v);
            }
        }
        b.putLong(arrays.size());
        for (NamedArray a : arrays) {
            byte[] key = a.key().getBytes(StandardCharsets.UTF_8);
            b.putLong(key.length).put(key);
        }
        if (b.hasRemaining()) {
            throw new IllegalStateException(b.remaining() + " bytes unaccounted for");
        }
        return b.array();
    }

    /** Writes {@code tiny-0000.params} into the folder given as the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: MxnetSymbolFixture <folder>");
            System.exit(2);
        }
        Path out = Path.of(args[0], "tiny-0000.params");
        Files.write(out, encode(parameters()));
        System.out.println("wrote " + out);
    }
}
