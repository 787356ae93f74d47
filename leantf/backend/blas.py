"""The BLAS library under NumPy: how many threads its matrix products use.

NumPy's wheels ship OpenBLAS with a pool of threads as large as the machine. For the
small products of an eager training step (a batch of 50 through a Dense layer: a few
MFLOP) those threads cost more than they save: OpenBLAS hands each one a slice, the
slices finish in microseconds, and the workers spin waiting for the next call. On a
machine where another process holds a core, a spinning worker and the thread it waits
for take turns on the remaining core, and one step of the seed's MLP went from ~1 ms
to ~22 ms. Large products (a convolution's im2col GEMM, ~1 GFLOP) do gain from every
core.

So leantf picks the thread count per product (:func:`gemm_threads`): one thread below
``SMALL_GEMM_FLOPS``, the configured count (``tf.config.threading.
set_intra_op_parallelism_threads``; by default every core this process may run on) above.
The count is set through the library's own entry point, found with ctypes in the
library NumPy loaded; the call is only made when the wanted count changes. Where no
such library is found (another BLAS, another platform) everything here does nothing.
"""
import os

__all__ = ["available", "library_path", "get_num_threads", "set_num_threads", "gemm_threads",
           "set_max_threads", "max_threads", "SMALL_GEMM_FLOPS"]

# Below this many floating-point operations (2*m*n*k) a product runs on one thread.
# Measured on the development machine (2-core x86-64, OpenBLAS 0.3.31, float32; see
# benchmarks/bench_blas.py): two threads start to pay off between ~8 and ~30 MFLOP on
# a quiet machine, and lose badly at every size when another process holds a core.
SMALL_GEMM_FLOPS = 64e6

# Entry points, most specific first: scipy-openblas (NumPy's wheels: 64-bit integer
# build with a suffix, or the 32-bit one), plain OpenBLAS builds, MKL.
_SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
            "openblas_set_num_threads64_", "openblas_set_num_threads", "MKL_Set_Num_Threads")
_GETTERS = ("scipy_openblas_get_num_threads64_", "scipy_openblas_get_num_threads",
            "openblas_get_num_threads64_", "openblas_get_num_threads", "MKL_Get_Max_Threads")

_state = {"lib": None, "path": None, "set": None, "get": None}
_LOADED = [False]
# The count we last gave the library (None: not set by us yet) and the count for large products.
_current = [None]
_max = [0]


def _cpu_count():
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _candidate_paths():
    """Shared libraries this process has loaded whose name says BLAS (Linux: /proc/self/maps)."""
    paths = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.rstrip("\n").split(" ")[-1]
                name = os.path.basename(path).lower()
                if (("blas" in name or "mkl_rt" in name) and ".so" in name and path not in paths):
                    paths.append(path)
    except OSError:
        pass
    return paths


def _load():
    """Find the thread-count entry points once; failures leave them None (fail soft)."""
    _LOADED[0] = True
    import numpy  # noqa: F401  (the BLAS is loaded with NumPy's core; make sure it is)
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
        _state.update(lib=lib, path=path, set=setter, get=getter)
        return


def available():
    """Whether leantf can set the BLAS thread count in this process."""
    if not _LOADED[0]:
        _load()
    return _state["set"] is not None


def library_path():
    return _state["path"] if available() else None


def get_num_threads():
    """The library's current thread count, or None when it cannot be asked."""
    if not available() or _state["get"] is None:
        return None
    return int(_state["get"]())


def set_num_threads(n):
    """Give the library ``n`` threads (no-op without a known library)."""
    if not available():
        return
    n = max(int(n), 1)
    _state["set"](n)
    _current[0] = n


def max_threads():
    """The thread count used for large products (0 from the config means every core)."""
    return _max[0] or _cpu_count()


def set_max_threads(n):
    """Called by tf.config.threading: 0 restores the default (every core)."""
    _max[0] = int(n)
    _current[0] = None  # re-apply on the next product


def gemm_threads(flops):
    """Set the thread count for a product of ``flops`` floating-point operations.

    Called by the kernels right before a BLAS product; costs one comparison when the
    count does not change.
    """
    want = 1 if flops < SMALL_GEMM_FLOPS else (_max[0] or _cpu_count())
    if want != _current[0]:
        if not _LOADED[0]:
            _load()
        if _state["set"] is not None:
            _state["set"](want)
        _current[0] = want
