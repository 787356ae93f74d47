"""tf.random: seeded and stateless random ops that draw TensorFlow's own numbers.

Seeds follow TF's rules (random_seed.get_seed): with a global seed, an op without its own
seed takes the next number of a Python ``random.Random(global_seed)``; an op seed without a
global seed pairs with 87654321. Like TF's eager kernel cache, all calls of one op type with
the same seeds and dtypes share one Philox stream that advances 256 blocks per output
element, and ``set_seed`` starts every stream afresh. The values come from
:mod:`leantf.ops.philox`, which reproduces TF's CPU kernels.

Each op is a non-differentiable primitive whose ``state`` attribute is its stream, so a
graph node built from symbolic inputs owns its stream as a TF graph kernel does.
"""
import enum
import os
import random as _pyrandom

import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError, NotFoundError
from ..framework.primitive import ShapeError, primitive, tf_type_name
from ..framework.tensor import convert_to_tensor, wrap_as
from ..framework.tensor_shape import TensorShape
from . import philox
from .core import as_tensor

# tf.random's names. `split` and `experimental` are left out of __all__ because the package
# star-imports this module into the top level too, where `tf.split` means array splitting;
# leantf/random.py should take RANDOM_NAMES.
__all__ = ["set_seed", "uniform", "normal", "truncated_normal", "shuffle", "categorical",
           "stateless_uniform", "stateless_normal", "stateless_truncated_normal", "stateless_categorical",
           "fold_in", "create_rng_state", "Algorithm", "Generator", "get_global_generator",
           "set_global_generator"]
RANDOM_NAMES = __all__ + ["split", "experimental"]

DEFAULT_GRAPH_SEED = 87654321
_MAXINT32 = 2 ** 31 - 1


# -- seeds ----------------------------------------------------------------------------------
class _Seeds:
    global_seed = None
    rng = _pyrandom.Random()
    kernels = {}          # (op type, attrs...) -> _KernelState: TF's eager kernel cache


def set_seed(seed):
    """tf.random.set_seed: fix the global seed and restart every op's stream."""
    _Seeds.global_seed = seed
    try:
        hash(seed)
        _Seeds.rng = _pyrandom.Random(seed)
    except TypeError:
        _Seeds.rng = _pyrandom.Random(int(np.array(seed)))
    _Seeds.kernels.clear()


def get_seed(op_seed):
    """The (seed, seed2) pair an op uses, TF's random_seed.get_seed (for tf.data and compat.v1)."""
    global_seed = _Seeds.global_seed
    if global_seed is not None:
        if op_seed is None:
            op_seed = _Seeds.rng.randint(0, _MAXINT32)
        seeds = int(global_seed) % _MAXINT32, int(op_seed) % _MAXINT32
    elif op_seed is not None:
        seeds = DEFAULT_GRAPH_SEED, int(op_seed) % _MAXINT32
    else:
        seeds = None, None
    if seeds == (0, 0):  # (0, 0) means "unseeded" to the kernels
        return 0, _MAXINT32
    return seeds


class _KernelState:
    """The Philox position of one stateful kernel (TF's GuardedPhiloxRandom)."""
    __slots__ = ("key", "counter")

    def __init__(self, seed, seed2):
        if not seed and not seed2:
            seed, seed2 = (int.from_bytes(os.urandom(8), "little") for _ in range(2))
        self.key = seed & philox.MASK64
        self.counter = (seed2 & philox.MASK64) << 64

    def reserve(self, n_blocks):
        counter = self.counter
        self.counter = (counter + n_blocks) & philox.MASK128
        return self.key, counter

    # A replayed step is checked against an eager run of the same call (framework/replay.py):
    # both must draw the same numbers, so the check rewinds the stream in between.
    def snapshot(self):
        return self.counter

    def restore(self, counter):
        self.counter = counter


