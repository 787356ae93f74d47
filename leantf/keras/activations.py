"""keras.activations: Keras 3's activation functions, composed from tf ops.

Each follows the formula Keras 3 uses on the TensorFlow backend (which TF kernel, which
composition), so values agree to the last bit where the kernels do. They work on eager and
symbolic (Keras) tensors alike, since every tf op does.
"""
import types
import warnings

import leantf as tf

from .saving import object_registration as _registration
from .saving import serialization as _ser

__all__ = ["relu", "leaky_relu", "relu6", "softmax", "celu", "elu", "selu", "softplus", "softsign", "squareplus",
           "soft_shrink", "sparse_plus", "silu", "swish", "gelu", "glu", "tanh", "tanh_shrink", "threshold",
           "sigmoid", "sparse_sigmoid", "exponential", "hard_sigmoid", "hard_silu", "hard_swish", "hard_tanh",
           "hard_shrink", "linear", "mish", "log_softmax", "log_sigmoid", "sparsemax", "get", "serialize",
           "deserialize"]


def _keep_logits(output, logits):
    # Keras hangs the logits on softmax/sigmoid outputs so crossentropy losses can use them
    # for stability; a tensor type without room for the attribute simply skips this.
    try:
        output._keras_logits = logits
    except AttributeError:
        pass
    return output


def relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    """``max(x, 0)``, optionally leaky below ``threshold`` and capped at ``max_value``."""
    x = tf.convert_to_tensor(x)
    if negative_slope != 0.0:
        if max_value is None and threshold == 0:
            return tf.nn.leaky_relu(x, alpha=negative_slope)
        negative_part = tf.nn.relu(-x + threshold) if threshold != 0 else tf.nn.relu(-x)
    else:
        negative_part = 1
    clip_max = max_value is not None
    if threshold != 0:
        x = tf.where(tf.greater(x, tf.cast(threshold, x.dtype)), x, tf.zeros_like(x))
    elif max_value == 6:
        x = tf.nn.relu6(x)  # the fused kernel, as Keras picks it
        clip_max = False
    else:
        x = tf.nn.relu(x)
    if clip_max:
        x = tf.clip_by_value(x, tf.cast(0.0, x.dtype), tf.cast(max_value, x.dtype))
    if negative_slope != 0.0:
        x -= negative_slope * negative_part
    return x


def leaky_relu(x, negative_slope=0.2):
    return tf.nn.leaky_relu(x, alpha=negative_slope)


def relu6(x):
    return tf.nn.relu6(x)


def softmax(x, axis=-1):
    """``exp(x) / sum(exp(x))`` along ``axis`` (an int or a tuple of axes)."""
    x = tf.convert_to_tensor(x)
    shape = x.shape
    if isinstance(axis, int) and shape.rank is not None and -shape.rank <= axis < shape.rank \
            and shape[axis] == 1:
        warnings.warn(f"You are using a softmax over axis {axis} of a tensor of shape {shape}. This axis has size "
                      "1. The softmax operation will always return the value 1, which is likely not what you "
                      "intended. Did you mean to use a sigmoid instead?")
    if axis is None:  # tf's softmax reads None as -1; Keras means all axes
        output = tf.reshape(tf.nn.softmax(tf.reshape(x, [-1]), axis=-1), tf.shape(x))
    elif isinstance(axis, tuple):
        # Move the softmax axes last, flatten them into one, and undo both afterwards.
        rank = shape.rank
        axis = tuple(a % rank for a in axis)
        keep = [a for a in range(rank) if a not in axis]
        moved = tf.transpose(x, perm=[*keep, *axis])
        flat = tf.reshape(moved, [*[shape[a] for a in keep], -1])
        out = tf.reshape(tf.nn.softmax(flat, axis=-1), tf.shape(moved))
        order = [*keep, *axis]
        output = tf.transpose(out, perm=sorted(range(rank), key=order.__getitem__))
    else:
        output = tf.nn.softmax(x, axis=axis)
    return _keep_logits(output, x)


def elu(x, alpha=1.0):
    x = tf.convert_to_tensor(x)
    res = tf.nn.elu(x)
    if alpha == 1:
        return res
    return tf.where(tf.greater(x, 0), res, alpha * res)


