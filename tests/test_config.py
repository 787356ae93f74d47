"""tf.config: threading settings (read back as TF does) and the CPU-only device list."""
import pytest

import leantf as tf
from leantf.ops import random_ops


def test_threading_settings_round_trip():
    t = tf.config.threading
    assert t.get_intra_op_parallelism_threads() == 0 and t.get_inter_op_parallelism_threads() == 0
    default = random_ops.INTRA_OP_THREADS
    try:
        t.set_intra_op_parallelism_threads(1)
        t.set_inter_op_parallelism_threads(3)
        assert t.get_intra_op_parallelism_threads() == 1 and t.get_inter_op_parallelism_threads() == 3
        assert random_ops.INTRA_OP_THREADS == 1  # TF's Multinomial shards by its pool size
        t.set_intra_op_parallelism_threads(-3)   # TF stores whatever it is given
        assert t.get_intra_op_parallelism_threads() == -3
        assert random_ops.INTRA_OP_THREADS == default
    finally:
        t.set_intra_op_parallelism_threads(0)
        t.set_inter_op_parallelism_threads(0)
    assert t.get_intra_op_parallelism_threads() == 0 and random_ops.INTRA_OP_THREADS == default


def test_devices():
    cpu = tf.config.list_physical_devices()[0]
    assert repr(cpu) == "PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')"
    assert cpu == tf.config.PhysicalDevice("/physical_device:CPU:0", "CPU")
    assert tf.config.list_physical_devices("CPU") == [cpu] and tf.config.get_visible_devices() == [cpu]
    assert tf.config.list_physical_devices("GPU") == [] and tf.config.list_physical_devices("cpu") == []
    assert tf.config.experimental.list_physical_devices("GPU") == []
    assert repr(tf.config.list_logical_devices()) == "[LogicalDevice(name='/device:CPU:0', device_type='CPU')]"
    with pytest.raises(ValueError, match="^Cannot set memory growth on non-GPU and non-Pluggable devices$"):
        tf.config.experimental.set_memory_growth(cpu, True)
    with pytest.raises(KeyError):
        tf.config.experimental.get_memory_growth(cpu)
