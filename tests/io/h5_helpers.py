"""Helpers shared by the HDF5 tests: describe what leantf reads in the same JSON form that
tools/make_h5_fixtures.py records from h5py, and run the optional h5py/Keras cross-checks."""
import hashlib
import json
import os
import subprocess
import sys

import numpy as np

from leantf.io import hdf5

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "h5")
TOOL = os.path.join(ROOT, "tools", "make_h5_fixtures.py")


def expected():
    with open(os.path.join(FIXTURES, "expected.json")) as f:
        return json.load(f)


def values(dtype, shape):
    """The fixture data formula of tools/make_h5_fixtures.py (``_values``)."""
    n = int(np.prod(shape))
    base = np.arange(n, dtype=np.int64)
    dt = np.dtype(dtype)
    if dt.kind == "b":
        out = base % 3 == 0
    elif dt.kind == "u":
        out = (base * 37 + 5) % 251
    elif dt.kind == "i":
        out = (base * 37 + 5) % 251 - 120
    else:
        out = ((base * 37 + 5) % 251 - 120) * 0.25
    return out.astype(dt).reshape(shape)


def describe(value):
    if isinstance(value, (str, bytes)):
        return {"kind": "str" if isinstance(value, str) else "bytes",
                "value": value if isinstance(value, str) else value.decode("latin-1")}
    arr = np.asarray(value)
    if arr.dtype.kind == "O":
        return {"kind": "str_array", "shape": list(arr.shape), "value": [str(v) for v in arr.reshape(-1)]}
    if arr.dtype.kind == "S":
        return {"kind": "bytes_array", "shape": list(arr.shape), "dtype": arr.dtype.str,
                "value": [v.decode("latin-1") for v in arr.reshape(-1)]}
    if arr.dtype.kind == "V":
        return {"kind": "opaque", "shape": list(arr.shape), "itemsize": arr.dtype.itemsize,
                "sha256": hashlib.sha256(np.ascontiguousarray(arr).tobytes()).hexdigest()}
    out = {"kind": "array", "dtype": arr.dtype.name, "shape": list(arr.shape),
           "sha256": hashlib.sha256(np.ascontiguousarray(arr).tobytes()).hexdigest()}
    if arr.size <= 64:
        out["value"] = arr.reshape(-1).tolist()
    return out


def inventory(source, skip=()):
    """Every object leantf reads from ``source`` (path or bytes), keyed by path."""
    items = {}
    with hdf5.File(source) as f:
        def attrs(obj):
            return {k: describe(obj.attrs[k]) for k in obj.attrs}
        items["/"] = {"type": "group", "attrs": attrs(f), "members": sorted(f.keys())}

        def visit(name, obj):
            if isinstance(obj, hdf5.Group):
                items[name] = {"type": "group", "attrs": attrs(obj), "members": sorted(obj.keys())}
            else:
                entry = {"type": "dataset", "attrs": attrs(obj), "shape": list(obj.shape)}
                if name not in skip:
                    entry["data"] = describe(obj[()])
                items[name] = entry
        f.visit_items(visit)
    return items


def cross_python():
    """An interpreter with h5py (and Keras) for the optional cross-checks, or None."""
    path = os.environ.get("LEANTF_TF_PYTHON")
    return path if path and os.path.exists(path) else None


def h5py_inventory(paths):
    """What real h5py reads from ``paths``: in-process when h5py is importable, else through
    LEANTF_TF_PYTHON; None when neither is available."""
    try:
        import h5py  # noqa: F401
        python = sys.executable
    except ImportError:
        python = cross_python()
        if python is None:
            return None
    out = subprocess.run([python, TOOL, "--inventory", *paths], capture_output=True, text=True, check=True,
                         env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    return json.loads(out.stdout.strip().splitlines()[-1])
