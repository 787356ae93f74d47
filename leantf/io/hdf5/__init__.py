"""leantf.io.hdf5: a small pure-Python HDF5 reader and writer (the subset Keras uses).

``File(path)`` opens a file for reading (h5py-like groups, datasets, ``attrs``);
``File(path, "w")`` returns a ``FileWriter`` that builds the file in memory and writes it
atomically when closed.
"""
from ._base import LIMITS, HDF5Error, NotAllowedError, UnsupportedFeatureError  # noqa: F401
from .reader import AttributeManager, Dataset, Group, Link  # noqa: F401
from .reader import File as _ReadFile
from .writer import FileWriter, WDataset, WGroup, atomic_write  # noqa: F401

__all__ = ["File", "FileWriter", "Group", "Dataset", "Link", "AttributeManager", "HDF5Error",
           "NotAllowedError", "UnsupportedFeatureError", "LIMITS", "atomic_write"]


class File(_ReadFile):
    """``File(source)`` / ``File(source, "r")``: read; ``File(target, "w")`` (or ``"x"``): a
    ``FileWriter``."""

    def __new__(cls, source, mode="r"):
        if mode in ("w", "w-", "x"):
            return FileWriter(source, mode)
        if mode != "r":
            raise ValueError(f"Unsupported mode {mode!r}: leantf's HDF5 files are read ('r') or written "
                             f"whole ('w', 'x')")
        return super().__new__(cls)

    def __init__(self, source, mode="r"):
        super().__init__(source)
