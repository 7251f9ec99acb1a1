package org.ipb.core.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional numpy array held in memory.
 *
 * <p>The data is always little-endian and in C order (last axis fastest), whatever the file it
 * came from used. Arrays are limited to 2 GiB of data by {@link ByteBuffer}; use {@link
 * NpyStreamWriter} to write larger ones.
 *
 * @param dtype numpy descr in little-endian form: {@code "<f4", "<f8", "|u1", "|i1", "<i2",
 *     "<u2", "<i4", "<u4", "<i8", "<u8", "|b1"}
 * @param shape dimensions, outermost first; empty for a 0-d (scalar) array
 * @param data exactly {@code size() * itemsize} bytes from its position to its limit; not copied,
 *     so the caller must not change it afterwards. The accessor returns a fresh little-endian view
 *     at position 0, so callers can use relative gets without disturbing each other
 */
public record NpyArray(String dtype, long[] shape, ByteBuffer data) {
    public NpyArray {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        DType.Parsed parsed = DType.parse(dtype);
        if (parsed == null) {
            throw new IllegalArgumentException("unsupported dtype '" + dtype + "'; supported: " + DType.supportedList());
        }
        if (parsed.bigEndian()) {
            throw new IllegalArgumentException("NpyArray data must be little-endian, not '" + dtype + "'");
        }
        dtype = parsed.type().descr;
        shape = shape.clone();
        long bytes = Shapes.bytes(shape, parsed.type().size);
        if (data.remaining() != bytes) {
            throw new IllegalArgumentException("data has " + data.remaining() + " bytes but " + dtype
                    + " with shape " + Shapes.repr(shape) + " needs " + bytes);
        }
        data = data.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A copy: the array's shape cannot be changed through it. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** A little-endian view of the data at position 0 (shares content, not position or limit). */
    @Override
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN); // duplicate() resets the order
    }

    /** Number of elements: the product of the shape, 1 for a 0-d array. */
    public long size() {
        return Shapes.size(shape);
    }

    DType type() {
        return DType.parse(dtype).type();
    }

    /** The values as floats, converting from any dtype (bool as 0/1; large integers rounded). */
    public float[] toFloatArray() {
        DType t = type();
        float[] out = new float[(int) size()];
        if (t == DType.FLOAT32) {
            data().asFloatBuffer().get(out);
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = t.getFloat(data, i);
            }
        }
        return out;
    }

    /** The values as doubles, converting from any dtype (bool as 0/1; 64-bit integers rounded). */
    public double[] toDoubleArray() {
        DType t = type();
        double[] out = new double[(int) size()];
        if (t == DType.FLOAT64) {
            data().asDoubleBuffer().get(out);
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = t.getDouble(data, i);
            }
        }
        return out;
    }

    /**
     * The values as ints, for integer and bool dtypes only.
     *
     * @throws IllegalArgumentException for a float dtype, or a value outside the int range
     */
    public int[] toIntArray() {
        DType t = requireInteger("toIntArray");
        int[] out = new int[(int) size()];
        if (t == DType.INT32) {
            data().asIntBuffer().get(out);
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            long v = t.getLong(data, i);
            if (v != (int) v || (t == DType.UINT64 && v < 0)) {
                throw outOfRange(t, v, i, "an int");
            }
            out[i] = (int) v;
        }
        return out;
    }

    /**
     * The values as longs, for integer and bool dtypes only.
     *
     * @throws IllegalArgumentException for a float dtype, or a uint64 value above Long.MAX_VALUE
     */
    public long[] toLongArray() {
        DType t = requireInteger("toLongArray");
        long[] out = new long[(int) size()];
        if (t == DType.INT64) {
            data().asLongBuffer().get(out);
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getLong(data, i);
            if (t == DType.UINT64 && out[i] < 0) {
                throw outOfRange(t, out[i], i, "a long");
            }
        }
        return out;
    }

    private DType requireInteger(String method) {
        DType t = type();
        if (t.isFloat()) {
            throw new IllegalArgumentException(method + " needs an integer or bool dtype, not " + dtype);
        }
        return t;
    }

    private static IllegalArgumentException outOfRange(DType t, long v, int index, String target) {
        String value = t == DType.UINT64 ? Long.toUnsignedString(v) : Long.toString(v);
        return new IllegalArgumentException("value " + value + " at flat index " + index + " does not fit in " + target);
    }

    /** A float32 array; {@code data.length} must equal the product of {@code shape}. */
    public static NpyArray ofFloats(float[] data, long... shape) {
        ByteBuffer b = allocate(data.length, shape, 4);
        b.asFloatBuffer().put(data);
        return new NpyArray("<f4", shape, b);
    }

    /** A float64 array; {@code data.length} must equal the product of {@code shape}. */
    public static NpyArray ofDoubles(double[] data, long... shape) {
        ByteBuffer b = allocate(data.length, shape, 8);
        b.asDoubleBuffer().put(data);
        return new NpyArray("<f8", shape, b);
    }

    /** An int32 array; {@code data.length} must equal the product of {@code shape}. */
    public static NpyArray ofInts(int[] data, long... shape) {
        ByteBuffer b = allocate(data.length, shape, 4);
        b.asIntBuffer().put(data);
        return new NpyArray("<i4", shape, b);
    }

    /** An int64 array; {@code data.length} must equal the product of {@code shape}. */
    public static NpyArray ofLongs(long[] data, long... shape) {
        ByteBuffer b = allocate(data.length, shape, 8);
        b.asLongBuffer().put(data);
        return new NpyArray("<i8", shape, b);
    }

    /** A uint8 array (bytes read as 0..255 by numpy); {@code data.length} must equal the product of {@code shape}. */
    public static NpyArray ofBytes(byte[] data, long... shape) {
        ByteBuffer b = allocate(data.length, shape, 1);
        b.put(data).flip();
        return new NpyArray("|u1", shape, b);
    }

    private static ByteBuffer allocate(int count, long[] shape, int itemSize) {
        long size = Shapes.size(shape);
        if (count != size) {
            throw new IllegalArgumentException(count + " values given for shape " + Shapes.repr(shape)
                    + ", which holds " + size);
        }
        return ByteBuffer.allocate(Math.multiplyExact(count, itemSize)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Equal when dtype, shape and data bytes are equal (so NaNs with the same bits are equal). */
    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && dtype.equals(a.dtype) && Arrays.equals(shape, a.shape) && data.equals(a.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), data);
    }

    @Override
    public String toString() {
        return "NpyArray[dtype=" + dtype + ", shape=" + Shapes.repr(shape) + ", bytes=" + data.capacity() + "]";
    }
}
