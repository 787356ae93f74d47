"""tf.io: TFRecord files, Example parsing, whole-file reads and writes, tf.io.gfile.

The ``hdf5`` subpackage (leantf's own HDF5 reader/writer for Keras weight files) lives
here too but is not a TF name; it is imported only when asked for (``leantf.io.hdf5``).
Image decoders are TF names in tf.io but live in ``leantf.image``; they are looked up
there on first use.
"""
from . import gfile  # noqa: F401
from .file_io import read_file, write_file  # noqa: F401
from .parsing import (FixedLenFeature, FixedLenSequenceFeature, VarLenFeature,  # noqa: F401
                      parse_example, parse_single_example)
from .tfrecord import TFRecordOptions, TFRecordWriter  # noqa: F401

_FROM_IMAGE = frozenset({"decode_jpeg", "decode_png", "decode_image", "decode_bmp", "decode_gif",
                         "encode_jpeg", "encode_png", "decode_and_crop_jpeg", "extract_jpeg_shape",
                         "is_jpeg"})


def __getattr__(name):
    if name in _FROM_IMAGE:
        import importlib
        image = importlib.import_module("leantf.image")
        if hasattr(image, name):
            return getattr(image, name)
    raise AttributeError(f"module 'leantf.io' has no attribute '{name}'")
