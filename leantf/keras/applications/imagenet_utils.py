"""keras.applications.imagenet_utils: input preprocessing, ImageNet label decoding and
the input-shape checks the application constructors share.

Texts of errors and warnings follow Keras 3.15. The class index is Keras's JSON file,
fetched once through ``keras.utils.get_file`` into ``<KERAS_HOME>/models`` and read with
``json`` only.
"""
import json
import warnings

import numpy as np

__all__ = ["preprocess_input", "decode_predictions"]

CLASS_INDEX = None
CLASS_INDEX_PATH = "https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json"
_CLASS_INDEX_MD5 = "c2c37ea517e94d9795004a39431a14cb"

# Per-channel statistics of the ImageNet training set, in the order the modes use them:
# "caffe" works on BGR images in [0, 255], "torch" on RGB images in [0, 1].
_CAFFE_MEAN = [103.939, 116.779, 123.68]
_TORCH_MEAN = [0.485, 0.456, 0.406]
_TORCH_STD = [0.229, 0.224, 0.225]


def _image_data_format(data_format):
    if data_format is None:
        from ..config import image_data_format
        return image_data_format()
    if data_format not in {"channels_first", "channels_last"}:
        raise ValueError("Expected data_format to be one of `channels_first` or `channels_last`. "
                         f"Received: data_format={data_format}")
    return data_format


def preprocess_input(x, data_format=None, mode="caffe"):
    """Preprocess a batch of images (3D or 4D, 3 colour channels, values in [0, 255]).

    mode "caffe": RGB -> BGR, then subtract the ImageNet mean of each channel; "tf": scale
    to [-1, 1]; "torch": scale to [0, 1], then normalise each channel with ImageNet's
    mean and standard deviation. A floating-point NumPy array is changed in place (as in
    Keras, callers rely on not paying for a copy of a large batch); an integer one is first
    converted to ``floatx``. Tensors give a new tensor.
    """
    if mode not in {"caffe", "tf", "torch"}:
        raise ValueError(f"Expected mode to be one of `caffe`, `tf` or `torch`. Received: mode={mode}")
    data_format = _image_data_format(data_format)
    if isinstance(x, np.ndarray):
        return _preprocess_numpy(x, data_format, mode)
    return _preprocess_tensor(x, data_format, mode)


def _channel_stats(mode):
    """(mean, std or None) for a mode other than "tf"."""
    if mode == "torch":
        return _TORCH_MEAN, _TORCH_STD
    return _CAFFE_MEAN, None


def _preprocess_numpy(x, data_format, mode):
    if not issubclass(x.dtype.type, np.floating):
        from ..config import floatx
        x = x.astype(floatx(), copy=False)
    if mode == "tf":
        x /= 127.5
        x -= 1.0
        return x
    if mode == "torch":
        x /= 255.0
    else:
        x = _reverse_channels(x, data_format)
    mean, std = _channel_stats(mode)
    channel_axis = _channel_axis(x.ndim, data_format)
    for c in range(3):
        # A view on channel c, so that the in-place updates reach the caller's array.
        channel = x[_channel_index(x.ndim, channel_axis, c)]
        channel -= mean[c]
        if std is not None:
            channel /= std[c]
    return x


def _channel_axis(ndim, data_format):
    if data_format == "channels_last":
        return ndim - 1
    # channels_first: a single image is (C, H, W), a batch is (N, C, H, W).
    return 0 if ndim == 3 else 1


def _channel_index(ndim, axis, channel):
    index = [slice(None)] * ndim
    index[axis] = channel
    return tuple(index)


def _reverse_channels(x, data_format):
    """RGB -> BGR as a view (Keras returns the reversed view too)."""
    axis = _channel_axis(x.ndim, data_format)
    index = [slice(None)] * x.ndim
    index[axis] = slice(None, None, -1)
    return x[tuple(index)]


def _preprocess_tensor(x, data_format, mode):
    import leantf as tf
    if mode == "tf":
        x = x / 127.5
        return x - 1.0
    ndim = len(x.shape)
    axis = _channel_axis(ndim, data_format)
    if mode == "torch":
        x = x / 255.0
    else:
        x = tf.stack([x[_channel_index(ndim, axis, c)] for c in (2, 1, 0)], axis=axis)
    mean, std = _channel_stats(mode)
    stat_shape = [1] * ndim
    stat_shape[axis] = 3
    if ndim == 3 and data_format == "channels_first":
        stat_shape = [3, 1, 1]
    x = x + tf.reshape(tf.constant(-np.asarray(mean), dtype=x.dtype), stat_shape)
    if std is not None:
        x = x / tf.reshape(tf.constant(np.asarray(std), dtype=x.dtype), stat_shape)
    return x


