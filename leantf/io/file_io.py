"""tf.io.read_file / write_file and the local-filesystem part of tf.io.gfile."""
import glob as _glob
import os
import shutil

from ..framework import dtypes, errors

__all__ = ["read_file", "write_file", "GFile", "exists", "makedirs", "mkdir", "listdir", "glob",
           "remove", "isdir", "rename", "rmtree", "copy", "join", "walk"]


def _path(value):
    if hasattr(value, "numpy"):
        value = value.numpy()
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return os.fspath(value)


def _not_found(path, prefix=""):
    return errors.NotFoundError(None, None, f"{prefix}{path}; No such file or directory")


_READ_PREFIX = "{{function_node __wrapped__ReadFile_device_/job:localhost/replica:0/task:0/device:CPU:0}} "


def read_file(filename, name=None):
    """The whole contents of ``filename`` as a scalar string tensor."""
    from ..framework.tensor import constant
    path = _path(filename)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise errors.NotFoundError(
            None, None, f"{_READ_PREFIX}{path}; No such file or directory [Op:ReadFile]") from None
    return constant(data, dtype=dtypes.string)


def write_file(filename, contents, name=None):
    """Write a scalar string tensor (or bytes/str) to ``filename``, creating parent dirs."""
    path = _path(filename)
    if hasattr(contents, "numpy"):
        contents = contents.numpy()
    if isinstance(contents, str):
        contents = contents.encode("utf-8")
    parent = os.path.dirname(path)
    if parent:
        os.makedirs(parent, exist_ok=True)  # TF's WriteFile creates missing directories
    with open(path, "wb") as f:
        f.write(bytes(contents))


# ---------------------------------------------------------------------------
# tf.io.gfile (local paths only; no cloud filesystems)
# ---------------------------------------------------------------------------
class GFile:
    """File object with TF's names: text mode yields str, "b" modes bytes."""

    def __init__(self, name, mode="r"):
        self.name = _path(name)
        self.mode = mode
        if "r" in mode and not os.path.exists(self.name):
            raise _not_found(self.name)
        try:
            # Text mode is UTF-8 whatever the locale, as in TF.
            encoding = None if "b" in mode else "utf-8"
            self._file = open(self.name, mode, encoding=encoding)
        except FileNotFoundError:
            raise _not_found(self.name) from None

    def read(self, n=-1):
        return self._file.read(n)

    def readline(self):
        return self._file.readline()

    def readlines(self):
        return self._file.readlines()

    def write(self, data):
        if "b" not in self.mode and isinstance(data, bytes):
            data = data.decode("utf-8")
        self._file.write(data)

    def seek(self, offset=None, whence=0, position=None):
        return self._file.seek(offset if position is None else position, whence)

    def tell(self):
        return self._file.tell()

    def size(self):
        return os.path.getsize(self.name)

    def flush(self):
        self._file.flush()

    def close(self):
        self._file.close()

    def seekable(self):
        return True

    def __iter__(self):
        return iter(self._file)

    def __next__(self):
        return next(self._file)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def exists(path):
    return os.path.exists(_path(path))


def isdir(path):
    return os.path.isdir(_path(path))


def makedirs(path):
    os.makedirs(_path(path), exist_ok=True)


def mkdir(path):
    path = _path(path)
    try:
        os.mkdir(path)
    except FileExistsError:
        pass  # TF's mkdir accepts an existing directory
    except FileNotFoundError:
        raise _not_found(path) from None


def listdir(path):
    path = _path(path)
    if not os.path.isdir(path):
        raise errors.NotFoundError(None, None, f"Could not find directory {path}")
    return os.listdir(path)


def glob(pattern):
    return sorted(_glob.glob(_path(pattern)))


def remove(path):
    path = _path(path)
    try:
        os.remove(path)
    except FileNotFoundError:
        raise _not_found(path) from None


def rename(src, dst, overwrite=False):
    src, dst = _path(src), _path(dst)
    if not overwrite and os.path.exists(dst):
        raise errors.AlreadyExistsError(None, None, "file already exists")
    os.replace(src, dst)


def rmtree(path):
    path = _path(path)
    if not os.path.exists(path):
        raise _not_found(path)
    shutil.rmtree(path)


def copy(src, dst, overwrite=False):
    src, dst = _path(src), _path(dst)
    if not overwrite and os.path.exists(dst):
        raise errors.AlreadyExistsError(None, None, "file already exists")
    shutil.copyfile(src, dst)


def join(path, *paths):
    return os.path.join(_path(path), *[_path(p) for p in paths])


def walk(top, topdown=True, onerror=None):
    return os.walk(_path(top), topdown=topdown, onerror=onerror)
