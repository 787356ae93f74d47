"""keras.initializers: Keras 3's weight initializers.

``init(shape, dtype=None)`` returns a tensor of ``dtype`` (default ``keras.config.floatx()``).

Randomness follows Keras 3 on TensorFlow exactly, so that seeded models reproduce:
an integer seed ``s`` draws from ``tf.random.stateless_*`` with seed ``[s mod (2**31 - 2), 0]``;
an *unseeded* initializer picks ``random.randint(1, 10**9)`` (Python's RNG) once, when it
is constructed, so the same instance returns the same values on every call (as in Keras 3),
and ``keras.utils.set_random_seed`` makes new unseeded initializers deterministic.
A ``SeedGenerator``-like seed (anything with ``next()``) gives fresh values per call.
"""
import math
import random as _py_random

import numpy as np

import leantf as tf

from ..framework import dtypes
from . import config as _config
from .saving import serialization as _ser

__all__ = ["Initializer", "Constant", "Zeros", "Ones", "Identity", "RandomNormal", "RandomUniform",
           "TruncatedNormal", "VarianceScaling", "GlorotUniform", "GlorotNormal", "HeUniform", "HeNormal",
           "LecunUniform", "LecunNormal", "Orthogonal", "IdentityInitializer", "OrthogonalInitializer",
           "constant", "zeros", "ones", "identity", "random_normal", "random_uniform", "truncated_normal",
           "variance_scaling", "glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "lecun_uniform",
           "lecun_normal", "orthogonal", "get", "serialize", "deserialize"]

_INT32_MAX = 2 ** 31 - 1


def _dtype(dtype):
    return dtypes.as_dtype(dtype or _config.floatx())


def _stateless_seed(seed):
    """Keras's seed for TF's stateless ops: ``[s, 0]`` as int64 folded into int32 range."""
    if hasattr(seed, "next"):  # a SeedGenerator: its state advances on every draw
        return seed.next()
    return [seed % (_INT32_MAX - 1), 0]


class Initializer:
    """Base class: subclasses implement ``__call__(shape, dtype=None)`` and ``get_config``."""

    def __call__(self, shape, dtype=None):
        raise NotImplementedError("Initializer subclasses must implement the `__call__()` method.")

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def clone(self):
        return self.__class__.from_config(self.get_config())


# -- constant initializers -------------------------------------------------------------------
class Constant(Initializer):
    """Fills with ``value`` (a scalar, or anything broadcastable to the shape)."""

    def __init__(self, value=0.0):
        self.value = value

    def __call__(self, shape, dtype=None):
        dtype = _dtype(dtype)
        return tf.cast(self.value, dtype) * tf.ones(shape, dtype=dtype)

    def get_config(self):
        return {"value": _ser.serialize_keras_object(self.value)}

    @classmethod
    def from_config(cls, config):
        return cls(_ser.deserialize_keras_object(config["value"]))


class Zeros(Initializer):
    def __call__(self, shape, dtype=None):
        return tf.zeros(shape, dtype=_dtype(dtype))


class Ones(Initializer):
    def __call__(self, shape, dtype=None):
        return tf.ones(shape, dtype=_dtype(dtype))


class Identity(Initializer):
    """``gain`` times the identity matrix; 2D shapes only."""

    def __init__(self, gain=1.0):
        self.gain = gain

    def __call__(self, shape, dtype=None):
        if len(shape) != 2:
            raise ValueError("Identity matrix initializer can only be used for 2D matrices. "
                             f"Received: shape={shape} of rank {len(shape)}.")
        return self.gain * tf.eye(shape[0], shape[1], dtype=_dtype(dtype))

    # No get_config of its own: Keras 3.15 serializes Identity as {} (the gain is not saved).


# -- random initializers ---------------------------------------------------------------------
class RandomInitializer(Initializer):
    def __init__(self, seed=None):
        self._init_seed = seed
        if seed is None:
            seed = _py_random.randint(1, int(1e9))  # Keras's make_default_seed, drawn once
        elif isinstance(seed, dict):
            seed = _ser.deserialize_keras_object(seed)
        elif not (isinstance(seed, int) or hasattr(seed, "next")):
            raise ValueError("`seed` argument should be an instance of `keras.random.SeedGenerator()` or an "
                             f"integer. Received: seed={seed}")
        self.seed = seed

    def get_config(self):
        return {"seed": _ser.serialize_keras_object(self._init_seed)}