def _kernel_state(inputs, cache_key, seed, seed2):
    """The stream for an op call: the shared eager one, or a fresh one for a new graph node."""
    if any(getattr(x, "_is_symbolic", False) for x in inputs):
        return _KernelState(seed or 0, seed2 or 0)
    state = _Seeds.kernels.get(cache_key)
    if state is None:
        state = _Seeds.kernels[cache_key] = _KernelState(seed or 0, seed2 or 0)
    return state


# -- shapes ---------------------------------------------------------------------------------
_SHAPE_T_SIGNATURE = {
    "RandomUniform": ("T", "shape:T -> output:dtype; attr=seed:int,default=0; attr=seed2:int,default=0; "
                      "attr=dtype:type,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE]; "
                      "attr=T:type,allowed=[DT_INT32, DT_INT64]; is_stateful=true"),
    "RandomUniformInt": ("T", "shape:T, minval:Tout, maxval:Tout -> output:Tout; attr=seed:int,default=0; "
                         "attr=seed2:int,default=0; attr=Tout:type,allowed=[DT_INT32, DT_INT64]; "
                         "attr=T:type,allowed=[DT_INT32, DT_INT64]; is_stateful=true"),
    "StatelessRandomUniformV2": ("Tshape", "shape:Tshape, key:uint64, counter:uint64, alg:int32 -> output:dtype; "
                                 "attr=dtype:type,default=DT_FLOAT,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, "
                                 "DT_DOUBLE]; attr=Tshape:type,default=DT_INT32,allowed=[DT_INT32, DT_INT64]"),
}
_SHAPE_T_SIGNATURE["RandomStandardNormal"] = _SHAPE_T_SIGNATURE["RandomUniform"]
_SHAPE_T_SIGNATURE["TruncatedNormal"] = _SHAPE_T_SIGNATURE["RandomUniform"]
_SHAPE_T_SIGNATURE["StatelessRandomNormalV2"] = _SHAPE_T_SIGNATURE["StatelessRandomUniformV2"]
_SHAPE_T_SIGNATURE["StatelessTruncatedNormalV2"] = _SHAPE_T_SIGNATURE["StatelessRandomUniformV2"]


def _shape_tensor(shape, op_type, empty_dtype=dtypes.int32):
    """TF's shape_util.shape_tensor plus the op's check that the shape holds integers."""
    if isinstance(shape, TensorShape):
        shape = shape.as_list()
    if isinstance(shape, (list, tuple)) and not shape:
        t = wrap_as(np.zeros(0, empty_dtype.np_dtype), empty_dtype)
    elif isinstance(shape, (list, tuple)):
        t = convert_to_tensor([getattr(d, "value", d) for d in shape])
    else:
        t = as_tensor(shape)
    if t.dtype not in (dtypes.int32, dtypes.int64):
        attr, sig = _SHAPE_T_SIGNATURE.get(op_type, ("T", "shape:T"))
        raise InvalidArgumentError(None, None, (
            f"Value for attr '{attr}' of {tf_type_name(t.dtype)} is not in the list of allowed values: int32, int64\n"
            f"\t; NodeDef: {{{{node {op_type}}}}}; Op<name={op_type}; signature={sig}> [Op:{op_type}] name: "))
    return t


def _dims(shape):
    """Kernel side: the output dims from a shape vector, with TF's checks."""
    if shape.ndim != 1:
        raise ShapeError(f"shape must be a vector of {{int32,int64}}, got shape [{','.join(map(str, shape.shape))}]")
    dims = tuple(int(d) for d in shape)
    for d in dims:
        if d < 0:
            raise ShapeError(f"Dimension {d} must be >= 0")
    return dims


def _shape_spec(shape, dtype, **_):
    if getattr(shape, "_is_symbolic", False):
        n = shape.shape[0] if shape.shape.rank == 1 else None
        return (TensorShape(None) if n is None else TensorShape([None] * n)), dtype
    return TensorShape(list(_dims(np.asarray(shape._value)))), dtype


def _size(dims):
    n = 1
    for d in dims:
        n *= d
    return n


