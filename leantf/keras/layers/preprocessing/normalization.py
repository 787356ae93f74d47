"""keras.layers.Normalization: ``(x - mean) / max(sqrt(variance), epsilon)`` per feature.

The statistics are either given (``mean=``, ``variance=``: constants, no weights) or
learned by ``adapt(data)`` into three non-trainable weights, ``mean``, ``variance`` and
``count`` (which Keras 3 creates and never updates: it stays 0, and is kept so weight files
line up). ``axis`` names the axes that keep their own statistics; all others are reduced.
"""
import itertools
import math

import numpy as np

from ....framework.tensor import EagerTensor, convert_to_tensor
from ....ops import basic_ops, math_ops, reduction_ops
from ... import config as keras_config
from ..layer import Layer

__all__ = ["Normalization"]


class Normalization(Layer):
    def __init__(self, axis=-1, mean=None, variance=None, invert=False, **kwargs):
        super().__init__(**kwargs)
        self.axis = () if axis is None else (axis,) if isinstance(axis, int) else tuple(axis)
        self.input_mean = mean
        self.input_variance = variance
        self.invert = invert
        self.supports_masking = True
        self._build_input_shape = None
        if (mean is not None) != (variance is not None):
            raise ValueError("When setting values directly, both `mean` and `variance` must be set. Received: "
                             f"mean={mean} and variance={variance}")
        if mean is not None:
            if np.shape(mean) != np.shape(variance):
                raise ValueError("When setting values directly, `mean` and `variance` must have the same shape. "
                                 f"Received: mean shape {np.shape(mean)} and variance shape {np.shape(variance)}")
            if len(np.shape(mean)) > len(self.axis):
                raise ValueError("The rank of `mean` must be less than or equal to the number of axes "
                                 f"({len(self.axis)}). Received: mean shape {np.shape(mean)} for axis {self.axis}")

    def build(self, input_shape):
        if input_shape is None:
            return
        dims = list(input_shape)
        ndim = len(dims)
        self._build_input_shape = tuple(dims)
        if any(a < -ndim or a >= ndim for a in self.axis):
            raise ValueError(f"All `axis` values must be in the range [-ndim, ndim). Received inputs with "
                             f"ndim={ndim}, while axis={self.axis}")
        self._keep_axis = tuple(sorted(a % ndim for a in self.axis))
        for d in self._keep_axis:
            if dims[d] is None:
                raise ValueError(f"All `axis` values to be kept must have a known shape. Received axis={self.axis}, "
                                 f"inputs.shape={tuple(dims)}, with unknown axis at index {d}")
        self._reduce_axis = tuple(d for d in range(ndim) if d not in self._keep_axis)
        self._broadcast_shape = [dims[d] if d in self._keep_axis else 1 for d in range(ndim)]
        self._mean_and_var_shape = tuple(dims[d] for d in self._keep_axis)
        if self.input_mean is None:
            self.adapt_mean = self.add_weight(name="mean", shape=self._mean_and_var_shape, initializer="zeros",
                                              trainable=False)
            self.adapt_variance = self.add_weight(name="variance", shape=self._mean_and_var_shape,
                                                  initializer="ones", trainable=False)
            self.count = self.add_weight(name="count", shape=(), dtype="int", initializer="zeros", trainable=False)
        else:
            self._given = (self._broadcast(self.input_mean), self._broadcast(self.input_variance))
        self.built = True

    def _broadcast(self, values):
        """A given statistic shaped to broadcast against the inputs: its dims line up with the
        kept axes from the right, as Keras lines them up."""
        t = basic_ops.cast(convert_to_tensor(values), self.compute_dtype)
        if t.shape.rank:
            expanded = [1] * len(self._broadcast_shape)
            for i in range(1, t.shape.rank + 1):
                expanded[self._keep_axis[-i]] = t.shape[-i]
            t = basic_ops.reshape(t, expanded)
        return basic_ops.broadcast_to(t, self._broadcast_shape)

    def _statistics(self):
        if self.input_mean is not None:
            return self._given
        # Read from the weights on every call (Keras keeps a snapshot taken after adapt() or
        # loading; reading the weights gives the same numbers and also follows set_weights).
        mean = basic_ops.reshape(basic_ops.cast(self.adapt_mean, self.compute_dtype), self._broadcast_shape)
        variance = basic_ops.reshape(basic_ops.cast(self.adapt_variance, self.compute_dtype), self._broadcast_shape)
        return mean, variance

    def call(self, inputs):
        inputs = basic_ops.cast(convert_to_tensor(inputs), self.compute_dtype)
        mean, variance = self._statistics()
        spread = math_ops.maximum(math_ops.sqrt(variance), keras_config.epsilon())
        if self.invert:
            return mean + inputs * spread
        return (inputs - mean) / spread

    def compute_output_shape(self, input_shape):
        return input_shape

    # -- adapt ----------------------------------------------------------------------------------
    def adapt(self, data):
        """Learn the mean and variance of ``data``: an array or tensor (all at once), or a
        batched ``tf.data.Dataset`` or other iterable of batches (combined batch by batch)."""
        batches = None
        if isinstance(data, np.ndarray) or isinstance(data, EagerTensor):
            input_shape = tuple(data.shape)
        elif _is_dataset(data):
            input_shape = _dataset_shape(data)
            if len(input_shape) == 1:
                data = data.batch(128)
                input_shape = _dataset_shape(data)
            batches = data
        elif hasattr(data, "__iter__"):
            it = iter(data)
            first = next(it, None)
            if first is None:
                raise ValueError("adapt() received an empty iterable (no batches). Expected at least one batch. "
                                 "Pass a non-empty iterable of arrays or tensors, e.g. layer.adapt([x]) or "
                                 "layer.adapt(list_of_batches).")
            first = _first_of(first)
            if getattr(first, "shape", None) is None:
                raise TypeError("adapt() expects an iterable that yields arrays or tensors with a `.shape` "
                                f"attribute (e.g. numpy arrays or backend tensors). Got an element of type "
                                f"{type(first).__name__}. Ensure each yielded element is array-like with a "
                                "`.shape` attribute.")
            input_shape = tuple(first.shape)
            batches = itertools.chain([first], it)
        else:
            raise TypeError(f"Unsupported data type: {type(data)}. `adapt` supports `np.ndarray`, backend "
                            "tensors, `tf.data.Dataset`, `keras.utils.PyDataset`, and iterables of batches "
                            "(e.g. list, generator).")
        if not self.built:
            self.build(input_shape)
        else:
            for d in self._keep_axis:
                if input_shape[d] != self._build_input_shape[d]:
                    raise ValueError(f"The layer was built with input_shape={self._build_input_shape}, but adapt() "
                                     f"is being called with data with an incompatible shape, data.shape={input_shape}")
        if isinstance(data, np.ndarray):
            mean, var = np.mean(data, axis=self._reduce_axis), np.var(data, axis=self._reduce_axis)
        elif isinstance(data, EagerTensor):
            mean = reduction_ops.reduce_mean(data, axis=self._reduce_axis)
            var = reduction_ops.reduce_variance(data, axis=self._reduce_axis)
        else:
            mean, var = self._combined_statistics(batches)
        self.adapt_mean.assign(basic_ops.cast(convert_to_tensor(mean), self.adapt_mean.dtype))
        self.adapt_variance.assign(basic_ops.cast(convert_to_tensor(var), self.adapt_variance.dtype))

    def _combined_statistics(self, batches):
        # Each batch's mean and variance folded into the running ones, weighted by counts
        # (the parallel-variance update), in float32 as Keras does it.
        total_mean = np.zeros(self._mean_and_var_shape, np.float32)
        total_var = np.zeros(self._mean_and_var_shape, np.float32)
        total_count = 0
        for batch in batches:
            batch = basic_ops.cast(convert_to_tensor(_first_of(batch)), self.compute_dtype)
            for d in self._keep_axis:
                if batch.shape[d] != self._build_input_shape[d]:
                    raise ValueError(f"adapt() yielded a batch with incompatible shape. Expected "
                                     f"{self._build_input_shape}, got {tuple(batch.shape)}.")
            batch_mean = reduction_ops.reduce_mean(batch, axis=self._reduce_axis).numpy()
            batch_var = reduction_ops.reduce_variance(batch, axis=self._reduce_axis).numpy()
            count = math.prod(batch.shape[d] for d in self._reduce_axis) if self._reduce_axis else 1
            total_count += count
            w_new = np.float32(float(count) / total_count)
            w_old = np.float32(1.0) - w_new
            new_mean = total_mean * w_old + batch_mean * w_new
            total_var = ((total_var + (total_mean - new_mean) ** 2) * w_old
                         + (batch_var + (batch_mean - new_mean) ** 2) * w_new)
            total_mean = new_mean
        return total_mean, total_var

    # -- config ---------------------------------------------------------------------------------
    def get_config(self):
        config = super().get_config()
        config.update({"axis": self.axis, "invert": self.invert,
                       "mean": np.array(self.input_mean).tolist(),
                       "variance": np.array(self.input_variance).tolist()})
        return config

    def get_build_config(self):
        if self._build_input_shape:
            return {"input_shape": self._build_input_shape}

    def build_from_config(self, config):
        if config:
            self.build(config["input_shape"])


def _is_dataset(data):
    return type(data).__module__.startswith("leantf.data") and hasattr(data, "element_spec")


def _dataset_shape(dataset):
    spec = dataset.element_spec
    spec = spec[0] if isinstance(spec, tuple) else spec
    return tuple(spec.shape)


def _first_of(batch):
    """``x`` of an ``(x, y)`` batch (adapt learns from inputs only)."""
    return batch[0] if isinstance(batch, tuple) else batch
