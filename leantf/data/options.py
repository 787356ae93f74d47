"""tf.data.Options: pipeline settings. leantf reads `deterministic`; the rest are kept so code
that sets them runs unchanged."""

__all__ = ["Options", "ThreadingOptions", "AutoShardPolicy"]


class AutoShardPolicy:
    OFF = -1
    AUTO = 0
    FILE = 1
    DATA = 2
    HINT = 3


class _Group:
    def __init__(self, **defaults):
        object.__setattr__(self, "_values", dict(defaults))

    def __getattr__(self, name):
        values = object.__getattribute__(self, "_values")
        if name in values:
            return values[name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __setattr__(self, name, value):
        if name not in self._values:
            raise AttributeError(f"Cannot set the property {name} on {type(self).__name__}.")
        self._values[name] = value

    def _merge(self, other):
        for k, v in other._values.items():
            if isinstance(v, _Group):
                self._values[k]._merge(v)
            elif v is not None:
                self._values[k] = v


class ThreadingOptions(_Group):
    def __init__(self):
        super().__init__(max_intra_op_parallelism=None, private_threadpool_size=None)


class DistributeOptions(_Group):
    def __init__(self):
        super().__init__(auto_shard_policy=None, num_devices=None)


class OptimizationOptions(_Group):
    def __init__(self):
        super().__init__(apply_default_optimizations=None, filter_fusion=None, map_and_batch_fusion=None,
                         map_parallelization=None, noop_elimination=None, parallel_batch=None,
                         shuffle_and_repeat_fusion=None, inject_prefetch=None)


class Options(_Group):
    def __init__(self):
        super().__init__(deterministic=None, experimental_deterministic=None, autotune=None,
                         experimental_distribute=DistributeOptions(), experimental_optimization=OptimizationOptions(),
                         experimental_slack=None, experimental_symbolic_checkpoint=None,
                         experimental_warm_start=None, threading=ThreadingOptions(),
                         experimental_external_state_policy=None)

    def merge(self, options):
        merged = Options()
        merged._merge(self)
        merged._merge(options)
        return merged