def selu(x):
    return tf.nn.selu(x)


def softplus(x):
    return tf.math.softplus(x)


def softsign(x):
    return tf.nn.softsign(x)


def soft_shrink(x, threshold=0.5):
    x = tf.convert_to_tensor(x)
    return tf.where(x > threshold, x - threshold, tf.where(x < -threshold, x + threshold, tf.zeros_like(x)))


def sparse_plus(x):
    x = tf.convert_to_tensor(x)
    return tf.where(x <= -1, tf.zeros_like(x), tf.where(x < 1, (1 / 4) * tf.pow(x + 1, 2), x))


def silu(x):
    """``x * sigmoid(x)`` (also called swish)."""
    return tf.nn.silu(x)


def squareplus(x, b=4):
    x = tf.convert_to_tensor(x)
    b = tf.convert_to_tensor(b, dtype=x.dtype)
    return (x + tf.sqrt(tf.square(x) + b)) / 2


def gelu(x, approximate=False):
    return tf.nn.gelu(tf.convert_to_tensor(x), approximate=approximate)


def celu(x, alpha=1.0):
    return tf.maximum(x, 0.0) + alpha * tf.math.expm1(tf.minimum(x, 0.0) / alpha)


def glu(x, axis=-1):
    """The first half of ``x`` along ``axis`` gated by the sigmoid of the second half."""
    x = tf.convert_to_tensor(x)
    if x.shape[axis] % 2 != 0:
        raise ValueError(f"axis size must be divisible by 2. Received: x.shape={x.shape} with axis={axis}")
    x1, x2 = tf.split(x, num_or_size_splits=2, axis=axis)
    return x1 * tf.sigmoid(x2)


def tanh(x):
    return tf.nn.tanh(x)


def tanh_shrink(x):
    return x - tf.math.tanh(x)


def hard_tanh(x):
    return tf.clip_by_value(x, clip_value_min=-1.0, clip_value_max=1.0)


def hard_shrink(x, threshold=0.5):
    x = tf.convert_to_tensor(x)
    return tf.where(tf.abs(x) > threshold, x, tf.zeros_like(x))


def threshold(x, threshold, default_value):
    x = tf.convert_to_tensor(x)
    return tf.where(x > threshold, x, tf.cast(default_value, x.dtype))


def sigmoid(x):
    """``1 / (1 + exp(-x))``."""
    x = tf.convert_to_tensor(x)
    return _keep_logits(tf.nn.sigmoid(x), x)


def sparse_sigmoid(x):
    x = tf.convert_to_tensor(x)
    return tf.where(x <= -1, tf.constant(0.0, dtype=x.dtype),
                    tf.where(x >= 1, tf.constant(1.0, dtype=x.dtype), 0.5 * (x + 1)))


def exponential(x):
    return tf.exp(x)


def hard_sigmoid(x):
    """Keras 3's ``relu6(x + 3) / 6`` (Keras 2 used ``clip(0.2 * x + 0.5, 0, 1)``)."""
    x = tf.convert_to_tensor(x)
    return tf.nn.relu6(x + tf.constant(3.0, x.dtype)) / tf.constant(6.0, x.dtype)


def hard_silu(x):
    x = tf.convert_to_tensor(x)
    return x * hard_sigmoid(x)


def linear(x):
    """The identity: returns ``x`` unchanged."""
    return x


def mish(x):
    """``x * tanh(softplus(x))``."""
    x = tf.convert_to_tensor(x)
    return x * tf.nn.tanh(tf.math.softplus(x))


def log_softmax(x, axis=-1):
    if axis is None:  # over all elements, as for softmax
        x = tf.convert_to_tensor(x)
        return tf.reshape(tf.nn.log_softmax(tf.reshape(x, [-1]), axis=-1), tf.shape(x))
    return tf.nn.log_softmax(x, axis=axis)


def log_sigmoid(x):
    # tf.math.log_sigmoid is -softplus(-x), which stays finite for large |x|.
    x = tf.convert_to_tensor(x)
    return -tf.math.softplus(-x)


