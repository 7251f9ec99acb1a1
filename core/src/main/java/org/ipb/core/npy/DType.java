package org.ipb.core.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The numpy element types we read and write, keyed by their little-endian descr. */
enum DType {
    BOOL('b', 1),
    INT8('i', 1),
    UINT8('u', 1),
    INT16('i', 2),
    UINT16('u', 2),
    INT32('i', 4),
    UINT32('u', 4),
    INT64('i', 8),
    UINT64('u', 8),
    FLOAT32('f', 4),
    FLOAT64('f', 8);

    /** Descr as numpy writes it on a little-endian machine: '|' for one byte, else '<'. */
    final String descr;
    final char kind;
    final int size;

    DType(char kind, int size) {
        this.kind = kind;
        this.size = size;
        this.descr = (size == 1 ? "|" : "<") + kind + size;
    }

    boolean isFloat() {
        return kind == 'f';
    }

    /** A descr string decoded into element type and the byte order of the stored data. */
    record Parsed(DType type, ByteOrder order) {
        boolean bigEndian() {
            return type.size > 1 && order == ByteOrder.BIG_ENDIAN;
        }
    }

    /**
     * Decodes a numpy descr such as {@code "<f4"}, {@code ">i8"} or {@code "|u1"}; null if it is not
     * one of ours. As in numpy, '=', '|' and no prefix mean the reading machine's native order.
     */
    static Parsed parse(String descr) {
        if (descr == null || descr.length() < 2) {
            return null;
        }
        ByteOrder order = switch (descr.charAt(0)) {
            case '<' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            case '=', '|' -> ByteOrder.nativeOrder();
            default -> null;
        };
        String code = order == null ? descr : descr.substring(1);
        if (order == null) {
            order = ByteOrder.nativeOrder();
        }
        for (DType t : values()) {
            if (code.equals("" + t.kind + t.size)) {
                return new Parsed(t, order);
            }
        }
        return null;
    }

    /** Element {@code i} of an integer or bool array as a long; uint64 comes back as raw bits. */
    long getLong(ByteBuffer b, int i) {
        return switch (this) {
            case BOOL, UINT8 -> b.get(i) & 0xFFL;
            case INT8 -> b.get(i);
            case INT16 -> b.getShort(i * 2);
            case UINT16 -> b.getChar(i * 2);
            case INT32 -> b.getInt(i * 4);
            case UINT32 -> Integer.toUnsignedLong(b.getInt(i * 4));
            case INT64, UINT64 -> b.getLong(i * 8);
            case FLOAT32, FLOAT64 -> throw new IllegalArgumentException(descr + " is not an integer type");
        };
    }

    /** Element {@code i} as a double, rounding 64-bit integers to nearest. */
    double getDouble(ByteBuffer b, int i) {
        return switch (this) {
            case FLOAT32 -> b.getFloat(i * 4);
            case FLOAT64 -> b.getDouble(i * 8);
            case UINT64 -> {
                long v = b.getLong(i * 8);
                // Halve with a sticky low bit so that the one rounding step stays correct.
                yield v >= 0 ? v : ((double) ((v >>> 1) | (v & 1))) * 2.0;
            }
            default -> getLong(b, i);
        };
    }

    /** Element {@code i} as a float, rounded once (not via double) for 64-bit integers. */
    float getFloat(ByteBuffer b, int i) {
        return switch (this) {
            case FLOAT32 -> b.getFloat(i * 4);
            case FLOAT64 -> (float) b.getDouble(i * 8);
            case UINT64 -> {
                long v = b.getLong(i * 8);
                yield v >= 0 ? v : ((float) ((v >>> 1) | (v & 1))) * 2.0f;
            }
            default -> getLong(b, i);
        };
    }

    static String supportedList() {
        return Arrays.stream(values()).map(t -> t.descr).collect(Collectors.joining(", "));
    }
}