class RandomNormal(RandomInitializer):
    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean = mean
        self.stddev = stddev
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        return tf.random.stateless_normal(shape, seed=_stateless_seed(self.seed), mean=self.mean,
                                          stddev=self.stddev, dtype=_dtype(dtype))

    def get_config(self):
        return {**super().get_config(), "mean": self.mean, "stddev": self.stddev}


class TruncatedNormal(RandomInitializer):
    """Normal values redrawn beyond two standard deviations."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean = mean
        self.stddev = stddev
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        return tf.random.stateless_truncated_normal(shape, seed=_stateless_seed(self.seed), mean=self.mean,
                                                    stddev=self.stddev, dtype=_dtype(dtype))

    def get_config(self):
        return {**super().get_config(), "mean": self.mean, "stddev": self.stddev}


class RandomUniform(RandomInitializer):
    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        self.minval = minval
        self.maxval = maxval
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        dtype = _dtype(dtype)
        return tf.random.stateless_uniform(shape, seed=_stateless_seed(self.seed), minval=tf.cast(self.minval, dtype),
                                           maxval=tf.cast(self.maxval, dtype), dtype=dtype)

    def get_config(self):
        return {**super().get_config(), "minval": self.minval, "maxval": self.maxval}


def _compute_fans(shape, input_axes=None, output_axes=None):
    """``(fan_in, fan_out)`` of a weight shape; conv kernels are ``(..., in, out)``."""
    shape = tuple(shape)
    if input_axes is not None and output_axes is not None:
        fan_in = math.prod(shape[a] for a in input_axes)
        fan_out = math.prod(shape[a] for a in output_axes)
        return int(fan_in), int(fan_out)
    if len(shape) < 1:
        fan_in = fan_out = 1
    elif len(shape) == 1:
        fan_in = fan_out = shape[0]
    elif len(shape) == 2:
        fan_in, fan_out = shape
    else:
        receptive_field = math.prod(shape[:-2])
        fan_in = shape[-2] * receptive_field
        fan_out = shape[-1] * receptive_field
    return int(fan_in), int(fan_out)


class VarianceScaling(RandomInitializer):
    """Values with variance ``scale / n`` (n = fan_in, fan_out or their mean)."""

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None, input_axes=None,
                 output_axes=None):
        if scale <= 0.0:
            raise ValueError(f"Argument `scale` must be positive float. Received: scale={scale}")
        allowed_modes = {"fan_in", "fan_out", "fan_avg"}
        if mode not in allowed_modes:
            raise ValueError(f"Invalid `mode` argument: {mode}. Please use one of {allowed_modes}")
        distribution = distribution.lower()
        if distribution == "normal":  # Keras 2 name of the truncated normal
            distribution = "truncated_normal"
        allowed_distributions = {"uniform", "truncated_normal", "untruncated_normal"}
        if distribution not in allowed_distributions:
            raise ValueError(f"Invalid `distribution` argument: {distribution}.Please use one of "
                             f"{allowed_distributions}")
        self.scale = scale
        self.mode = mode
        self.distribution = distribution
        self.input_axes = input_axes
        self.output_axes = output_axes
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        dtype = _dtype(dtype)
        fan_in, fan_out = _compute_fans(shape, input_axes=self.input_axes, output_axes=self.output_axes)
        scale = self.scale
        if self.mode == "fan_in":
            scale /= max(1.0, fan_in)
        elif self.mode == "fan_out":
            scale /= max(1.0, fan_out)
        else:
            scale /= max(1.0, (fan_in + fan_out) / 2.0)
        seed = _stateless_seed(self.seed)
        if self.distribution == "truncated_normal":
            # The stddev of a unit normal truncated at +-2 is .8796...; divide it out.
            stddev = math.sqrt(scale) / 0.87962566103423978
            return tf.random.stateless_truncated_normal(shape, seed=seed, mean=0.0, stddev=stddev, dtype=dtype)
        if self.distribution == "untruncated_normal":
            return tf.random.stateless_normal(shape, seed=seed, mean=0.0, stddev=math.sqrt(scale), dtype=dtype)
        limit = math.sqrt(3.0 * scale)
        return tf.random.stateless_uniform(shape, seed=seed, minval=tf.cast(-limit, dtype),
                                           maxval=tf.cast(limit, dtype), dtype=dtype)

    def get_config(self):
        return {**super().get_config(), "scale": self.scale, "mode": self.mode, "distribution": self.distribution,
                "input_axes": self.input_axes, "output_axes": self.output_axes}


class _FixedVarianceScaling(VarianceScaling):
    """Glorot/He/Lecun: a VarianceScaling whose scale, mode and distribution are fixed.
    Each subclass has its own ``__init__`` so argument errors name it, as in Keras."""
    _SCALE = _MODE = _DISTRIBUTION = None

    def _setup(self, seed, input_axes, output_axes):
        VarianceScaling.__init__(self, scale=self._SCALE, mode=self._MODE, distribution=self._DISTRIBUTION,
                                 seed=seed, input_axes=input_axes, output_axes=output_axes)

    def get_config(self):
        return {"seed": _ser.serialize_keras_object(self._init_seed), "input_axes": self.input_axes,
                "output_axes": self.output_axes}


class GlorotUniform(_FixedVarianceScaling):
    """Uniform in ``[-limit, limit]``, ``limit = sqrt(6 / (fan_in + fan_out))``."""
    _SCALE, _MODE, _DISTRIBUTION = 1.0, "fan_avg", "uniform"

    def __init__(self, seed=None, input_axes=None, output_axes=None):
        self._setup(seed, input_axes, output_axes)


class GlorotNormal(_FixedVarianceScaling):
    """Truncated normal, ``stddev = sqrt(2 / (fan_in + fan_out))``."""
    _SCALE, _MODE, _DISTRIBUTION = 1.0, "fan_avg", "truncated_normal"

    def __init__(self, seed=None, input_axes=None, output_axes=None):
        self._setup(seed, input_axes, output_axes)


class LecunNormal(_FixedVarianceScaling):
    """Truncated normal, ``stddev = sqrt(1 / fan_in)``."""
    _SCALE, _MODE, _DISTRIBUTION = 1.0, "fan_in", "truncated_normal"

    def __init__(self, seed=None, input_axes=None, output_axes=None):
        self._setup(seed, input_axes, output_axes)


class LecunUniform(_FixedVarianceScaling):
    """Uniform in ``[-limit, limit]``, ``limit = sqrt(3 / fan_in)``."""
    _SCALE, _MODE, _DISTRIBUTION = 1.0, "fan_in", "uniform"

    def __init__(self, seed=None, input_axes=None, output_axes=None):
        self._setup(seed, input_axes, output_axes)


class HeNormal(_FixedVarianceScaling):
    """Truncated normal, ``stddev = sqrt(2 / fan_in)``."""
    _SCALE, _MODE, _DISTRIBUTION = 2.0, "fan_in", "truncated_normal"

    def __init__(self, seed=None, input_axes=None, output_axes=None):
        self._setup(seed, input_axes, output_axes)


class HeUniform(_FixedVarianceScaling):
    """Uniform in ``[-limit, limit]``, ``limit = sqrt(6 / fan_in)``."""
    _SCALE, _MODE, _DISTRIBUTION = 2.0, "fan_in", "uniform"

    def __init__(self, seed=None, input_axes=None, output_axes=None):
        self._setup(seed, input_axes, output_axes)


class Orthogonal(RandomInitializer):
    """An orthogonal matrix (rows or columns, whichever are fewer) times ``gain``; shapes of
    rank > 2 are flattened to ``(prod(shape[:-1]), shape[-1])`` first."""

    def __init__(self, gain=1.0, seed=None):
        self.gain = gain
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        if len(shape) < 2:
            raise ValueError("The tensor to initialize must be at least two-dimensional. Received: "
                             f"shape={shape} of rank {len(shape)}.")
        dtype = _dtype(dtype)
        num_rows = math.prod(shape[:-1])
        num_cols = shape[-1]
        flat_shape = (max(num_cols, num_rows), min(num_cols, num_rows))
        a = tf.random.stateless_normal(flat_shape, seed=_stateless_seed(self.seed), dtype=dtype)
        # An initial value is host data with no gradient, so the QR runs in NumPy (LAPACK's
        # Householder QR, as TF's); the signs of diag(r) make the result unique.
        a = a.numpy()
        if a.dtype not in (np.float32, np.float64):  # LAPACK has no half precision
            a = a.astype(np.float32)
        q, r = np.linalg.qr(a)
        q = q * np.sign(np.diag(r))
        if num_rows < num_cols:
            q = q.T
        q = tf.constant(q.astype(dtype.np_dtype), dtype=dtype)
        return self.gain * tf.reshape(q, shape)

    def get_config(self):
        return {**super().get_config(), "gain": self.gain}


# -- names ---------------------------------------------------------------------------------
# Keras's snake_case aliases are the same classes, so `glorot_uniform()` is a GlorotUniform.
constant, zeros, ones, identity = Constant, Zeros, Ones, Identity
random_normal, random_uniform, truncated_normal = RandomNormal, RandomUniform, TruncatedNormal
variance_scaling, orthogonal = VarianceScaling, Orthogonal
glorot_uniform, glorot_normal, he_uniform, he_normal = GlorotUniform, GlorotNormal, HeUniform, HeNormal
lecun_uniform, lecun_normal = LecunUniform, LecunNormal
IdentityInitializer, OrthogonalInitializer = Identity, Orthogonal

_CLASSES = [Initializer, Constant, Identity, Ones, Zeros, GlorotNormal, GlorotUniform, HeNormal, HeUniform,
            LecunNormal, LecunUniform, Orthogonal, RandomNormal, RandomUniform, TruncatedNormal, VarianceScaling]
_EXTRA_EXPORTS = {Identity: ["IdentityInitializer"], Orthogonal: ["OrthogonalInitializer"]}


def _snake(name):
    from .naming import to_snake_case
    return to_snake_case(name)


_ser.register_builtin("keras", Initializer)  # first export name: keras.Initializer
for _cls in _CLASSES:
    _ser.register_builtin("keras.initializers", _cls)
    if _cls is not Initializer:
        _ser.register_builtin("keras.initializers", _cls, _snake(_cls.__name__))
    for _alias in _EXTRA_EXPORTS.get(_cls, ()):
        _ser.register_builtin("keras.initializers", _cls, _alias)

# What `get("name")` accepts: class names, their snake_case, and Keras's old spellings.
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in _CLASSES}
ALL_OBJECTS_DICT.update({_snake(cls.__name__): cls for cls in _CLASSES})
ALL_OBJECTS_DICT.update({"IdentityInitializer": Identity, "normal": RandomNormal, "one": Ones,
                         "OrthogonalInitializer": Orthogonal, "uniform": RandomUniform, "zero": Zeros})


def _values_initializer(values):
    """``get``'s initializer for a tensor or array of values (anything else is returned as is)."""
    if not (tf.is_tensor(values) or isinstance(values, (np.generic, np.ndarray))):
        return values

    def initialize_fn(shape, dtype=None):
        dtype = _dtype(dtype)
        if tuple(shape) != tuple(values.shape):
            raise ValueError(f"Expected `shape` to be {values.shape} for direct tensor as initializer. "
                             f"Received shape={shape}")
        return tf.cast(values, dtype)
    return initialize_fn


# A name is deserialized (so Keras's errors for unknown names apply); a tensor gives its values.
_serialize, _deserialize, get = _ser.namespace_functions(__name__, "initializer", ALL_OBJECTS_DICT,
                                                       names_by_deserialize=True, from_other=_values_initializer)


def serialize(initializer):
    return _serialize(initializer)


def deserialize(config, custom_objects=None):
    return _deserialize(config, custom_objects)
