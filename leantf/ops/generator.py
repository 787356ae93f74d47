"""tf.random.Generator: an explicit random state in a variable, drawn through stateless ops.

The state of the Philox algorithm is an int64 variable [counter_lo, counter_hi, key]. Each
draw of n values reads it, advances the 128-bit counter by 256 * n (TF's RngReadAndSkip)
and feeds the old key and counter to the stateless kernels, so a generator made by
``from_seed(s)`` gives TF's numbers for seed ``s``.
"""
import os

import numpy as np

from ..framework import dtypes
from ..framework.errors import UnimplementedError
from ..framework.tensor import convert_to_tensor, wrap_as
from ..framework.tensor_shape import TensorShape
from ..framework.variables import Variable
from . import philox
from .random_ops import (_alg_to_int, _shape_tensor, _size, _stateless_full_int, _stateless_normal,
                         _stateless_truncated, _stateless_uniform, _stateless_uniform_int, scale_shift)

__all__ = ["Generator", "create_rng_state", "get_global_generator", "set_global_generator"]

_STATE_SIZE = {1: 3, 2: 2, 3: 3}       # Philox: 2 counter words + key; ThreeFry: 1 + key


def _state_size(alg):
    if alg not in _STATE_SIZE:
        raise ValueError(f"Argument `alg` got unsupported value {alg}. Supported values are philox for the "
                         "Philox algorithm, threefry for the ThreeFry algorithm, and auto_select for auto-selection.")
    return _STATE_SIZE[alg]


def _as_int64(values):
    """Python ints above the int64 range wrap to negative, as TF's _uint_to_int does."""
    if isinstance(values, (list, tuple)):
        return [_as_int64(v) for v in values]
    if isinstance(values, int) and values >= 2 ** 63:
        return values - 2 ** 64
    return values


def _to_state(seed, size):
    """TF's _make_1d_state: an int64 vector of ``size`` words from an int or a sequence."""
    if isinstance(seed, int):
        chunks = []
        for _ in range(size):
            chunks.append(_as_int64(seed & philox.MASK64))
            seed >>= 64
        return np.array(chunks, np.int64)
    if hasattr(seed, "numpy"):
        seed = seed.numpy()
    arr = np.asarray(_as_int64(seed) if isinstance(seed, (list, tuple)) else seed).astype(np.int64).reshape(-1)
    arr = arr[:size]
    return np.concatenate([np.zeros(size - arr.size, np.int64), arr])


def create_rng_state(seed, alg):
    """tf.random.create_rng_state: the int64 state vector a generator seeded with ``seed`` starts from."""
    alg = _alg_to_int(alg)
    return wrap_as(_to_state(seed, _state_size(alg)), dtypes.int64)


def _state_tensor(value):
    if isinstance(value, (list, tuple)):
        value = _as_int64(list(value))
    t = convert_to_tensor(value)
    return np.asarray(t._value).astype(np.int64)


