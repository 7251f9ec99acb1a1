package org.ipb.manifest;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An IDX array as stored: element type code, dimensions, and the big-endian data bytes.
 *
 * <p>{@link #dims()} and {@link #data()} return the arrays themselves, not copies, because image
 * files are tens of megabytes; treat them as read-only.
 */
public record IdxArray(int typeCode, int[] dims, byte[] data) {
    public static final int UNSIGNED_BYTE = 0x08;
    public static final int SIGNED_BYTE = 0x09;
    public static final int SHORT = 0x0B;
    public static final int INT = 0x0C;
    public static final int FLOAT = 0x0D;
    public static final int DOUBLE = 0x0E;

    public IdxArray {
        if (elementSize(typeCode) == 0) {
            throw new IllegalArgumentException("unknown IDX type code " + typeCode);
        }
        Objects.requireNonNull(dims);
        Objects.requireNonNull(data);
    }

    /** Bytes per element for a known type code, 0 for an unknown one. */
    public static int elementSize(int typeCode) {
        return switch (typeCode) {
            case UNSIGNED_BYTE, SIGNED_BYTE -> 1;
            case SHORT -> 2;
            case INT, FLOAT -> 4;
            case DOUBLE -> 8;
            default -> 0;
        };
    }

    public static String typeName(int typeCode) {
        return switch (typeCode) {
            case UNSIGNED_BYTE -> "unsigned byte";
            case SIGNED_BYTE -> "signed byte";
            case SHORT -> "short";
            case INT -> "int";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            default -> String.format("type 0x%02X", typeCode);
        };
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int axis) {
        return dims[axis];
    }

    /** Element {@code flatIndex} (row-major) as a double, whatever the stored type. */
    public double value(int flatIndex) {
        ByteBuffer bb = ByteBuffer.wrap(data); // big-endian by default, as IDX is
        int at = flatIndex * elementSize(typeCode);
        return switch (typeCode) {
            case UNSIGNED_BYTE -> data[flatIndex] & 0xFF;
            case SIGNED_BYTE -> data[flatIndex];
            case SHORT -> bb.getShort(at);
            case INT -> bb.getInt(at);
            case FLOAT -> bb.getFloat(at);
            default -> bb.getDouble(at);
        };
    }

    /** E.g. "3-D unsigned byte [10000 x 28 x 28]", for error messages. */
    public String describe() {
        String shape = Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(" x "));
        return rank() + "-D " + typeName(typeCode) + " [" + shape + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxArray a && typeCode == a.typeCode && Arrays.equals(dims, a.dims)
                && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * typeCode + Arrays.hashCode(dims)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "IdxArray[" + describe() + "]";
    }
}
