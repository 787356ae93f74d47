"""keras.applications.mobilenet_v2: MobileNetV2 (Sandler et al., CVPR 2018).

The network is built layer for layer as Keras 3.15 builds it: the same layer names, order
and configurations, so weight files made for Keras (the ImageNet files included) load by
layer order, and ``summary()`` prints the same table. Pretrained weights come through
``keras.utils.get_file`` under Keras's file names and URL, into ``<KERAS_HOME>/models``;
they are Keras-2 ``.h5`` weight files, read by the legacy HDF5 loader (no code in them is
ever run).
"""
import os
import warnings

from . import imagenet_utils

__all__ = ["MobileNetV2", "preprocess_input", "decode_predictions"]

BASE_WEIGHT_PATH = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/"

# Square input sizes for which ImageNet weights were published; other sizes get the 224 ones.
_PRETRAINED_SIZES = (96, 128, 160, 192, 224)
_PRETRAINED_ALPHAS = (0.35, 0.50, 0.75, 1.0, 1.3, 1.4)
# BatchNormalization settings of the original TensorFlow-slim training.
_BN_EPSILON = 1e-3
_BN_MOMENTUM = 0.999

# (filters before alpha, stride, expansion) of the 17 inverted residual blocks.
_BLOCKS = ((16, 1, 1),
           (24, 2, 6), (24, 1, 6),
           (32, 2, 6), (32, 1, 6), (32, 1, 6),
           (64, 2, 6), (64, 1, 6), (64, 1, 6), (64, 1, 6),
           (96, 1, 6), (96, 1, 6), (96, 1, 6),
           (160, 2, 6), (160, 1, 6), (160, 1, 6),
           (320, 1, 6))


def _weights_argument_ok(weights):
    if weights is None or (isinstance(weights, str) and weights == "imagenet"):
        return True
    try:
        return os.path.exists(weights)
    except TypeError:
        return False


def _check_input_tensor_against_shape(input_tensor, input_shape, data_format):
    from ..backend import is_keras_tensor
    if not is_keras_tensor(input_tensor):
        raise ValueError(f"input_tensor is not a Keras tensor; Received `input_tensor={input_tensor}`")
    if data_format == "channels_first":
        if input_tensor.shape[1] != input_shape[1]:
            raise ValueError("input_shape[1] must equal shape(input_tensor)[1] when `image_data_format` is "
                             f"`channels_first`; Received `input_tensor.shape={input_tensor.shape}`, "
                             f"`input_shape={input_shape}`")
    elif input_tensor.shape[2] != input_shape[1]:
        raise ValueError("input_tensor.shape[2] must equal input_shape[1]; Received "
                         f"`input_tensor.shape={input_tensor.shape}`, `input_shape={input_shape}`")


def _default_size(input_shape, input_tensor, data_format):
    """The input size the architecture is named after: the (square, pretrained) size given,
    else 224."""
    from ..backend import is_keras_tensor
    if input_shape is None and input_tensor is not None:
        if not is_keras_tensor(input_tensor):
            return 224
        shape = tuple(input_tensor.shape)
        rows, cols = (shape[2], shape[3]) if data_format == "channels_first" else (shape[1], shape[2])
    elif input_shape is None:
        return 224
    else:
        rows, cols = (input_shape[1], input_shape[2]) if data_format == "channels_first" else \
            (input_shape[0], input_shape[1])
    return rows if rows == cols and rows in _PRETRAINED_SIZES else 224


def _source_inputs(tensor):
    """The Input tensors a Keras tensor was computed from (the model's inputs when the user
    builds on an ``input_tensor`` that is itself the output of other layers)."""
    from ..layers.input_layer import InputLayer
    found, stack, seen = [], [tensor], set()
    while stack:
        t = stack.pop()
        if id(t) in seen:
            continue
        seen.add(id(t))
        history = getattr(t, "_keras_history", None)
        if history is None or isinstance(history[0], InputLayer):
            found.append(t)
            continue
        node = history[0]._inbound_nodes[history[1]]
        if not node.input_tensors:
            found.append(t)
        stack.extend(reversed(node.input_tensors))
    return found


