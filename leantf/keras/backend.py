"""tf.keras.backend (``K``): the Keras 2 backend functions TF 2.21 still ships with Keras 3.

Thin wrappers over tf ops with Keras 2 semantics (``K.dot`` contracts the last axis of
``x`` with the second-to-last of ``y`` for any ranks; ``K.mean`` of booleans is a float;
``K.variable`` makes a ``tf.Variable``), plus the session and config functions.
Not provided: the convolution/pooling/resize, RNN, CTC, ``gradients`` and ``result_type``
helpers.
"""
import builtins
import gc
import itertools
import math

import numpy as np

import leantf as tf

from ..framework import dtypes as _dtypes
from . import naming as _naming
from .config import (backend, epsilon, floatx, image_data_format, set_epsilon, set_floatx,  # noqa: F401
                     set_image_data_format)
from .utils import global_state as _global_state

# -- session -------------------------------------------------------------------------------


def clear_session(free_memory=True):
    """Reset Keras's session state: automatic layer names start over (``dense``, not
    ``dense_3``), custom-object scopes, the safe-mode flag and the global seed generator go."""
    _global_state.clear()
    _naming.reset()
    if free_memory:
        gc.collect()


def get_uid(prefix=""):
    """A per-session counter per prefix (shared with automatic layer naming), from 1."""
    _naming._counts[prefix] += 1
    return _naming._counts[prefix]


def is_keras_tensor(x):
    from .keras_tensor import is_keras_tensor as _is
    return _is(x)


def standardize_dtype(dtype):
    """A dtype's Keras name (``'float32'``); None means ``floatx()``."""
    if dtype is None:
        return floatx()
    py = {int: "int64", float: "float32", bool: "bool", str: "string"}
    if dtype in py:
        return py[dtype]
    try:
        return _dtypes.as_dtype(dtype).name
    except TypeError:
        raise ValueError(f"Invalid dtype: {dtype}") from None


def is_float_dtype(dtype):
    dtype = standardize_dtype(dtype)
    return dtype.startswith("float") or dtype.startswith("bfloat")


def is_int_dtype(dtype):
    dtype = standardize_dtype(dtype)
    return dtype.startswith("int") or dtype.startswith("uint")


# -- values and variables ------------------------------------------------------------------


def constant(value, dtype=None, shape=None, name=None):
    return tf.constant(value, dtype=dtype or floatx(), shape=shape, name=name)


def variable(value, dtype=None, name=None, constraint=None):
    return tf.Variable(value, dtype=_dtypes.as_dtype(dtype or floatx()), name=name, constraint=constraint)


def _filled(fill, shape, dtype, name):
    v = fill(shape, dtype=_dtypes.as_dtype(dtype or floatx()))
    if builtins.all(v.shape.as_list()):  # Keras 2 returns a variable unless a dim is 0
        return variable(v, dtype=dtype, name=name)
    return v


def zeros(shape, dtype=None, name=None):
    return _filled(tf.zeros, shape, dtype, name)


def ones(shape, dtype=None, name=None):
    return _filled(tf.ones, shape, dtype, name)


def eye(size, dtype=None, name=None):
    return variable(tf.eye(size, dtype=_dtypes.as_dtype(dtype or floatx())), dtype, name)


def zeros_like(x, dtype=None, name=None):
    return tf.zeros_like(x, dtype=dtype, name=name)


def ones_like(x, dtype=None, name=None):
    return tf.ones_like(x, dtype=dtype, name=name)


def get_value(x):
    """The NumPy value of a tensor or variable (other values are returned as they are)."""
    if not tf.is_tensor(x) and not hasattr(x, "numpy"):
        return x
    return x.numpy()


def eval(x):  # noqa: A001 (Keras's name)
    return get_value(x)


def batch_get_value(tensors):
    return [get_value(x) for x in tensors]


def set_value(x, value):
    x.assign(np.asarray(value, dtype=x.dtype.name))


def batch_set_value(tuples):
    for x, value in tuples:
        set_value(x, value)


def update(x, new_x):
    return x.assign(new_x)


def update_add(x, increment):
    return x.assign_add(increment)


def update_sub(x, decrement):
    return x.assign_sub(decrement)


def moving_average_update(x, value, momentum):
    momentum = tf.cast(momentum, x.dtype)
    value = tf.cast(value, x.dtype)
    return x.assign_sub((x - value) * (1 - momentum))


def cast(x, dtype):
    return tf.cast(x, dtype)


