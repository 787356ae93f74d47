"""File formats leantf reads and writes itself, without third-party libraries.

``leantf.io.hdf5`` is a small HDF5 reader/writer (the subset Keras weight files use).
Subpackages are imported on first use so ``import leantf`` stays cheap.
"""