def _make_divisible(v, divisor, min_value=None):
    """``v`` rounded to the nearest multiple of ``divisor`` (at least ``min_value``), never
    more than 10% below ``v``: channel counts stay friendly to vectorised kernels."""
    if min_value is None:
        min_value = divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


def _batch_norm(layers, channel_axis, name):
    return layers.BatchNormalization(axis=channel_axis, epsilon=_BN_EPSILON, momentum=_BN_MOMENTUM, name=name)


def _inverted_res_block(layers, inputs, expansion, stride, alpha, filters, block_id, channel_axis):
    """Expand (1x1) -> depthwise 3x3 -> linear projection (1x1), with a residual connection
    when the shape is kept. Block 0 has no expansion and is named ``expanded_conv``."""
    in_channels = inputs.shape[channel_axis]
    pointwise_filters = _make_divisible(int(filters * alpha), 8)
    x = inputs
    prefix = f"block_{block_id}_"
    if block_id:
        x = layers.Conv2D(expansion * in_channels, kernel_size=1, padding="same", use_bias=False, activation=None,
                          name=f"{prefix}expand")(x)
        x = _batch_norm(layers, channel_axis, f"{prefix}expand_BN")(x)
        x = layers.ReLU(6.0, name=f"{prefix}expand_relu")(x)
    else:
        prefix = "expanded_conv_"
    if stride == 2:
        # Explicit padding + 'valid' reproduces the pixel alignment the weights were trained with.
        x = layers.ZeroPadding2D(padding=imagenet_utils.correct_pad(x, 3), name=f"{prefix}pad")(x)
    x = layers.DepthwiseConv2D(kernel_size=3, strides=stride, activation=None, use_bias=False,
                               padding="same" if stride == 1 else "valid", name=f"{prefix}depthwise")(x)
    x = _batch_norm(layers, channel_axis, f"{prefix}depthwise_BN")(x)
    x = layers.ReLU(6.0, name=f"{prefix}depthwise_relu")(x)
    x = layers.Conv2D(pointwise_filters, kernel_size=1, padding="same", use_bias=False, activation=None,
                      name=f"{prefix}project")(x)
    x = _batch_norm(layers, channel_axis, f"{prefix}project_BN")(x)
    if in_channels == pointwise_filters and stride == 1:
        return layers.Add(name=f"{prefix}add")([inputs, x])
    return x


def _imagenet_weights_path(alpha, rows, include_top):
    from ..utils.file_utils import get_file
    suffix = "" if include_top else "_no_top"
    model_name = f"mobilenet_v2_weights_tf_dim_ordering_tf_kernels_{float(alpha)}_{rows}{suffix}.h5"
    return get_file(model_name, BASE_WEIGHT_PATH + model_name, cache_subdir="models")


