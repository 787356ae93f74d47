"""`leantf info`: what leantf runs on -- the facts a bug report or a speed comparison needs.

It imports leantf but not Keras, and CuPy only when it is installed, so it answers quickly.
"""
import importlib.util
import os
import platform
import sys


def _version(dist):
    """An installed distribution's version, or None (no import of the package itself)."""
    try:
        from importlib import metadata
        return metadata.version(dist)
    except Exception:  # not installed, or metadata unreadable
        return None


def numpy_blas():
    """NumPy's BLAS as its build recorded it: 'name version', or None where NumPy cannot say.

    ``show_config(mode="dicts")`` exists from NumPy 1.25 on; older versions only print.
    """
    import numpy as np
    try:
        config = np.show_config(mode="dicts")
    except TypeError:
        return None
    blas = (config or {}).get("Build Dependencies", {}).get("blas", {})
    if not blas.get("name"):
        return None
    return " ".join(str(part) for part in (blas["name"], blas.get("version")) if part)


def blas_threads_line():
    """How leantf drives the BLAS thread pool (see leantf/backend/blas.py for why)."""
    from leantf.backend import blas
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        if os.environ.get(var):
            return f"set by the user ({var}={os.environ[var]}); leantf leaves it alone"
    if not blas.available():
        return "no thread-count entry point found; the library's own default applies"
    return (f"{blas.max_threads()} for large products, 1 below "
            f"{blas.SMALL_GEMM_FLOPS / 1e6:.0f} MFLOP (library: {blas.library_path()})")


def backends():
    """Array backends leantf could use: NumPy always; CuPy when installed (GPU work is later)."""
    import numpy as np
    found = [f"numpy {np.__version__} (in use)"]
    if importlib.util.find_spec("cupy") is None:
        found.append("cupy: not installed")
    else:
        try:
            import cupy
            count = cupy.cuda.runtime.getDeviceCount()
            found.append(f"cupy {cupy.__version__}: importable, {count} GPU(s); leantf does not use it yet")
        except Exception as exc:  # installed but no driver/GPU: report, don't fail
            found.append(f"cupy: installed but unusable ({type(exc).__name__}: {exc})")
    return found


def info():
    import numpy as np
    import leantf

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    from leantf.keras import __version__ as keras_version
    ml_dtypes = _version("ml_dtypes") or ("present" if importlib.util.find_spec("ml_dtypes") else None)
    rows = [
        ("leantf", f"{leantf.__version__} ({os.path.dirname(leantf.__file__)})"),
        ("Keras API", f"{keras_version} (leantf.keras: tf.keras as TensorFlow 2.21 ships it)"),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()}, {sys.executable})"),
        ("platform", f"{platform.platform()}, {platform.machine()}, {cores} usable cores"),
        ("NumPy", np.__version__),
        ("BLAS", numpy_blas() or "unknown (this NumPy does not report it)"),
        ("BLAS threads", blas_threads_line()),
        ("backends", "; ".join(backends())),
        ("ml_dtypes", f"{ml_dtypes} (bfloat16 available)" if ml_dtypes else "not installed (no bfloat16)"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name + ':':<{width + 1}} {value}")
    return 0