def cast_to_floatx(x):
    if tf.is_tensor(x) or hasattr(x, "assign"):
        return tf.cast(x, dtype=floatx())
    return np.asarray(x, dtype=floatx())


def dtype(x):
    return x.dtype.name


def count_params(x):
    return math.prod(x.shape.as_list())


def is_sparse(tensor):
    return False  # leantf has no sparse tensors


def to_dense(tensor):
    return tensor


# -- shapes ---------------------------------------------------------------------------------


def shape(x):
    return tf.shape(x)


def int_shape(x):
    """The static shape as a tuple with None for unknown dims; None if the rank is unknown."""
    try:
        s = x.shape
        if not isinstance(s, tuple):
            s = tuple(s.as_list())
        return s
    except ValueError:
        return None


def ndim(x):
    return x.shape.rank


def _dims(x):
    """Static dims where known, else scalar tensors from ``tf.shape`` (symbolic batch dims)."""
    static = x.shape.as_list()
    if None not in static:
        return static
    dynamic = tf.shape(x)
    return [d if d is not None else dynamic[i] for i, d in enumerate(static)]


def _shape_arg(dims):
    """A reshape target from static ints and dynamic dims. One unknown dim becomes -1, so the
    result keeps its static shape (``(None, 3, 5)``, not all-unknown); more are stacked."""
    unknown = [i for i, d in enumerate(dims) if not isinstance(d, int)]
    if not unknown:
        return list(dims)
    if len(unknown) == 1 and not builtins.any(isinstance(d, int) and d == -1 for d in dims):
        return [-1 if i == unknown[0] else d for i, d in enumerate(dims)]
    return tf.stack([tf.cast(d, "int32") for d in dims])


def reshape(x, shape):
    return tf.reshape(x, shape)


def expand_dims(x, axis=-1):
    return tf.expand_dims(x, axis)


def squeeze(x, axis):
    return tf.squeeze(x, [axis])


def flatten(x):
    return tf.reshape(x, [-1])


def batch_flatten(x):
    return tf.reshape(x, [-1, int(np.prod(x.shape.as_list()[1:]))] if None not in x.shape.as_list()[1:]
                      else tf.stack([-1, tf.reduce_prod(tf.shape(x)[1:])]))


def permute_dimensions(x, pattern):
    return tf.transpose(x, perm=pattern)


def transpose(x):
    return tf.transpose(x)


def concatenate(tensors, axis=-1):
    if axis < 0:
        rank = ndim(tensors[0])
        axis = axis % rank if rank else 0
    return tf.concat(tensors, axis)


def stack(x, axis=0):
    return tf.stack(x, axis=axis)


def tile(x, n):
    return tf.tile(x, [n] if isinstance(n, int) else n)


def repeat(x, n):
    if ndim(x) != 2:
        raise ValueError(f"Expected input `x` to have rank 2. Received: rank(x)={ndim(x)}")
    return tf.tile(tf.expand_dims(x, 1), [1, n, 1])


def repeat_elements(x, rep, axis):
    splits = tf.split(x, num_or_size_splits=x.shape.as_list()[axis], axis=axis)
    return concatenate([s for s in splits for _ in range(rep)], axis)


def reverse(x, axes):
    return tf.reverse(x, [axes] if isinstance(axes, int) else axes)


def gather(reference, indices):
    return tf.gather(reference, indices)


def one_hot(indices, num_classes):
    return tf.one_hot(indices, depth=num_classes, axis=-1)


def arange(start, stop=None, step=1, dtype="int32"):
    if stop is None and start < 0:
        start = 0
    result = tf.range(start, limit=stop, delta=step, name="arange")
    return result if dtype == "int32" else tf.cast(result, dtype)


def temporal_padding(x, padding=(1, 1)):
    if len(padding) != 2:
        raise ValueError(f"Expected `padding` to be a tuple of 2 integers. Received: padding={padding}")
    return tf.pad(x, [[0, 0], [padding[0], padding[1]], [0, 0]])


def _spatial_padding(x, padding, data_format):
    """Pads the spatial axes of ``x`` by ``padding`` (one ``(before, after)`` pair per axis)."""
    data_format = data_format or image_data_format()
    if data_format not in {"channels_first", "channels_last"}:
        raise ValueError(f"Unknown data_format: {data_format}")
    pads = [list(p) for p in padding]
    pattern = [[0, 0], [0, 0], *pads] if data_format == "channels_first" else [[0, 0], *pads, [0, 0]]
    return tf.pad(x, pattern)


