"""InputLayer and keras.Input: the sources of a Functional graph."""
from ...framework import dtypes
from ..keras_tensor import KerasHistory, KerasTensor
from .layer import Layer, Node

__all__ = ["InputLayer", "Input"]


class InputLayer(Layer):
    def __init__(self, shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None,
                 input_tensor=None, optional=False, name=None, **kwargs):
        if "input_shape" in kwargs:  # Keras-2 spelling
            shape = kwargs.pop("input_shape")
        if "batch_input_shape" in kwargs:
            batch_shape = kwargs.pop("batch_input_shape")
        if kwargs.pop("ragged", False):  # in every saved config (always False there)
            raise NotImplementedError("leantf has no ragged tensors: `Input(ragged=True)` is not supported.")
        super().__init__(name=name, dtype=dtype, **kwargs)
        if shape is not None and batch_shape is not None:
            raise ValueError("You cannot pass both `shape` and `batch_shape` at the same time.")
        if batch_shape is None:
            if shape is None and input_tensor is None:
                raise ValueError("You must pass a `shape` argument.")
            if shape is not None:
                shape = (shape,) if isinstance(shape, int) else tuple(shape)
                batch_shape = (batch_size,) + shape
        if input_tensor is not None:
            batch_shape = tuple(input_tensor.shape.as_list())
        self._batch_shape = tuple(None if d is None else int(d) for d in batch_shape)
        self._dtype = dtypes.as_dtype(dtype or "float32")
        self.sparse = bool(sparse)
        self.optional = optional
        self.built = True
        tensor = input_tensor if input_tensor is not None else \
            KerasTensor(self._batch_shape, self._dtype, name=name)
        tensor._keras_history = KerasHistory((self, 0, 0))
        self._inbound_nodes.append(Node(self, (), {}, tensor))
        self._input_tensor = tensor

    @property
    def batch_shape(self):
        return self._batch_shape

    @property
    def output(self):
        return self._input_tensor

    def call(self, inputs):
        return inputs

    def get_config(self):
        return {"batch_shape": list(self._batch_shape), "dtype": self.dtype, "sparse": self.sparse,
                "ragged": False, "name": self.name, "optional": self.optional}


def Input(shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None, name=None, tensor=None,
          optional=False):
    layer = InputLayer(shape=shape, batch_size=batch_size, dtype=dtype, sparse=sparse,
                       batch_shape=batch_shape, input_tensor=tensor, optional=optional, name=name)
    return layer.output