# -- stateful primitives ------------------------------------------------------------------------
def _stateful_float_kernel(draw):
    """A stateful float op's kernel: reserve the op's Philox counters, then let `draw` fill them."""
    def kernel(shape, dtype, seed, seed2, state):
        dims = _dims(shape)
        n = _size(dims)
        key, counter = state.reserve(n * philox.RESERVED_PER_OUTPUT)
        return draw(key, counter, n, dtype.np_dtype).reshape(dims)
    kernel.__name__ = draw.__name__
    return kernel


_random_uniform = primitive("RandomUniform", differentiable=False)(_stateful_float_kernel(philox.uniform))
_random_normal = primitive("RandomStandardNormal", differentiable=False)(_stateful_float_kernel(philox.normal))
_truncated_normal = primitive("TruncatedNormal", differentiable=False)(
    _stateful_float_kernel(philox.truncated_normal))


def _int_bounds(minval, maxval):
    if np.ndim(minval):
        raise ShapeError(f"minval must be 0-D, got shape [{','.join(map(str, np.shape(minval)))}]")
    if np.ndim(maxval):
        raise ShapeError(f"maxval must be 0-D, got shape [{','.join(map(str, np.shape(maxval)))}]")
    lo, hi = int(minval), int(maxval)
    return lo, hi


@primitive("RandomUniformInt", differentiable=False)
def _random_uniform_int(shape, minval, maxval, seed, seed2, state):
    dims = _dims(shape)
    lo, hi = _int_bounds(minval, maxval)
    n = _size(dims)
    if n and lo >= hi:
        raise ShapeError(f"Need minval < maxval, got {lo} >= {hi}")
    key, counter = state.reserve(n * philox.RESERVED_PER_OUTPUT)
    return philox.uniform_int(key, counter, n, lo, hi, np.asarray(minval).dtype).reshape(dims)


for _p in (_random_uniform, _random_normal, _truncated_normal):
    _p.spec(_shape_spec)


@_random_uniform_int.spec
def _(shape, minval, maxval, **_):
    return _shape_spec(shape, minval.dtype)


def _stateful(prim, op_type, shape, dtype, seed):
    shape = _shape_tensor(shape, op_type)
    seed1, seed2 = get_seed(seed)
    state = _kernel_state((shape,), (op_type, dtype, shape.dtype, seed1, seed2), seed1, seed2)
    return prim(shape, dtype=dtype, seed=seed1 or 0, seed2=seed2 or 0, state=state)


_UNIFORM_DTYPES = (dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64, dtypes.int32, dtypes.int64)


def _dtype_list(dts):
    return "(" + ", ".join(repr(d) for d in dts) + ")"


def uniform(shape, minval=0, maxval=None, dtype=dtypes.float32, seed=None, name=None):
    """tf.random.uniform: floats in [minval, maxval) (default [0, 1)), or integers (maxval required)."""
    dtype = dtypes.as_dtype(dtype)
    if dtype not in _UNIFORM_DTYPES:
        raise ValueError(f"Argument `dtype` got invalid value {dtype}. Accepted dtypes are "
                         f"{_dtype_list(_UNIFORM_DTYPES)}.")
    if maxval is None:
        if dtype.is_integer:
            raise ValueError(f"Must specify maxval for integer dtype {dtype!r}")
        maxval = 1
    # Like TF, skip the affine map for the default [0, 1) (checked on Python ints only).
    minval_is_zero = isinstance(minval, int) and minval == 0
    maxval_is_one = isinstance(maxval, int) and maxval == 1
    if not minval_is_zero or not maxval_is_one or dtype.is_integer:
        minval = convert_to_tensor(minval, dtype)
        maxval = convert_to_tensor(maxval, dtype)
    if dtype.is_integer:
        shape = _shape_tensor(shape, "RandomUniformInt")
        seed1, seed2 = get_seed(seed)
        state = _kernel_state((shape, minval, maxval), ("RandomUniformInt", dtype, shape.dtype, seed1, seed2),
                              seed1, seed2)
        return _random_uniform_int(shape, minval, maxval, seed=seed1 or 0, seed2=seed2 or 0, state=state)
    result = _stateful(_random_uniform, "RandomUniform", shape, dtype, seed)
    if minval_is_zero:
        return result if maxval_is_one else result * maxval
    return result * (maxval - minval) + minval


