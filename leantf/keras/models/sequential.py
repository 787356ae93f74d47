"""keras.Sequential: a stack of layers, run as a Functional graph once its input shape is known."""
from ...framework import nest
from ...framework.symbolic import SymbolicTensor
from ...framework.tape import stop_recording_all
from ..layers.input_layer import InputLayer
from ..layers.layer import Layer, _SCOPE
from .functional import Functional
from .model import Model

__all__ = ["Sequential"]


class Sequential(Model):
    def __init__(self, layers=None, trainable=True, name=None):
        super().__init__(trainable=trainable, name=name)
        self._stack = []
        self._functional = None
        for layer in layers or []:
            self.add(layer, rebuild=False)
        self._maybe_rebuild()

    def add(self, layer, rebuild=True):
        if isinstance(layer, SymbolicTensor) and getattr(layer, "_keras_history", None) is not None:
            origin = layer._keras_history[0]
            if isinstance(origin, InputLayer):
                layer = origin
        if not isinstance(layer, Layer):
            raise ValueError(f"Only instances of `keras.Layer` can be added to a Sequential model. Received: "
                             f"{layer} (of type {type(layer)})")
        if isinstance(layer, InputLayer) and self._stack and isinstance(self._stack[0], InputLayer):
            raise ValueError(f"Sequential model '{self.name}' has already been configured to use input shape "
                             f"{self._stack[0].batch_shape}. You cannot add a different Input layer to it.")
        self._stack.append(layer)
        if rebuild:
            self._maybe_rebuild()
        else:
            self.built = False

    def pop(self, rebuild=True):
        layers = self.layers
        if not layers:
            raise TypeError("There are no layers in the model.")
        layer = layers[-1]
        self._stack.remove(layer)
        self._functional = None
        self.built = False
        if rebuild:
            self._maybe_rebuild()
        return layer

    @property
    def layers(self):
        return [l for l in self._stack if not isinstance(l, InputLayer)]

    @property
    def _layers(self):
        return self.layers

    def _input_batch_shape(self):
        if not self._stack:
            return None
        first = self._stack[0]
        if isinstance(first, InputLayer):
            return first.batch_shape
        return first._batch_input_shape

    def _maybe_rebuild(self):
        self.built = False
        self._functional = None
        shape = self._input_batch_shape()
        if shape is not None and (len(self._stack) > 1 or not isinstance(self._stack[0], InputLayer)):
            self.build(shape)

    def build(self, input_shape=None):
        if input_shape is None:
            input_shape = self._input_batch_shape()
            if input_shape is None:
                raise ValueError("You must provide an `input_shape` argument.")
        input_shape = tuple(input_shape.as_list()) if hasattr(input_shape, "as_list") else tuple(input_shape)
        if not self._stack or not isinstance(self._stack[0], InputLayer):
            first = self._stack[0] if self._stack else None
            dtype = first.dtype if first is not None else None
            self._stack.insert(0, InputLayer(batch_shape=input_shape, dtype=dtype))
        inputs = self._stack[0].output
        x = inputs
        _SCOPE.append(self.name)
        try:
            with stop_recording_all():
                for layer in self._stack[1:]:
                    x = layer(x)
        finally:
            _SCOPE.pop()
        self._functional = _graph(inputs, x)
        self._build_shapes = input_shape
        self.built = True

    def call(self, inputs, training=None, mask=None):
        if self._functional is not None:
            return self._functional.call(inputs, training=training, mask=mask)
        x = inputs
        for layer in self.layers:
            x = layer(x, training=training)
        return x

    def __call__(self, *args, **kwargs):
        if not self.built and self._functional is None and args:
            first = nest.flatten(args[0])[0]
            shape = getattr(first, "shape", None)
            if shape is not None:
                dims = tuple(shape.as_list()) if hasattr(shape, "as_list") else tuple(shape)
                self.build((None,) + dims[1:])
        return super().__call__(*args, **kwargs)

    @property
    def input(self):
        if self._functional is None:
            raise AttributeError(f"Sequential model '{self.name}' has no defined input yet.")
        return self._functional.input

    inputs = input

    @property
    def output(self):
        if self._functional is None:
            raise AttributeError(f"Sequential model '{self.name}' has no defined output yet.")
        return self._functional.output

    outputs = output


def _graph(inputs, outputs):
    """The Functional graph of a Sequential: built without taking a model name of its own."""
    g = Layer.__new__(Functional)
    Functional.__init__(g, inputs, outputs, name="sequential_graph")
    return g
