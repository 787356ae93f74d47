"""tf.config: the threading settings and the device list of a CPU-only runtime.

``threading.set_intra_op_parallelism_threads(n)`` is the knob TF gives for its CPU thread
pool; in leantf the pool that matters is the BLAS library's, so ``n`` is the thread count
of large matrix products (``backend/blas.py``: small ones always take one thread). TF only
accepts a change before its runtime starts (RuntimeError after the first op); leantf has no
such runtime, so a change takes effect at any time. Values are stored as given and read back
as TF does (it does not check them either).
"""
import collections
import types

from .framework.function import run_functions_eagerly, functions_run_eagerly

__all__ = ["threading", "experimental", "PhysicalDevice", "LogicalDevice", "list_physical_devices",
           "list_logical_devices", "get_visible_devices", "run_functions_eagerly", "functions_run_eagerly"]

_settings = {"intra": 0, "inter": 0}


def _as_count(value):
    """A thread count for the backend: positive ints only; anything else means 'automatic'."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def get_intra_op_parallelism_threads():
    return _settings["intra"]


def set_intra_op_parallelism_threads(num_threads):
    from .backend import blas
    from .ops import random_ops
    _settings["intra"] = num_threads
    count = _as_count(num_threads)
    blas.set_max_threads(count)
    # TF's Multinomial shards its rows by the pool size, which its sampled numbers depend on.
    default = _settings.setdefault("random_ops_default", random_ops.INTRA_OP_THREADS)
    random_ops.INTRA_OP_THREADS = count or default


def get_inter_op_parallelism_threads():
    return _settings["inter"]


def set_inter_op_parallelism_threads(num_threads):
    _settings["inter"] = num_threads  # leantf runs ops one at a time: nothing to size


threading = types.SimpleNamespace(
    get_intra_op_parallelism_threads=get_intra_op_parallelism_threads,
    set_intra_op_parallelism_threads=set_intra_op_parallelism_threads,
    get_inter_op_parallelism_threads=get_inter_op_parallelism_threads,
    set_inter_op_parallelism_threads=set_inter_op_parallelism_threads)


PhysicalDevice = collections.namedtuple("PhysicalDevice", ["name", "device_type"])
LogicalDevice = collections.namedtuple("LogicalDevice", ["name", "device_type"])

_CPU = PhysicalDevice("/physical_device:CPU:0", "CPU")
_CPU_LOGICAL = LogicalDevice("/device:CPU:0", "CPU")


def list_physical_devices(device_type=None):
    """The one CPU (device types are case-sensitive in TF: 'cpu' lists nothing)."""
    return [_CPU] if device_type in (None, "CPU") else []


def list_logical_devices(device_type=None):
    return [_CPU_LOGICAL] if device_type in (None, "CPU") else []


def get_visible_devices(device_type=None):
    return list_physical_devices(device_type)


def set_memory_growth(device, enable):
    raise ValueError("Cannot set memory growth on non-GPU and non-Pluggable devices")


def get_memory_growth(device):
    raise KeyError(device)


experimental = types.SimpleNamespace(
    list_physical_devices=list_physical_devices, list_logical_devices=list_logical_devices,
    get_visible_devices=get_visible_devices, set_memory_growth=set_memory_growth,
    get_memory_growth=get_memory_growth)