def MobileNetV2(input_shape=None, alpha=1.0, include_top=True, weights="imagenet", input_tensor=None, pooling=None,
                classes=1000, classifier_activation="softmax", name=None):
    """Instantiate MobileNetV2, optionally with weights pretrained on ImageNet.

    ``input_shape`` (without the batch axis) may only differ from ``(224, 224, 3)`` with
    ``include_top=False`` or ``weights=None``; sizes are at least 32x32. ``alpha`` scales the
    number of filters of every layer (pretrained: 0.35, 0.5, 0.75, 1.0, 1.3, 1.4).
    ``weights`` is None (random), "imagenet" or the path of a weight file. ``pooling``
    ("avg", "max" or None) applies to ``include_top=False`` only; ``classes`` other than
    1000 need ``weights=None``. Inputs are expected in [-1, 1]: see ``preprocess_input``.
    """
    from .. import layers
    from ..config import image_data_format
    from ..models import Functional

    if not _weights_argument_ok(weights):
        raise ValueError("The `weights` argument should be either `None` (random initialization), `imagenet` "
                         "(pre-training on ImageNet), or the path to the weights file to be loaded.  "
                         f"Received `weights={weights}`")
    if weights == "imagenet" and include_top and classes != 1000:
        raise ValueError('If using `weights="imagenet"` with `include_top` as true, `classes` should be 1000. '
                         f"Received `classes={classes}`")
    data_format = image_data_format()
    if input_shape is not None and input_tensor is not None:
        _check_input_tensor_against_shape(input_tensor, input_shape, data_format)
    default_size = _default_size(input_shape, input_tensor, data_format)
    input_shape = imagenet_utils.obtain_input_shape(input_shape, default_size=default_size, min_size=32,
                                                    data_format=data_format, require_flatten=include_top,
                                                    weights=weights)
    rows, cols = (input_shape[1], input_shape[2]) if data_format == "channels_first" else \
        (input_shape[0], input_shape[1])
    if weights == "imagenet":
        if alpha not in _PRETRAINED_ALPHAS:
            raise ValueError("If imagenet weights are being loaded, alpha must be one of `0.35`, `0.50`, `0.75`, "
                             f"`1.0`, `1.3` or `1.4` only; Received `alpha={alpha}`")
        if rows != cols or rows not in _PRETRAINED_SIZES:
            rows = 224
            warnings.warn("`input_shape` is undefined or non-square, or `rows` is not in [96, 128, 160, 192, 224]. "
                          "Weights for input shape (224, 224) will be loaded as the default.", stacklevel=2)

    from ..backend import is_keras_tensor
    if input_tensor is None:
        img_input = layers.Input(shape=input_shape)
    elif not is_keras_tensor(input_tensor):
        img_input = layers.Input(tensor=input_tensor, shape=input_shape)
    else:
        img_input = input_tensor

    channel_axis = 1 if data_format == "channels_first" else -1
    x = layers.Conv2D(_make_divisible(32 * alpha, 8), kernel_size=3, strides=(2, 2), padding="same", use_bias=False,
                      name="Conv1")(img_input)
    x = _batch_norm(layers, channel_axis, "bn_Conv1")(x)
    x = layers.ReLU(6.0, name="Conv1_relu")(x)
    for block_id, (filters, stride, expansion) in enumerate(_BLOCKS):
        x = _inverted_res_block(layers, x, filters=filters, alpha=alpha, stride=stride, expansion=expansion,
                                block_id=block_id, channel_axis=channel_axis)

    # The paper keeps the last convolution at 1280 channels for narrow networks and widens
    # it only for alpha > 1.
    last_block_filters = _make_divisible(1280 * alpha, 8) if alpha > 1.0 else 1280
    x = layers.Conv2D(last_block_filters, kernel_size=1, use_bias=False, name="Conv_1")(x)
    x = _batch_norm(layers, channel_axis, "Conv_1_bn")(x)
    x = layers.ReLU(6.0, name="out_relu")(x)

    if include_top:
        x = layers.GlobalAveragePooling2D()(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D()(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D()(x)

    inputs = _source_inputs(input_tensor) if input_tensor is not None else img_input
    if name is None:
        name = f"mobilenetv2_{alpha:0.2f}_{rows}"
    model = Functional(inputs, x, name=name)

    if weights == "imagenet":
        model.load_weights(_imagenet_weights_path(alpha, rows, include_top))
    elif weights is not None:
        model.load_weights(weights)
    return model


def preprocess_input(x, data_format=None):
    """Scale images with values in [0, 255] to [-1, 1], as MobileNetV2 expects. A
    floating-point NumPy array is scaled in place."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds, top=5):
    """The ``top`` ImageNet classes of each prediction: see ``imagenet_utils.decode_predictions``."""
    return imagenet_utils.decode_predictions(preds, top=top)