def spatial_2d_padding(x, padding=((1, 1), (1, 1)), data_format=None):
    if len(padding) != 2 or len(padding[0]) != 2 or len(padding[1]) != 2:
        raise ValueError(f"Expected `padding` to be a tuple of 2 tuples of 2 integers. Received: padding={padding}")
    return _spatial_padding(x, padding, data_format)


def spatial_3d_padding(x, padding=((1, 1), (1, 1), (1, 1)), data_format=None):
    if len(padding) != 3 or builtins.any(len(p) != 2 for p in padding):
        raise ValueError(f"Expected `padding` to be a tuple of 3 tuples of 2 integers. Received: padding={padding}")
    return _spatial_padding(x, padding, data_format)


# -- products -------------------------------------------------------------------------------


def dot(x, y):
    """Keras 2's dot: for rank > 2 it contracts x's last axis with y's second-to-last
    (``[b, n, e] . [e, f] -> [b, n, f]``; ``[a, b] . [c, b, d] -> [a, c, d]``)."""
    if ndim(x) is not None and (ndim(x) > 2 or ndim(y) > 2):
        x_shape, y_shape = _dims(x), _dims(y)
        y_perm = list(range(ndim(y)))
        y_perm = [y_perm.pop(-2)] + y_perm
        xt = tf.reshape(x, [-1, x_shape[-1]] if isinstance(x_shape[-1], int) else _shape_arg([-1, x_shape[-1]]))
        yt = tf.reshape(tf.transpose(y, perm=y_perm), _shape_arg([y_shape[-2], -1]))
        return tf.reshape(tf.matmul(xt, yt), _shape_arg(x_shape[:-1] + y_shape[:-2] + y_shape[-1:]))
    return tf.matmul(x, y)


def batch_dot(x, y, axes=None):
    """Per-sample dot product of two batches, contracting ``axes`` (Keras 2 rules)."""
    x_shape, y_shape = x.shape, y.shape
    x_ndim, y_ndim = len(x_shape), len(y_shape)
    if x_ndim < 2 or y_ndim < 2:
        raise ValueError(f"Cannot do batch_dot on inputs with rank < 2. Received inputs with tf.shapes {x_shape} "
                         f"and {y_shape}.")
    if x_shape[0] is not None and y_shape[0] is not None and x_shape[0] != y_shape[0]:
        raise ValueError(f"Cannot do batch_dot on inputs with different batch sizes. Received inputs with "
                         f"tf.shapes {x_shape} and {y_shape}.")
    if isinstance(axes, int):
        axes = [axes, axes]
    if axes is None:
        axes = [x_ndim - 1, y_ndim - 1] if y_ndim == 2 else [x_ndim - 1, y_ndim - 2]
    if builtins.any(isinstance(a, (list, tuple)) for a in axes):
        raise ValueError(f"Multiple target dimensions are not supported. Expected: None, int, (int, int), "
                         f"Provided: {axes}")
    axes = list(axes)
    if axes[0] < 0:
        axes[0] += x_ndim
    if axes[1] < 0:
        axes[1] += y_ndim
    if 0 in axes:
        raise ValueError("Cannot perform batch_dot over axis 0. If your inputs are not batched, add a dummy batch "
                         "dimension to your inputs using K.expand_dims(x, 0)")
    a0, a1 = axes
    d1, d2 = x_shape[a0], y_shape[a1]
    if d1 is not None and d2 is not None and d1 != d2:
        raise ValueError(f"Cannot do batch_dot on inputs with tf.shapes {x_shape} and {y_shape} with axes={axes}. "
                         f"x.shape[{axes[0]}] != y.shape[{axes[1]}] ({d1} != {d2}).")
    orig_x_ndim, orig_y_ndim = x_ndim, y_ndim
    if x_ndim == 2:  # work in rank 3: [b, 1, k] and [b, k, 1]
        x = tf.expand_dims(x, 1)
        a0 += 1
        x_ndim += 1
    if y_ndim == 2:
        y = tf.expand_dims(y, 2)
        y_ndim += 1
    if a0 != x_ndim - 1:  # the contracted axis of x goes last
        pattern = [i for i in range(x_ndim) if i != a0] + [a0]
        x = tf.transpose(x, pattern)
    if a1 != 1:  # the contracted axis of y goes to position 1
        pattern = [0, a1] + [i for i in range(1, y_ndim) if i != a1]
        y = tf.transpose(y, pattern)
    x_dims, y_dims = _dims(x), _dims(y)
    if x_ndim > 3:  # squash x's middle axes into one
        x = tf.reshape(x, _shape_arg([x_dims[0], -1, x_dims[-1]]))
    if y_ndim > 3:  # squash y's trailing axes into one
        y = tf.reshape(y, _shape_arg([y_dims[0], y_dims[1], -1]))
    result = tf.matmul(x, y)
    if x_ndim > 3 or y_ndim > 3:
        out = _dims(result)
        out = out[:1] + (x_dims[1:-1] if x_ndim > 3 else out[1:2]) + (y_dims[2:] if y_ndim > 3 else out[-1:])
        result = tf.reshape(result, _shape_arg(out))
    if orig_x_ndim == 2:
        result = tf.squeeze(result, 1)
    elif orig_y_ndim == 2:
        result = tf.squeeze(result, -1)
    return result


