"""tf.io.gfile: file access with TF's names (local filesystem only)."""
from .file_io import (GFile, copy, exists, glob, isdir, join, listdir, makedirs, mkdir,  # noqa: F401
                      remove, rename, rmtree, walk)

__all__ = ["GFile", "copy", "exists", "glob", "isdir", "join", "listdir", "makedirs", "mkdir",
           "remove", "rename", "rmtree", "walk"]
