"""The BLAS library under NumPy: how many threads its matrix products use.

NumPy's wheels ship OpenBLAS with a pool of threads as large as the machine, and OpenBLAS
splits every product above ~0.5 MFLOP among all of them. On a 2-core machine (numbers
from ``benchmarks/bench_blas.py``, float32, OpenBLAS 0.3.31):

- quiet machine: two threads make the seed MLP's Dense GEMMs (7.8 MFLOP) 1.2-1.9x faster
  and the seed CNN's convolution GEMMs (63 MFLOP-1 GFLOP) ~1.9x faster;
- one other busy process: a two-thread product waits for a worker that shares its core
  with that process, and the same 7.8-320 MFLOP products take 10-300x longer than on one
  thread (the seed MLP step went from ~1 ms to ~22 ms); only ~1 GFLOP products break even.

So leantf chooses the thread count per product (:func:`matmul` / :func:`gemm_threads`):
one thread below ``SMALL_GEMM_FLOPS``; above it every core this process may use -- unless
other processes were using CPU time lately (``/proc/stat``, sampled at most twice a
second), in which case only the cores they leave idle. ``tf.config.threading.
set_intra_op_parallelism_threads(n)`` fixes the count for large products instead, and an
``OPENBLAS_NUM_THREADS``/``OMP_NUM_THREADS``/``MKL_NUM_THREADS`` set by the user is left
alone entirely. The count is set through the library's own entry point, found with ctypes
in the library NumPy loaded, and only when it changes. Where no such library is found
(another BLAS, another platform) everything here does nothing.
"""
import os
import time

import numpy as np

__all__ = ["available", "library_path", "get_num_threads", "set_num_threads", "gemm_threads",
           "matmul", "set_max_threads", "max_threads", "SMALL_GEMM_FLOPS"]

# Below this many floating-point operations (2*m*n*k) a product always runs on one thread:
# the products of small models, where a waiting worker costs far more than it can save.
SMALL_GEMM_FLOPS = 50e6
# Other processes' CPU use (in cores, over the last sample) that counts as a busy machine.
_BUSY_CORES = 0.2
_SAMPLE_S = 0.5

# Entry points, most specific first: scipy-openblas (NumPy's wheels: 64-bit integer
# build with a suffix, or the 32-bit one), plain OpenBLAS builds, MKL.
_SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
            "openblas_set_num_threads64_", "openblas_set_num_threads", "MKL_Set_Num_Threads")
_GETTERS = ("scipy_openblas_get_num_threads64_", "scipy_openblas_get_num_threads",
            "openblas_get_num_threads64_", "openblas_get_num_threads", "MKL_Get_Max_Threads")
_USER_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

_lib = {"path": None, "set": None, "get": None, "loaded": False}
_current = [None]   # the count we last gave the library (None: not set by us yet)
_max = [0]          # tf.config's intra-op threads; 0: the automatic choice
_cores = [0]        # cores this process may run on (filled on first use)
# Automatic choice for large products, re-derived from /proc/stat every _SAMPLE_S seconds.
_auto = {"threads": None, "next": 0.0, "sample": None}
_monotonic = time.monotonic


def _cpu_count():
    if not _cores[0]:
        try:
            _cores[0] = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):
            _cores[0] = os.cpu_count() or 1
    return _cores[0]


def _candidate_paths():
    """Shared libraries this process has loaded whose name says BLAS (Linux: /proc/self/maps)."""
    paths = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.rstrip("\n").split(" ")[-1]
                name = os.path.basename(path).lower()
                if ("blas" in name or "mkl_rt" in name) and ".so" in name and path not in paths:
                    paths.append(path)
    except OSError:
        pass
    return paths


def _load():
    """Find the thread-count entry points once; any failure leaves them None (fail soft)."""
    _lib["loaded"] = True
    if any(os.environ.get(v) for v in _USER_ENV):
        return  # the user chose the thread count: leave the library as it is
    try:
        import ctypes
    except ImportError:
        return
    for path in _candidate_paths():
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        setter = next((getattr(lib, n) for n in _SETTERS if hasattr(lib, n)), None)
        if setter is None:
            continue
        getter = next((getattr(lib, n) for n in _GETTERS if hasattr(lib, n)), None)
        setter.argtypes, setter.restype = [ctypes.c_int], None
        if getter is not None:
            getter.argtypes, getter.restype = [], ctypes.c_int
        _lib.update(path=path, set=setter, get=getter)
        return


def available():
    """Whether leantf sets the BLAS thread count in this process."""
    if not _lib["loaded"]:
        _load()
    return _lib["set"] is not None


def library_path():
    return _lib["path"] if available() else None


def get_num_threads():
    """The library's current thread count, or None when it cannot be asked."""
    if not available() or _lib["get"] is None:
        return None
    return int(_lib["get"]())


def set_num_threads(n):
    """Give the library ``n`` threads now (no-op without a known library)."""
    if available():
        n = max(int(n), 1)
        _lib["set"](n)
        _current[0] = n


def max_threads():
    """The thread count large products get now."""
    return _max[0] or _auto_threads()


def set_max_threads(n):
    """tf.config.threading's intra-op count: ``n`` threads for large products; 0 restores the
    automatic choice."""
    _max[0] = max(int(n), 0)
    _current[0] = None  # re-applied at the next product


def _busy_jiffies():
    """Non-idle CPU time of the whole machine (clock ticks), or None where unknown."""
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu":
        return None
    ticks = [int(v) for v in fields[1:]]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
    return sum(ticks[:8]) - idle


def _auto_threads():
    """Every core, less those other processes kept busy over the last sample."""
    now = _monotonic()
    if now >= _auto["next"]:
        _auto["next"] = now + _SAMPLE_S
        cores = _cpu_count()
        busy = _busy_jiffies()
        t = os.times()
        sample = None if busy is None else (now, busy, t.user + t.system)
        prev = _auto["sample"]
        _auto["sample"] = sample
        if cores == 1 or sample is None or prev is None or sample[0] - prev[0] < 0.1:
            if _auto["threads"] is None:
                _auto["threads"] = cores
        else:
            hz = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
            span = sample[0] - prev[0]
            machine = (sample[1] - prev[1]) / hz / span      # cores busy, all processes
            ours = (sample[2] - prev[2]) / span              # cores busy, this process (all threads)
            others = max(machine - ours, 0.0)
            _auto["threads"] = cores if others < _BUSY_CORES else max(1, int(cores - others))
    return _auto["threads"]


def gemm_threads(flops):
    """Set the thread count for a product of ``flops`` floating-point operations.

    Called by kernels right before a BLAS product; a comparison or two when nothing changes.
    """
    if flops < SMALL_GEMM_FLOPS:
        want = 1
    else:
        want = _max[0] or _auto_threads()
    if want != _current[0]:
        if not _lib["loaded"]:
            _load()
        if _lib["set"] is not None:
            _lib["set"](want)
        _current[0] = want


_np_matmul = np.matmul


def matmul(a, b):
    """``np.matmul(a, b)`` with the BLAS thread count chosen for the product's size."""
    if a.ndim >= 2 and b.ndim >= 2:
        # 2*m*k*n times the batch, whichever operand carries it.
        gemm_threads(2 * max(a.size * b.shape[-1], b.size * a.shape[-2]))
    return _np_matmul(a, b)
