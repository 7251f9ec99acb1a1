#!/usr/bin/env python3
"""Regenerate the numpy-written fixtures that NumpyFixturesTest reads.

The Java .npy/.npz code (org.ipb.core.npy) must read what numpy writes, so these files come from
numpy itself rather than from our writer. Values are small and exactly representable, so the
tests can assert them exactly. Run from anywhere:

    python3 core/src/test/resources/npy/make_fixtures.py

Files are written next to this script and are committed; rerun only when adding a fixture (and
update NumpyFixturesTest to match). Made with numpy 2.4; any numpy >= 1.17 gives identical bytes
except for the zip timestamps inside the .npz files.
"""
import os

import numpy as np
from numpy.lib import format as npformat

HERE = os.path.dirname(os.path.abspath(__file__))


def save(name, array):
    np.save(os.path.join(HERE, name), array)


def main():
    f4 = np.arange(12, dtype="<f4").reshape(3, 4)
    save("f4_3x4.npy", f4)
    save("f8_2x3x4.npy", ((np.arange(24, dtype="<f8") - 12) / 4).reshape(2, 3, 4))
    save("i8_5.npy", np.array([-(2**40), -1, 0, 1, 2**62], dtype="<i8"))
    save("u1_2x2.npy", np.array([[0, 1], [254, 255]], dtype="|u1"))
    save("b1_3.npy", np.array([True, False, True]))
    # Big-endian data; readers must swap bytes (4- and 8-byte elements).
    save("f4be_2x3.npy", (np.arange(6) + 0.25).astype(">f4").reshape(2, 3))
    save("i8be_3.npy", np.array([1, -2, 2**40], dtype=">i8"))
    # Fortran order: same logical arrays as f4_3x4 / f8_2x3x4, column-major bytes on disk.
    save("f4_fortran_3x4.npy", np.asfortranarray(f4))
    save("f8_fortran_2x3x4.npy", np.asfortranarray(np.arange(24, dtype="<f8").reshape(2, 3, 4)))
    save("f8_scalar.npy", np.array(3.5))  # 0-d, shape ()
    save("f4_0x3.npy", np.zeros((0, 3), dtype="<f4"))
    with open(os.path.join(HERE, "f4_v2_2x2.npy"), "wb") as f:
        npformat.write_array(f, np.array([[1, 2], [3, 4]], dtype="<f4"), version=(2, 0))
    # Unsupported by us (strings): must be rejected with an error naming file and dtype.
    save("u3_2.npy", np.array(["abc", "de"], dtype="<U3"))

    weights = np.array([[0.5, -1.0], [2.0, 4.5]], dtype="<f4")
    labels = np.array([3, 1, 4], dtype="<i8")
    np.savez(os.path.join(HERE, "arrays.npz"), weights=weights, labels=labels)
    np.savez_compressed(os.path.join(HERE, "arrays_compressed.npz"), weights=weights, labels=labels)


if __name__ == "__main__":
    main()