# -- reductions -----------------------------------------------------------------------------


def _float_if_bool(x):
    x = tf.convert_to_tensor(x)
    return tf.cast(x, floatx()) if x.dtype == tf.bool else x


def sum(x, axis=None, keepdims=False):  # noqa: A001
    return tf.reduce_sum(x, axis, keepdims)


def prod(x, axis=None, keepdims=False):
    return tf.reduce_prod(x, axis, keepdims)


def mean(x, axis=None, keepdims=False):
    return tf.reduce_mean(_float_if_bool(x), axis, keepdims)


def max(x, axis=None, keepdims=False):  # noqa: A001
    return tf.reduce_max(x, axis, keepdims)


def min(x, axis=None, keepdims=False):  # noqa: A001
    return tf.reduce_min(x, axis, keepdims)


def std(x, axis=None, keepdims=False):
    return tf.math.reduce_std(_float_if_bool(x), axis=axis, keepdims=keepdims)


def var(x, axis=None, keepdims=False):
    return tf.math.reduce_variance(_float_if_bool(x), axis=axis, keepdims=keepdims)


def all(x, axis=None, keepdims=False):  # noqa: A001
    return tf.reduce_all(tf.cast(x, tf.bool), axis, keepdims)


def any(x, axis=None, keepdims=False):  # noqa: A001
    return tf.reduce_any(tf.cast(x, tf.bool), axis, keepdims)


def argmax(x, axis=-1):
    return tf.argmax(x, axis)


def argmin(x, axis=-1):
    return tf.argmin(x, axis)


def cumsum(x, axis=0):
    return tf.cumsum(x, axis=axis)


def cumprod(x, axis=0):
    return tf.math.cumprod(x, axis=axis)


# -- elementwise ----------------------------------------------------------------------------


def abs(x):  # noqa: A001
    return tf.abs(x)


def square(x):
    return tf.square(x)


def sqrt(x):
    # Keras 2 clamps negatives to 0 first, so rounding noise never gives NaN.
    return tf.sqrt(tf.maximum(x, tf.convert_to_tensor(0.0, x.dtype)))


def exp(x):
    return tf.exp(x)


def log(x):
    return tf.math.log(x)


def pow(x, a):  # noqa: A001
    return tf.pow(x, a)


def round(x):  # noqa: A001
    return tf.round(x)


def sign(x):
    return tf.sign(x)


def sin(x):
    return tf.sin(x)


def cos(x):
    return tf.cos(x)


def clip(x, min_value, max_value):
    if isinstance(min_value, (int, float)) and isinstance(max_value, (int, float)) and max_value < min_value:
        max_value = min_value
    if min_value is None:
        min_value = -np.inf
    if max_value is None:
        max_value = np.inf
    return tf.clip_by_value(x, min_value, max_value)


# Elementwise binary ops: the tf functions themselves (Keras 2's K.<name>(x, y) is the same call).
maximum, minimum = tf.maximum, tf.minimum
equal, not_equal = tf.equal, tf.not_equal
greater, greater_equal, less, less_equal = tf.greater, tf.greater_equal, tf.less, tf.less_equal


def stop_gradient(variables):
    if isinstance(variables, (list, tuple)):
        return map(tf.stop_gradient, variables)
    return tf.stop_gradient(variables)