class Generator:
    """tf.random.Generator: draws from an explicit, checkpointable state (Philox on CPU)."""

    @classmethod
    def from_state(cls, state, alg):
        return cls(alg=alg, state=state)

    @classmethod
    def from_seed(cls, seed, alg=None):
        alg = _alg_to_int(1 if alg is None else alg)
        return cls(state=_to_state(seed, _state_size(alg)), alg=alg)

    @classmethod
    def from_non_deterministic_state(cls, alg=None):
        alg = _alg_to_int(1 if alg is None else alg)
        raw = np.frombuffer(os.urandom(8 * _state_size(alg)), np.int64).copy()
        return cls(state=raw, alg=alg)

    @classmethod
    def from_key_counter(cls, key, counter, alg):
        alg = _alg_to_int(alg)
        state = np.concatenate([_state_tensor(counter).reshape(-1), _state_tensor(key).reshape(1)])
        return cls(state=state, alg=alg)

    def __init__(self, copy_from=None, state=None, alg=None):
        if copy_from is not None:
            if alg is not None or state is not None:
                raise AssertionError
            self._state_var = Variable(copy_from.state.numpy(), name="StateVar", dtype=dtypes.int64,
                                       trainable=False)
            self._alg = copy_from.algorithm
            return
        if alg is None or state is None:
            raise AssertionError
        self._alg = _alg_to_int(alg)
        if isinstance(state, Variable):
            TensorShape(state.shape).assert_is_compatible_with([_state_size(self._alg)])
            self._state_var = state
        else:
            state = _state_tensor(state)
            TensorShape(state.shape).assert_is_compatible_with([_state_size(self._alg)])
            self._state_var = Variable(state, name="StateVar", dtype=dtypes.int64, trainable=False)

    # -- state -----------------------------------------------------------------------------
    @property
    def state(self):
        return self._state_var

    @property
    def algorithm(self):
        return self._alg

    @property
    def key(self):
        return self._state_var.value()[-1]

    def reset(self, state):
        self._state_var.assign(_state_tensor(state))

    def reset_from_seed(self, seed):
        self._state_var.assign(_to_state(seed, _state_size(self._alg)))

    def reset_from_key_counter(self, key, counter):
        self._state_var.assign(np.concatenate([_state_tensor(counter).reshape(-1), _state_tensor(key).reshape(1)]))

    def skip(self, delta):
        """Advance the state as ``delta`` draws would; returns the state before (RngReadAndSkip)."""
        if self._alg == 2:
            raise UnimplementedError(None, None, (
                "{{function_node __wrapped__RngReadAndSkip_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
                "Non-XLA devices don't support the ThreeFry algorithm. [Op:RngReadAndSkip] name: "))
        old = np.asarray(self._state_var.numpy(), np.int64)
        u = old.view(np.uint64)
        counter = (int(u[0]) | (int(u[1]) << 64)) + int(delta) * philox.RESERVED_PER_OUTPUT
        counter &= philox.MASK128
        new = np.array([counter & philox.MASK64, counter >> 64, int(u[2])], np.uint64).view(np.int64)
        self._state_var.assign(new)
        return wrap_as(old, dtypes.int64)

    def _key_counter(self, shape):
        old = self.skip(_size(int(d) for d in np.asarray(shape._value).reshape(-1))).numpy().view(np.uint64)
        key = wrap_as(old[2:3].copy(), dtypes.uint64)
        counter = wrap_as(old[0:2].copy(), dtypes.uint64)
        return key, counter

    def _draw(self, prim, op_type, shape, dtype, empty=dtypes.int64):
        shape = _shape_tensor(shape, op_type, empty)
        key, counter = self._key_counter(shape)
        return prim(shape, key, counter, dtype=dtype)

    # -- distributions ---------------------------------------------------------------------------
    def normal(self, shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, name=None):
        dtype = dtypes.as_dtype(dtype)
        return scale_shift(lambda: self._draw(_stateless_normal, "StatelessRandomNormalV2", shape, dtype),
                           mean, stddev, dtype)

    def truncated_normal(self, shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, name=None):
        dtype = dtypes.as_dtype(dtype)
        return scale_shift(lambda: self._draw(_stateless_truncated, "StatelessTruncatedNormalV2", shape, dtype),
                           mean, stddev, dtype)

    def uniform(self, shape, minval=0, maxval=None, dtype=dtypes.float32, name=None):
        dtype = dtypes.as_dtype(dtype)
        if dtype.is_integer:
            if (minval is None) != (maxval is None):
                raise ValueError(f"For integer dtype {dtype}, minval and maxval must be both `None` or both "
                                 f"non-`None`; got minval={minval} and maxval={maxval}")
        elif maxval is None:
            maxval = 1
        if dtype.is_integer and minval is None:
            return self._draw(_stateless_full_int, "StatelessRandomUniformFullIntV2", shape, dtype)
        minval = convert_to_tensor(minval, dtype)
        maxval = convert_to_tensor(maxval, dtype)
        if dtype.is_integer:
            shape = _shape_tensor(shape, "StatelessRandomUniformIntV2", dtypes.int64)
            key, counter = self._key_counter(shape)
            return _stateless_uniform_int(shape, key, counter, minval, maxval)
        rnd = self._draw(_stateless_uniform, "StatelessRandomUniformV2", shape, dtype)
        return rnd * (maxval - minval) + minval

    def uniform_full_int(self, shape, dtype=dtypes.uint64, name=None):
        return self._draw(_stateless_full_int, "StatelessRandomUniformFullIntV2", shape, dtypes.as_dtype(dtype))

    def make_seeds(self, count=1):
        keys = self.uniform_full_int([count], dtypes.int64).numpy()
        return wrap_as(np.stack([keys, np.zeros_like(keys)]), dtypes.int64)

    def split(self, count=1):
        keys = self.uniform_full_int([count], dtypes.int64).numpy()
        return [Generator(state=[0] * (_state_size(self._alg) - 1) + [int(k)], alg=self._alg) for k in keys]


_GLOBAL = [None]


def get_global_generator():
    """tf.random.get_global_generator: created from OS entropy on first use (not by set_seed)."""
    if _GLOBAL[0] is None:
        _GLOBAL[0] = Generator.from_non_deterministic_state()
    return _GLOBAL[0]


def set_global_generator(generator):
    _GLOBAL[0] = generator