def scale_shift(draw, mean, stddev, dtype):
    """``draw() * stddev + mean`` as TF computes it, skipping the two ops for the default 0 and 1
    (x * 1 + 0 == x for every value a standard draw can give; TF's -0.0 edge never arises)."""
    if dtype.is_floating and type(mean) is float and type(stddev) is float and mean == 0.0 and stddev == 1.0:
        return draw()
    mean = convert_to_tensor(mean, dtype)
    stddev = convert_to_tensor(stddev, dtype)
    return draw() * stddev + mean


def normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    """tf.random.normal: ``mean + stddev * N(0, 1)``."""
    dtype = dtypes.as_dtype(dtype)
    return scale_shift(lambda: _stateful(_random_normal, "RandomStandardNormal", shape, dtype, seed),
                       mean, stddev, dtype)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    """tf.random.truncated_normal: normal values redrawn until within two stddevs of the mean."""
    dtype = dtypes.as_dtype(dtype)
    return scale_shift(lambda: _stateful(_truncated_normal, "TruncatedNormal", shape, dtype, seed),
                       mean, stddev, dtype)


# -- shuffle and categorical ------------------------------------------------------------------------
def _fisher_yates(n, draws):
    """TF's RandomShuffle permutation: for i < n-1 swap i with i + draws[i] % (n - i)."""
    targets = (np.arange(n - 1) + draws[:n - 1] % np.arange(n, 1, -1, dtype=np.uint32)).tolist()
    perm = list(range(n))
    for i, j in enumerate(targets):  # inherently sequential; only the swaps run in Python
        perm[i], perm[j] = perm[j], perm[i]
    return np.array(perm, np.int64)


