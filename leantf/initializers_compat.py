"""TensorFlow's own initializers: ``tf.zeros_initializer``, ``tf.ones_initializer``,
``tf.constant_initializer``, ``tf.random_normal_initializer``, ``tf.random_uniform_initializer``.

These are not the Keras classes: ``__call__(shape, dtype=tf.float32, **kwargs)`` defaults to
float32 (``constant_initializer`` keeps the value's own dtype), and an *unseeded* random one
draws from TF's stateful RNG, so every call gives new values (the global seed of
``tf.random.set_seed`` makes the sequence repeatable); a seeded one uses the stateless ops
with seed ``[seed, 0]`` and returns the same values every call. (TF 2 has no
``tf.glorot_uniform_initializer``; it lives in ``tf.compat.v1``.)
"""
import numpy as np

from .framework import dtypes

__all__ = ["zeros_initializer", "ones_initializer", "constant_initializer", "random_normal_initializer",
           "random_uniform_initializer"]

_PARTITION_KWARGS = ["partition_shape", "partition_offset"]


class Initializer:
    """Base of TF's initializers (``tf.keras`` ones are separate classes)."""

    def __call__(self, shape, dtype=None, **kwargs):
        raise NotImplementedError

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        config.pop("dtype", None)
        return cls(**config)

    def _validate_kwargs(self, kwargs, support_partition=True):
        for kwarg in kwargs:
            if kwarg not in _PARTITION_KWARGS:
                raise TypeError(f"Keyword argument should be one of {_PARTITION_KWARGS}. Received: {kwarg}")
            if not support_partition:
                raise ValueError(f"{self.__class__.__name__} initializer doesn't support partition-related arguments")

    @staticmethod
    def _shape(shape, kwargs):
        # A partitioned variable asks for its own slice's shape.
        return kwargs.get("partition_shape", shape)


def _numeric_or_bool(dtype):
    dtype = dtypes.as_dtype(dtype)
    if dtype == dtypes.string or not (dtype.is_floating or dtype.is_integer or dtype.is_complex or dtype.is_bool):
        raise ValueError(f"Argument `dtype` expected to be numeric or boolean. Received {dtype}.")
    return dtype


class Zeros(Initializer):
    """Fills with zeros."""

    def __call__(self, shape, dtype=dtypes.float32, **kwargs):
        import leantf as tf
        self._validate_kwargs(kwargs)
        return tf.zeros(self._shape(shape, kwargs), _numeric_or_bool(dtype))


class Ones(Initializer):
    """Fills with ones."""

    def __call__(self, shape, dtype=dtypes.float32, **kwargs):
        import leantf as tf
        self._validate_kwargs(kwargs)
        return tf.ones(self._shape(shape, kwargs), _numeric_or_bool(dtype))


class Constant(Initializer):
    """Fills with ``value``: a scalar, or values whose count matches the shape."""

    def __init__(self, value=0, support_partition=False):
        if not (np.isscalar(value) or isinstance(value, (list, tuple, np.ndarray))):
            raise TypeError(f"Invalid type for initial value: {type(value).__name__}. Expected Python scalar, list "
                            "or tuple of values, or numpy.ndarray.")
        self.value = value
        self.support_partition = support_partition

    def __call__(self, shape, dtype=None, **kwargs):
        import leantf as tf
        self._validate_kwargs(kwargs, support_partition=self.support_partition)
        return tf.constant(self.value, dtype=dtypes.as_dtype(dtype) if dtype is not None else None, shape=shape)

    def get_config(self):
        return {"value": self.value}


class _Random(Initializer):
    def __init__(self, seed):
        self.seed = seed

    def _draw(self, stateless, stateful, shape, dtype, **params):
        if self.seed is not None:  # TF's `[seed, 0]` is truthy even for seed 0
            return stateless(shape, seed=[self.seed, 0], dtype=dtype, **params)
        return stateful(shape, dtype=dtype, seed=None, **params)


class RandomUniform(_Random):
    """Uniform values in ``[minval, maxval)``."""

    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        self.minval = minval
        self.maxval = maxval
        super().__init__(seed)

    def __call__(self, shape, dtype=dtypes.float32, **kwargs):
        import leantf as tf
        self._validate_kwargs(kwargs)
        dtype = dtypes.as_dtype(dtype)
        if not dtype.is_floating and not dtype.is_integer:
            raise ValueError(f"Argument `dtype` expected to be numeric or boolean. Received {dtype}.")
        return self._draw(tf.random.stateless_uniform, tf.random.uniform, self._shape(shape, kwargs), dtype,
                          minval=self.minval, maxval=self.maxval)

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}


class RandomNormal(_Random):
    """Normal values with ``mean`` and ``stddev``."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean = mean
        self.stddev = stddev
        super().__init__(seed)

    def __call__(self, shape, dtype=dtypes.float32, **kwargs):
        import leantf as tf
        self._validate_kwargs(kwargs)
        dtype = dtypes.as_dtype(dtype)
        if not dtype.is_floating:
            raise ValueError(f"Argument `dtype` is expected to be floating point. Received: {dtype}.")
        return self._draw(tf.random.stateless_normal, tf.random.normal, self._shape(shape, kwargs), dtype,
                          mean=self.mean, stddev=self.stddev)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


# TF exports the classes under these names (type(tf.zeros_initializer()).__name__ == "Zeros").
zeros_initializer, ones_initializer, constant_initializer = Zeros, Ones, Constant
random_uniform_initializer, random_normal_initializer = RandomUniform, RandomNormal