def switch(condition, then_expression, else_expression):
    """``then`` where ``condition`` holds, else ``else`` (callables are called first)."""
    if condition.dtype != tf.bool:
        condition = tf.cast(condition, "bool")
    then_value = then_expression() if callable(then_expression) else then_expression
    else_value = else_expression() if callable(else_expression) else else_expression
    cond_ndim = ndim(condition)
    if not cond_ndim:
        return tf.where(condition, then_value, else_value)
    expr_ndim = ndim(then_value)
    if cond_ndim > expr_ndim:
        raise ValueError("Rank of `condition` should be less than or equal to rank of `then_expression` and "
                         f"`else_expression`. ndim(condition)={cond_ndim}, ndim(then_expression)={expr_ndim}")
    if cond_ndim > 1:  # broadcast the condition over trailing axes
        condition = tf.reshape(condition, _shape_arg(_dims(condition) + [1] * (expr_ndim - cond_ndim)))
        condition = tf.logical_and(condition, tf.ones_like(then_value, dtype=tf.bool))
    return tf.where(condition, then_value, else_value)


def in_top_k(predictions, targets, k):
    return tf.math.in_top_k(targets, predictions, k)


def l2_normalize(x, axis=None):
    # tf.linalg.l2_normalize's formula: x * rsqrt(max(sum(x**2), 1e-12)).
    x = tf.convert_to_tensor(x)
    square_sum = tf.reduce_sum(tf.square(x), axis, keepdims=True)
    return x * tf.math.rsqrt(tf.maximum(square_sum, tf.cast(1e-12, x.dtype)))


# -- activations (Keras 2 versions) ----------------------------------------------------------


def relu(x, alpha=0.0, max_value=None, threshold=0.0):
    dtype = getattr(x, "dtype", floatx())
    if alpha != 0.0:
        if max_value is None and threshold == 0:
            return tf.nn.leaky_relu(x, alpha=alpha)
        negative_part = tf.nn.relu(-x + threshold) if threshold != 0 else tf.nn.relu(-x)
    else:
        negative_part = 1
    clip_max = max_value is not None
    if threshold != 0:
        x = x * tf.cast(tf.greater(x, threshold), dtype=dtype)
    elif max_value == 6:
        x = tf.nn.relu6(x)
        clip_max = False
    else:
        x = tf.nn.relu(x)
    if clip_max:
        x = tf.clip_by_value(x, tf.convert_to_tensor(0, dtype=x.dtype), tf.convert_to_tensor(max_value, dtype=x.dtype))
    if alpha != 0.0:
        x -= tf.convert_to_tensor(alpha, dtype=x.dtype) * negative_part
    return x


def elu(x, alpha=1.0):
    res = tf.nn.elu(x)
    return res if alpha == 1 else tf.where(x > 0, res, alpha * res)


def softmax(x, axis=-1):
    if x.shape.rank <= 1:
        raise ValueError(f"Cannot apply softmax to a tensor that is 1D. Received input: {x}")
    if isinstance(axis, int):
        output = tf.nn.softmax(x, axis=axis)
    else:
        numerator = tf.exp(x - tf.reduce_max(x, axis=axis, keepdims=True))
        output = numerator / tf.reduce_sum(numerator, axis=axis, keepdims=True)
    try:
        output._keras_logits = x  # for crossentropy from probabilities, where the type allows it
    except AttributeError:
        pass
    return output


def sigmoid(x):
    return tf.sigmoid(x)


def hard_sigmoid(x):
    """Keras 2's ``clip(0.2 * x + 0.5, 0, 1)``."""
    x = tf.multiply(x, tf.convert_to_tensor(0.2, dtype=x.dtype))
    x = tf.add(x, tf.convert_to_tensor(0.5, dtype=x.dtype))
    return tf.clip_by_value(x, 0.0, 1.0)


def tanh(x):
    return tf.tanh(x)


def softplus(x):
    return tf.math.softplus(x)


def softsign(x):
    return tf.math.softsign(x)


def bias_add(x, bias, data_format=None):
    data_format = data_format or image_data_format()
    if data_format not in {"channels_first", "channels_last"}:
        raise ValueError(f"Unknown data_format: {data_format}")
    bias_shape = tuple(bias.shape)
    if len(bias_shape) != 1 and len(bias_shape) != ndim(x) - 1:
        raise ValueError(f"Unexpected bias dimensions {len(bias_shape)}. Expected it to be 1 or {ndim(x) - 1} "
                         "dimensions")
    if len(bias_shape) == 1:
        return tf.nn.bias_add(x, bias, data_format="NCHW" if data_format == "channels_first" else "NHWC")
    if ndim(x) in (3, 4, 5):
        if data_format == "channels_first":
            return x + reshape(bias, (1, bias_shape[-1]) + bias_shape[:-1])
        return x + reshape(bias, (1,) + bias_shape)
    return tf.nn.bias_add(x, bias)


