"""Read ``.npz`` dataset files without Python's unpickler.

Numeric members are read by NumPy with ``allow_pickle=False``. The ragged sequences of
IMDB and Reuters are object arrays, which ``.npy`` can only store as a pickle; those are
rebuilt by leantf's restricted pickle reader, which yields lists and arrays, nothing else.
"""
import io
import zipfile

import numpy as np

from . import _restricted_pickle


def _read_npy(buffer):
    version = np.lib.format.read_magic(buffer)
    if version == (1, 0):
        shape, fortran_order, dtype = np.lib.format.read_array_header_1_0(buffer)
    elif version in ((2, 0), (3, 0)):
        # 3.0 differs from 2.0 only in encoding the header text as UTF-8; the length
        # field that leads to the data has the same layout, so 2.0's reader serves both.
        shape, fortran_order, dtype = np.lib.format.read_array_header_2_0(buffer)
    else:
        raise ValueError(f"Unsupported `.npy` file version: {version}.")
    if not dtype.hasobject:
        buffer.seek(0)
        return np.lib.format.read_array(buffer, allow_pickle=False)
    array = _restricted_pickle.loads(buffer.read())
    if not isinstance(array, np.ndarray) or array.shape != tuple(shape):
        raise _restricted_pickle.UnpicklingError(
            "The object array in the file does not match the shape its header declares.")
    return array


def load_npz(path):
    """``{name: array}`` for every ``.npy`` member of the ``.npz`` file at ``path``."""
    arrays = {}
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.endswith(".npy"):
                with archive.open(member) as raw:
                    arrays[member[:-len(".npy")]] = _read_npy(io.BytesIO(raw.read()))
    return arrays
