/**
 * numpy .npy and .npz array files, read and written without numpy.
 *
 * <p>The format follows numpy NEP 1, "A Simple File Format for NumPy Arrays", as implemented by
 * {@code numpy.lib.format}: the magic string {@code \x93NUMPY}, a version (1.0, 2.0 or 3.0), a
 * little-endian header length (uint16 for 1.0, uint32 otherwise) and a Python dict literal giving
 * {@code descr}, {@code fortran_order} and {@code shape}, padded with spaces and a newline so that
 * the data starts on a 64-byte boundary. An .npz is a zip of such files, one entry per array.
 *
 * <p>{@link org.ipb.core.npy.Npy} and {@link org.ipb.core.npy.Npz} read any byte order and memory
 * order numpy writes, but hand out only little-endian C-order {@link org.ipb.core.npy.NpyArray}s;
 * they write what {@code np.save} would, byte for byte, and replace files atomically. Only
 * boolean, integer and float32/float64 dtypes are supported: object, string, complex, float16,
 * datetime and structured arrays are rejected with a {@link org.ipb.core.UserError}.
 *
 * @see <a href="https://numpy.org/neps/nep-0001-npy-format.html">NEP 1</a>
 * @see <a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">numpy.lib.format</a>
 */
package org.ipb.core.npy;