def sparsemax(x, axis=-1):
    """The Euclidean projection of ``x`` onto the probability simplex along ``axis``."""
    logits = tf.convert_to_tensor(x)
    rank = logits.shape.rank
    logits_sorted = tf.sort(logits, direction="DESCENDING", axis=axis)
    logits_cumsum = tf.cumsum(logits_sorted, axis=axis)
    r = tf.range(1, tf.shape(logits)[axis] + 1, dtype=logits.dtype)
    r_shape = [1] * rank
    r_shape[axis] = -1
    r = tf.reshape(r, r_shape)
    support = logits_sorted - (logits_cumsum - 1) / r > 0
    logits_cumsum_safe = tf.where(support, logits_cumsum, tf.zeros_like(logits_cumsum))
    k = tf.reduce_sum(tf.cast(support, logits.dtype), axis=axis, keepdims=True)
    tau = (tf.reduce_sum(logits_cumsum_safe, axis=axis, keepdims=True) - 1) / k
    return tf.maximum(logits - tau, tf.zeros_like(logits))


swish = silu
hard_swish = hard_silu

_FUNCTIONS = [relu, leaky_relu, relu6, softmax, celu, elu, selu, softplus, softsign, squareplus, soft_shrink,
              sparse_plus, silu, gelu, glu, tanh, tanh_shrink, threshold, sigmoid, sparse_sigmoid, exponential,
              hard_sigmoid, hard_silu, hard_tanh, hard_shrink, linear, mish, log_softmax, log_sigmoid, sparsemax]
ALL_OBJECTS_DICT = {fn.__name__: fn for fn in _FUNCTIONS}
ALL_OBJECTS_DICT["swish"] = silu
ALL_OBJECTS_DICT["hard_swish"] = hard_silu

for _fn in _FUNCTIONS:
    _ser.register_builtin("keras.activations", _fn)
_ser.register_builtin("keras.activations", silu, "swish")
_ser.register_builtin("keras.activations", hard_silu, "hard_swish")

# The names `serialize` writes as a bare string: those defined in Keras's activations
# module (so tf.nn.relu -> "relu" but a function named "swish" or "exp" gets a dict).
_MODULE_NAMES = frozenset(ALL_OBJECTS_DICT) - {"swish", "hard_swish"} | {"get", "serialize", "deserialize"}


def serialize(activation):
    """The name of a built-in activation (``"relu"``), else a function config dict."""
    fn_config = _ser.serialize_keras_object(activation)
    if "config" not in fn_config:  # (a TypeError for non-containers, as in Keras)
        raise ValueError(f"Unknown activation function '{activation}' cannot be serialized due to invalid "
                         "function name. Make sure to use an activation name that matches the references "
                         "defined in activations.py or use `@keras.saving.register_keras_serializable()`to "
                         f"register any custom activations. config={fn_config}")
    if not _is_function(activation):
        return fn_config
    if isinstance(fn_config["config"], str) and fn_config["config"] not in _MODULE_NAMES:
        fn_config["config"] = _registration.get_registered_name(activation)
        return fn_config
    return fn_config["config"]


def _is_function(obj):
    # A Python function, or a leantf op exposed as a callable object with a __name__ (tf.nn
    # functions may be either); either way Keras would see a function.
    return isinstance(obj, types.FunctionType) or (callable(obj) and hasattr(obj, "__name__")
                                                   and not isinstance(obj, type) and not hasattr(obj, "get_config"))


def deserialize(config, custom_objects=None):
    """An activation function from its name or config."""
    return _ser.deserialize_keras_object(config, module_objects=ALL_OBJECTS_DICT, custom_objects=custom_objects)


def get(identifier):
    """An activation from a name, config, or callable; None gives ``linear``."""
    if identifier is None:
        return linear
    if isinstance(identifier, dict):
        obj = _ser.deserialize_keras_object(identifier)
    elif isinstance(identifier, str):
        obj = ALL_OBJECTS_DICT.get(identifier, None)
    else:
        obj = identifier
    if callable(obj):
        return obj
    raise ValueError(f"Could not interpret activation function identifier: {identifier}")