def _class_index():
    global CLASS_INDEX
    if CLASS_INDEX is None:
        from ..utils.file_utils import get_file
        path = get_file("imagenet_class_index.json", CLASS_INDEX_PATH, cache_subdir="models",
                        file_hash=_CLASS_INDEX_MD5)
        with open(path, encoding="utf-8") as f:
            CLASS_INDEX = json.load(f)
    return CLASS_INDEX


def decode_predictions(preds, top=5):
    """The ``top`` ImageNet classes of each prediction in a ``(samples, 1000)`` batch, as
    lists of ``(class_name, class_description, score)``, best first."""
    if len(preds.shape) != 2 or preds.shape[1] != 1000:
        raise ValueError("`decode_predictions` expects a batch of predictions (i.e. a 2D array of shape "
                         f"(samples, 1000)). Received array with shape: {preds.shape}")
    class_index = _class_index()
    preds = preds.numpy() if hasattr(preds, "numpy") else np.asarray(preds)
    results = []
    for pred in preds:
        top_indices = pred.argsort()[-top:][::-1]
        result = [tuple(class_index[str(i)]) + (pred[i],) for i in top_indices]
        result.sort(key=lambda item: item[2], reverse=True)
        results.append(result)
    return results


# ------------------------------------------------------------------ shared by the models

def obtain_input_shape(input_shape, default_size, min_size, data_format, require_flatten, weights=None):
    """The model's input shape (without the batch axis) from the user's ``input_shape``,
    checked against what the architecture and the pretrained weights accept."""
    channels_first = data_format == "channels_first"
    if weights != "imagenet" and input_shape and len(input_shape) == 3:
        channels = input_shape[0] if channels_first else input_shape[-1]
        if channels not in {1, 3}:
            warnings.warn("This model usually expects 1 or 3 input channels. However, it was passed an "
                          f"input_shape with {channels} input channels.", stacklevel=3)
        default_shape = ((input_shape[0], default_size, default_size) if channels_first
                         else (default_size, default_size, input_shape[-1]))
    else:
        default_shape = (3, default_size, default_size) if channels_first else (default_size, default_size, 3)
    if weights == "imagenet" and require_flatten and input_shape is not None and input_shape != default_shape:
        raise ValueError("When setting `include_top=True` and loading `imagenet` weights, `input_shape` should "
                         f"be {default_shape}.  Received: input_shape={input_shape}")
    if input_shape:
        if len(input_shape) != 3:
            raise ValueError("`input_shape` must be a tuple of three integers.")
        channels = input_shape[0] if channels_first else input_shape[-1]
        if channels != 3 and weights == "imagenet":
            raise ValueError(f"The input must have 3 channels; Received `input_shape={input_shape}`")
        spatial = input_shape[1:] if channels_first else input_shape[:2]
        if any(size is not None and size < min_size for size in spatial):
            raise ValueError(f"Input size must be at least {min_size}x{min_size}; Received: "
                             f"input_shape={input_shape}")
    elif require_flatten:
        input_shape = default_shape
    else:
        input_shape = (3, None, None) if channels_first else (None, None, 3)
    if require_flatten and None in input_shape:
        raise ValueError("If `include_top` is True, you should specify a static `input_shape`. Received: "
                         f"input_shape={input_shape}")
    return input_shape


def correct_pad(inputs, kernel_size):
    """Zero padding ``((top, bottom), (left, right))`` that makes a stride-2 'valid'
    convolution centre its windows the way TensorFlow's 'same' padding does: one pixel less
    on the top/left when the size is even (and when it is unknown)."""
    from ..config import image_data_format
    first = 2 if image_data_format() == "channels_first" else 1
    size = tuple(inputs.shape)[first:first + 2]
    if isinstance(kernel_size, int):
        kernel_size = (kernel_size, kernel_size)
    adjust = (1, 1) if size[0] is None else (1 - size[0] % 2, 1 - size[1] % 2)
    half = (kernel_size[0] // 2, kernel_size[1] // 2)
    return ((half[0] - adjust[0], half[0]), (half[1] - adjust[1], half[1]))


def validate_activation(classifier_activation, weights):
    """Pretrained tops were trained with softmax: only it (or logits) may be asked for."""
    if weights is None:
        return
    from .. import activations
    classifier_activation = activations.get(classifier_activation)
    if classifier_activation not in {activations.get("softmax"), activations.get(None)}:
        raise ValueError("Only `None` and `softmax` activations are allowed for the `classifier_activation` "
                         "argument when using pretrained weights, with `include_top=True`; Received: "
                         f"classifier_activation={classifier_activation}")