@primitive("RandomShuffle", differentiable=False)
def _random_shuffle(value, seed, seed2, state):
    value = np.asarray(value)
    if value.size <= 1 or value.shape[0] <= 1:
        return value
    n = value.shape[0]
    key, counter = state.reserve((n - 1 + 3) // 4)   # n - 1 words of the stream
    return value[_fisher_yates(n, philox.words(key, counter, n - 1))]


@_random_shuffle.spec
def _(value, **_):
    return value.shape, value.dtype


def shuffle(value, seed=None, name=None):
    """tf.random.shuffle: permute ``value`` along its first dimension."""
    value = as_tensor(value)
    seed1, seed2 = get_seed(seed)
    state = _kernel_state((value,), ("RandomShuffle", value.dtype, seed1, seed2), seed1, seed2)
    return _random_shuffle(value, seed=seed1 or 0, seed2=seed2 or 0, state=state)


def _categorical_checks(logits, num_samples):
    if logits.ndim != 2:
        raise ShapeError(f"logits should be a matrix, got shape [{','.join(map(str, logits.shape))}]")
    if num_samples < 0:
        raise ShapeError(f"num_samples should be non-negative, got {num_samples}")
    if logits.shape[1] <= 0:
        raise ShapeError(f"num_classes should be positive, got {logits.shape[1]}")


# TF's CPU thread pool size (tf.config.threading may change it): Multinomial's numbers depend
# on how its rows are split into shards, and the split depends on the pool size.
INTRA_OP_THREADS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _shard_starts(total, cost_per_unit, threads):
    """First rows of the shards TF's Shard / Eigen's parallelFor cut ``total`` rows into."""
    def divup(a, b):
        return -(-a // b)
    # Eigen's cost model: one thread below ~1.1e5 cycles of work, more threads above.
    if total <= 1 or threads <= 1 or min(threads, max(1, int((total * cost_per_unit - 1e5) / 1e5 + 0.9))) == 1:
        return [0]
    size = min(total, max(divup(total, 4 * threads), int(40000 / cost_per_unit)))
    max_size = min(total, 2 * size)
    count = divup(total, size)
    best = count / (divup(count, threads) * threads)
    prev = count
    while best < 1.0 and prev > 1:     # coarser blocks while parallel efficiency does not drop
        coarser = divup(total, prev - 1)
        if coarser > max_size:
            break
        prev = divup(total, coarser)
        eff = prev / (divup(prev, threads) * threads)
        if eff + 0.01 >= best:
            size, best = coarser, max(best, eff)
    return list(range(0, total, size))


def _multinomial(logits, num_samples, key, counter, out_dtype):
    """TF's CPU Multinomial: inverse CDF of exp(logits - max) per row.

    Non-finite logits get no mass. Each shard of rows starts its stream (start_row *
    (num_samples + 3) // 4) blocks in and then draws consecutive doubles row after row.
    """
    batch, classes = logits.shape
    finite = np.isfinite(logits)
    lowest = dtypes.as_dtype(logits.dtype).min   # TF starts the max at the dtype's lowest value
    row_max = np.where(finite, logits, lowest).max(axis=1).astype(np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        mass = np.exp(logits.astype(np.float64) - row_max[:, None])
    cdf = np.cumsum(np.where(finite, mass, 0.0), axis=1)
    cost = int(50 * (num_samples * np.log(classes) / np.log(2) + classes))
    starts = _shard_starts(batch, cost, INTRA_OP_THREADS) + [batch]
    u = np.empty((batch, num_samples))
    for a, b in zip(starts[:-1], starts[1:]):
        skip = a * (num_samples + 3) // 4
        u[a:b] = philox.unit_doubles(key, counter + skip, (b - a) * num_samples).reshape(b - a, num_samples)
    u *= cdf[:, -1:]
    out = np.empty((batch, num_samples), out_dtype.np_dtype)
    for r in range(batch):  # one searchsorted per row (rows have different CDFs)
        out[r] = np.searchsorted(cdf[r], u[r], side="right")
    return out


@primitive("Multinomial", differentiable=False)
def _multinomial_prim(logits, num_samples, seed, seed2, output_dtype, state):
    logits, num_samples = np.asarray(logits), int(num_samples)
    _categorical_checks(logits, num_samples)
    per_row = (num_samples + 3) // 4 * 4 * 2   # CPU draws a double (two words) per sample
    key, counter = state.reserve(logits.shape[0] * per_row * philox.RESERVED_PER_OUTPUT)
    return _multinomial(logits, num_samples, key, counter, output_dtype)


@_multinomial_prim.spec
def _(logits, num_samples, output_dtype, **_):
    n = None if getattr(num_samples, "_is_symbolic", False) else int(num_samples._value)
    return TensorShape([logits.shape[0] if logits.shape.rank else None, n]), output_dtype


_MULTINOMIAL_T = (dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64)
_MULTINOMIAL_KERNELS = "All kernels registered for op Multinomial:\n  device='XLA_CPU_JIT'; output_dtype in [" \
    "DT_INT32, DT_INT64]; T in [DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, DT_INT64, " \
    "DT_BFLOAT16, DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64]\n" + "".join(
        f"  device='CPU'; T in [DT_{t}]; output_dtype in [DT_{o}]\n"
        for t in ("DOUBLE", "FLOAT", "BFLOAT16", "HALF") for o in ("INT64", "INT32"))


def _categorical_inputs(logits, num_samples, dtype):
    logits = as_tensor(logits)
    dtype = dtypes.as_dtype(dtype) if dtype else dtypes.int64
    if dtype not in (dtypes.int32, dtypes.int64):
        raise ValueError(f"Argument `dtype` got invalid value {dtype}. Accepted dtypes are "
                         f"{_dtype_list((dtypes.int32, dtypes.int64))}.")
    num_samples = convert_to_tensor(num_samples, dtypes.int32)
    if logits.dtype not in _MULTINOMIAL_T:
        raise NotFoundError(None, None, f"Could not find device for node: {{{{node Multinomial}}}} = Multinomial["
                                        f"T=DT_{tf_type_name(logits.dtype).upper()}, output_dtype=DT_"
                                        f"{dtype.name.upper()}, seed=0, seed2=0]\n{_MULTINOMIAL_KERNELS} "
                                        "[Op:Multinomial] name: ")
    return logits, num_samples, dtype


def categorical(logits, num_samples, dtype=None, seed=None, name=None):
    """tf.random.categorical: ``num_samples`` class indices per row of unnormalised log-probabilities."""
    logits, num_samples, dtype = _categorical_inputs(logits, num_samples, dtype)
    seed1, seed2 = get_seed(seed)
    state = _kernel_state((logits, num_samples), ("Multinomial", logits.dtype, dtype, seed1, seed2), seed1, seed2)
    return _multinomial_prim(logits, num_samples, seed=seed1 or 0, seed2=seed2 or 0, output_dtype=dtype,
                             state=state)


# -- stateless ops ----------------------------------------------------------------------------
class Algorithm(enum.Enum):
    PHILOX = 1
    THREEFRY = 2
    AUTO_SELECT = 3


def _alg_to_int(alg):
    if isinstance(alg, bool) or not isinstance(alg, (int, Algorithm, str)):
        raise TypeError(f"Can't convert argument `alg` (of value {alg} and type {type(alg)}) to int.")
    if isinstance(alg, int):
        return alg
    if isinstance(alg, Algorithm):
        return alg.value
    canon = alg.strip().lower().replace("-", "").replace("_", "")
    for name, value in (("philox", 1), ("threefry", 2), ("autoselect", 3)):
        if canon == name:
            return value
    raise ValueError(f"Argument `alg` got unsupported value {alg}. Supported values are philox for the "
                     "Philox algorithm, threefry for the ThreeFry algorithm, and auto_select for auto-selection.")


@primitive("StatelessRandomGetKeyCounter", n_outputs=2, differentiable=False, error_name=None)
def _get_key_counter(seed):
    key, counter = philox.key_counter_from_seed(*_seed_pair(seed))
    return (np.array([key], np.uint64), np.array([counter & philox.MASK64, counter >> 64], np.uint64))


@_get_key_counter.spec
def _(seed):
    return [((1,), dtypes.uint64), ((2,), dtypes.uint64)]


def _seed_pair(seed):
    seed = np.asarray(seed)
    if seed.shape != (2,):
        raise ShapeError(f"seed must have shape [2], not [{','.join(map(str, seed.shape))}]")
    return int(seed[0]), int(seed[1])   # int32 seeds sign-extend, as the C++ cast does


def _key_counter(seed, alg):
    """(key, counter) tensors for a stateless op from a seed of shape [2]."""
    alg = 3 if alg is None else _alg_to_int(alg)
    seed = as_tensor(seed)
    if seed.dtype not in (dtypes.int32, dtypes.int64):
        raise InvalidArgumentError(None, None, (
            f"Value for attr 'Tseed' of {tf_type_name(seed.dtype)} is not in the list of allowed values: int32, "
            "int64\n\t; NodeDef: {{node StatelessRandomGetKeyCounter}}; Op<name=StatelessRandomGetKeyCounter; "
            "signature=seed:Tseed -> key:uint64, counter:uint64; attr=Tseed:type,default=DT_INT64,allowed=["
            "DT_INT32, DT_INT64]> [Op:StatelessRandomGetKeyCounter]"))
    if alg == 2:
        return None, None, alg
    if alg not in (1, 3):
        raise ValueError(f"Argument `alg` got unsupported value {alg}. Supported values are philox for the "
                         "Philox algorithm, threefry for the ThreeFry algorithm, and auto_select for auto-selection.")
    if not seed._is_symbolic and seed.shape.rank == 0:
        # TF reports a scalar seed from a different code path, with the op name appended.
        raise InvalidArgumentError(None, None, (
            "{{function_node __wrapped__StatelessRandomGetKeyCounter_device_/job:localhost/replica:0/task:0/"
            "device:CPU:0}} seed must have shape [2], not [] [Op:StatelessRandomGetKeyCounter] name: "))
    key, counter = _get_key_counter(seed)
    return key, counter, alg


def _kc_ints(key, counter):
    return int(key[0]), int(counter[0]) | (int(counter[1]) << 64)


def _threefry_error(op_type):
    return InvalidArgumentError(None, None, (
        f"{{{{function_node __wrapped__{op_type}_device_/job:localhost/replica:0/task:0/device:CPU:0}}}} counter "
        "must be a vector with length at least 2; got shape: [1]. (Note that batched counters are not supported "
        f"yet.) [Op:{op_type}] name: "))


def _stateless_prim(op_type, fill):
    @primitive(op_type, differentiable=False)
    def prim(shape, key, counter, dtype):
        dims = _dims(shape)
        return fill(*_kc_ints(key, counter), _size(dims), dtype.np_dtype).reshape(dims)
    prim.spec(lambda shape, key, counter, dtype: _shape_spec(shape, dtype))
    return prim


_stateless_uniform = _stateless_prim("StatelessRandomUniformV2", philox.uniform)
_stateless_normal = _stateless_prim("StatelessRandomNormalV2", philox.normal)
_stateless_truncated = _stateless_prim("StatelessTruncatedNormalV2", philox.truncated_normal)
_stateless_full_int = _stateless_prim("StatelessRandomUniformFullIntV2", philox.full_int)


@primitive("StatelessRandomUniformIntV2", differentiable=False)
def _stateless_uniform_int(shape, key, counter, minval, maxval):
    dims = _dims(shape)
    lo, hi = _int_bounds(minval, maxval)
    n = _size(dims)
    if n and lo >= hi:
        raise ShapeError(f"Need minval < maxval, got {lo} >= {hi}")
    return philox.uniform_int(*_kc_ints(key, counter), n, lo, hi, np.asarray(minval).dtype).reshape(dims)


@_stateless_uniform_int.spec
def _(shape, key, counter, minval, maxval):
    return _shape_spec(shape, minval.dtype)


def _stateless(prim, op_type, shape, seed, alg, dtype):
    shape = _shape_tensor(shape, op_type)
    key, counter, alg = _key_counter(seed, alg)
    if key is None:
        raise _threefry_error(op_type)
    return prim(shape, key, counter, dtype=dtype)


_STATELESS_UNIFORM_DTYPES = _UNIFORM_DTYPES + (dtypes.uint32, dtypes.uint64)


def stateless_uniform(shape, seed, minval=0, maxval=None, dtype=dtypes.float32, name=None, alg="auto_select"):
    """tf.random.stateless_uniform: the same numbers for the same ``seed`` (shape [2]) every time."""
    dtype = dtypes.as_dtype(dtype)
    if dtype not in _STATELESS_UNIFORM_DTYPES:
        raise ValueError(f"Argument `dtype` got invalid value {dtype}. Accepted dtypes are "
                         f"{_dtype_list(_STATELESS_UNIFORM_DTYPES)}.")
    if dtype.is_integer:
        if (minval is None) != (maxval is None):
            raise ValueError(f"For integer `dtype` argument {dtype}, argument `minval` and `maxval` must be both "
                             f"None or not None. Got `minval`={minval} and `maxval`={maxval}.")
        if minval is not None and dtype in (dtypes.uint32, dtypes.uint64):
            raise ValueError(f"Argument `dtype` got invalid value {dtype} when argument `minval` is not None. "
                             "Please don't use unsigned integers in this case.")
    elif maxval is None:
        maxval = 1
    if dtype.is_integer and minval is None:
        return _stateless(_stateless_full_int, "StatelessRandomUniformFullIntV2", shape, seed, alg, dtype)
    if not dtype.is_integer and type(minval) is int and type(maxval) is int and minval == 0 and maxval == 1:
        # TF computes rnd * (1 - 0) + 0 here, which is rnd itself.
        return _stateless(_stateless_uniform, "StatelessRandomUniformV2", shape, seed, alg, dtype)
    minval = convert_to_tensor(minval, dtype)
    maxval = convert_to_tensor(maxval, dtype)
    if dtype.is_integer:
        shape = _shape_tensor(shape, "StatelessRandomUniformIntV2")
        key, counter, alg = _key_counter(seed, alg)
        if key is None:
            raise _threefry_error("StatelessRandomUniformIntV2")
        return _stateless_uniform_int(shape, key, counter, minval, maxval)
    rnd = _stateless(_stateless_uniform, "StatelessRandomUniformV2", shape, seed, alg, dtype)
    return rnd * (maxval - minval) + minval


def stateless_normal(shape, seed, mean=0.0, stddev=1.0, dtype=dtypes.float32, name=None, alg="auto_select"):
    """tf.random.stateless_normal."""
    dtype = dtypes.as_dtype(dtype)
    return scale_shift(lambda: _stateless(_stateless_normal, "StatelessRandomNormalV2", shape, seed, alg, dtype),
                       mean, stddev, dtype)


def stateless_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype=dtypes.float32, name=None,
                               alg="auto_select"):
    """tf.random.stateless_truncated_normal."""
    dtype = dtypes.as_dtype(dtype)
    return scale_shift(lambda: _stateless(_stateless_truncated, "StatelessTruncatedNormalV2", shape, seed, alg,
                                          dtype), mean, stddev, dtype)


@primitive("StatelessMultinomial", differentiable=False)
def _stateless_multinomial(logits, num_samples, seed, output_dtype):
    logits, num_samples = np.asarray(logits), int(num_samples)
    _categorical_checks(logits, num_samples)
    key, counter = philox.key_counter_from_seed(*_seed_pair(seed))
    return _multinomial(logits, num_samples, key, counter, output_dtype)


_stateless_multinomial.spec(lambda logits, num_samples, seed, output_dtype:
                            _multinomial_prim.spec_rule(logits, num_samples, output_dtype))


def stateless_categorical(logits, num_samples, seed, dtype=dtypes.int64, name=None):
    """tf.random.stateless_categorical."""
    logits, num_samples, dtype = _categorical_inputs(logits, num_samples, dtype)
    return _stateless_multinomial(logits, num_samples, as_tensor(seed), output_dtype=dtype)


def split(seed, num=2, alg="auto_select"):
    """tf.random.split: ``num`` new seeds (shape [num, 2]) from one."""
    seed = as_tensor(seed)
    return stateless_uniform([num, 2], seed=seed, dtype=seed.dtype, minval=None, maxval=None, alg=alg)


def fold_in(seed, data, alg="auto_select"):
    """tf.random.fold_in: a new seed mixing ``data`` into ``seed``."""
    from .basic_ops import stack
    data = as_tensor(data)
    seed1 = stateless_uniform([], seed=seed, dtype=data.dtype, minval=None, maxval=None, alg=alg)
    return stack([seed1, data])


from .generator import Generator, create_rng_state, get_global_generator, set_global_generator  # noqa: E402


class _Experimental:
    """tf.random.experimental: the older names of the generator API."""
    Algorithm = Algorithm
    Generator = Generator
    create_rng_state = staticmethod(create_rng_state)
    get_global_generator = staticmethod(get_global_generator)
    set_global_generator = staticmethod(set_global_generator)
    stateless_split = staticmethod(split)
    stateless_fold_in = staticmethod(fold_in)


experimental = _Experimental()
