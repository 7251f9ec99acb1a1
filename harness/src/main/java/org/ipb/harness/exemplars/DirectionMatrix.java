package org.ipb.harness.exemplars;

import java.nio.file.Path;
import java.util.Arrays;
import org.ipb.core.UserError;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;

/**
 * K directions in a C-dimensional activation space, row-major K x C float32, as a directions file
 * holds them. Rows are used as given (the direction finders write unit-norm rows).
 *
 * @param source the file, for messages; null for in-memory data
 */
public record DirectionMatrix(float[] data, int k, int c, Path source) {
    public DirectionMatrix {
        if (k < 1 || c < 1 || (long) k * c != data.length) {
            throw new IllegalArgumentException(k + " x " + c + " directions with " + data.length + " values");
        }
    }

    /** Reads a 2-D float32/float64 {@code .npy} of finite values; problems are UserErrors naming the file. */
    public static DirectionMatrix load(Path file) {
        NpyArray a = Npy.read(file);
        long[] shape = a.shape();
        if (shape.length != 2 || shape[0] < 1 || shape[1] < 1) {
            throw new UserError(file, "directions must be a non-empty 2-D K x C matrix, got shape "
                    + Arrays.toString(shape));
        }
        if (!a.dtype().equals("<f4") && !a.dtype().equals("<f8")) {
            throw new UserError(file, "directions must be float32 or float64, got dtype " + a.dtype());
        }
        if (shape[0] * shape[1] > Integer.MAX_VALUE - 8) {
            throw new UserError(file, "directions matrix " + shape[0] + " x " + shape[1] + " is too large");
        }
        DirectionMatrix d = new DirectionMatrix(a.toFloatArray(), (int) shape[0], (int) shape[1], file);
        d.requireFinite();
        return d;
    }

    /** In-memory directions (tests, pipelines), checked like a file. */
    public static DirectionMatrix of(float[] data, int k, int c) {
        DirectionMatrix d = new DirectionMatrix(data, k, c, null);
        d.requireFinite();
        return d;
    }

    /** Name for messages: the file, or "directions". */
    public String label() {
        return source != null ? source.toString() : "directions";
    }

    private void requireFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new UserError(label() + ": non-finite value " + data[i] + " in direction " + (i / c)
                        + ", column " + (i % c));
            }
        }
    }
}