def batch_normalization(x, mean, var, beta, gamma, axis=-1, epsilon=1e-3):
    return tf.nn.batch_normalization(x, mean, var, beta, gamma, epsilon)


def dropout(x, level, noise_shape=None, seed=None):
    if seed is None:
        seed = np.random.randint(int(10e6))
    return tf.nn.dropout(x, rate=level, noise_shape=noise_shape, seed=seed)


# -- losses (Keras 2 versions) ------------------------------------------------------------


def binary_crossentropy(target, output, from_logits=False):
    target, output = tf.convert_to_tensor(target), tf.convert_to_tensor(output)
    if from_logits:
        return tf.nn.sigmoid_cross_entropy_with_logits(labels=target, logits=output)
    eps = tf.convert_to_tensor(epsilon(), output.dtype)
    output = tf.clip_by_value(output, eps, 1.0 - eps)
    bce = target * tf.math.log(output + epsilon())
    bce += (1 - target) * tf.math.log(1 - output + epsilon())
    return -bce


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = tf.convert_to_tensor(target), tf.convert_to_tensor(output)
    if from_logits:
        return tf.nn.softmax_cross_entropy_with_logits(labels=target, logits=output, axis=axis)
    output = output / tf.reduce_sum(output, axis, True)  # renormalize: rows must sum to 1
    eps = tf.convert_to_tensor(epsilon(), output.dtype)
    output = tf.clip_by_value(output, eps, 1.0 - eps)
    return -tf.reduce_sum(target * tf.math.log(output), axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1, ignore_class=None):
    if ignore_class is not None:
        raise NotImplementedError("K.sparse_categorical_crossentropy(ignore_class=...) is not supported")
    target = tf.cast(tf.convert_to_tensor(target), "int64")
    output = tf.convert_to_tensor(output)
    if not from_logits:
        eps = tf.convert_to_tensor(epsilon(), output.dtype)
        output = tf.math.log(tf.clip_by_value(output, eps, 1 - eps))
    output_rank = output.shape.rank
    axis %= output_rank
    if axis != output_rank - 1:  # move the class axis last
        output = tf.transpose(output, perm=list(itertools.chain(range(axis), range(axis + 1, output_rank), [axis])))
    output_shape = _dims(output)
    update_shape = target.shape.rank != output_rank - 1
    if update_shape:
        target = flatten(target)
        output = tf.reshape(output, _shape_arg([-1, output_shape[-1]]))
    res = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=target, logits=output)
    if update_shape and output_rank >= 3:
        res = tf.reshape(res, _shape_arg(output_shape[:-1]))
    return res


# -- random -----------------------------------------------------------------------------------
# Keras 2 seeds an unseeded call from NumPy's global RNG, so np.random.seed reproduces it.


def random_uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    seed = np.random.randint(int(10e6)) if seed is None else seed
    return tf.random.uniform(shape, minval=minval, maxval=maxval, dtype=dtype or floatx(), seed=seed)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    seed = np.random.randint(int(10e6)) if seed is None else seed
    return tf.random.normal(shape, mean=mean, stddev=stddev, dtype=dtype or floatx(), seed=seed)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    seed = np.random.randint(int(10e6)) if seed is None else seed
    return tf.random.truncated_normal(shape, mean, stddev, dtype=dtype or floatx(), seed=seed)


def random_bernoulli(shape, p=0.0, dtype=None, seed=None):
    dtype = dtype or floatx()
    seed = np.random.randint(int(10e6)) if seed is None else seed
    return tf.where(tf.random.uniform(shape, dtype=dtype, seed=seed) <= p, tf.ones(shape, dtype=dtype),
                    tf.zeros(shape, dtype=dtype))


def random_normal_variable(shape, mean, scale, dtype=None, name=None, seed=None):
    dtype = dtype or floatx()
    seed = np.random.randint(int(10e8)) if seed is None else seed
    return variable(tf.random.normal(shape, mean, scale, dtype=dtype, seed=seed), dtype=dtype, name=name)


def random_uniform_variable(shape, low, high, dtype=None, name=None, seed=None):
    dtype = dtype or floatx()
    seed = np.random.randint(int(10e8)) if seed is None else seed
    return variable(tf.random.uniform(shape, low, high, dtype=dtype, seed=seed), dtype=dtype, name=name)


def name_scope(name):
    return tf.name_scope(name)
