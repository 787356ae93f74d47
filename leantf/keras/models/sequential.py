"""keras.Sequential: a stack of layers, run as a Functional graph once its input shape is known.

As in Keras 3: an ``Input`` (or ``input_shape=`` on the first layer) builds the graph at once;
otherwise the first call builds it from the data's shape. ``model.input``/``output`` are those
of the model's own first call (a Layer's view); ``inputs``/``outputs``/``input_shape`` are the
graph's.
"""
from ...framework import nest
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
        if layers:
            self._maybe_rebuild()

    def add(self, layer, rebuild=True):
        if getattr(layer, "_keras_history", None) is not None:
            origin = layer._keras_history[0]
            if isinstance(origin, InputLayer):
                layer = origin
        if not isinstance(layer, Layer):
            raise ValueError(f"Only instances of `keras.Layer` can be added to a Sequential model. Received: "
                             f"{layer} (of type {type(layer)})")
        if not self._stack and not isinstance(layer, InputLayer) and layer._batch_input_shape is not None:
            # `input_shape=` on the first layer stands for an Input in front of it.
            self._stack.append(InputLayer(batch_shape=layer._batch_input_shape, dtype=layer.dtype))
        if isinstance(layer, InputLayer) and self._stack and isinstance(self._stack[0], InputLayer):
            raise ValueError(f"Sequential model '{self.name}' has already been configured to use input shape "
                             f"{self._stack[0].batch_shape}. You cannot add a different Input layer to it.")
        if any(l.name == layer.name for l in self._stack if l is not layer):
            raise ValueError(f"All layers added to a Sequential model should have unique names. Name "
                             f"'{layer.name}' is already the name of a layer in this model. Update the `name` "
                             "argument to pass a unique name.")
        self._stack.append(layer)
        if rebuild:
            self._maybe_rebuild()
        else:
            self.built = False
            self._functional = None

    def pop(self, rebuild=True):
        if not self.layers:
            raise IndexError("list index out of range")
        layer = self._stack.pop()
        self.built = False
        self._functional = None
        if rebuild:
            self._maybe_rebuild()
        return layer

    @property
    def layers(self):
        # The InputLayer at the bottom of the stack is not listed, as in Keras.
        return [l for l in self._stack if not isinstance(l, InputLayer)]

    @property
    def _layers(self):
        return self.layers

    def _maybe_rebuild(self):
        self.built = False
        self._functional = None
        if self._stack and isinstance(self._stack[0], InputLayer) and len(self._stack) > 1:
            self.build(self._stack[0].batch_shape)
        elif self._stack and isinstance(self._stack[0], InputLayer):
            self.built = True  # an Input alone: Keras reports the model as built

    def build(self, input_shape=None):
        if input_shape is None:
            if not self._stack or not isinstance(self._stack[0], InputLayer):
                raise ValueError("You must provide an `input_shape` argument.")
            input_shape = self._stack[0].batch_shape
        input_shape = tuple(input_shape.as_list()) if hasattr(input_shape, "as_list") else tuple(input_shape)
        if not self._stack:
            raise ValueError(f"Sequential model {self.name} cannot be built because it has no layers. Call "
                             "`model.add(layer)`.")
        if not isinstance(self._stack[0], InputLayer):
            self._stack.insert(0, InputLayer(batch_shape=input_shape, dtype=self._stack[0].dtype))
        inputs = self._stack[0].output
        x = inputs
        _SCOPE.append(self.name)
        try:
            with stop_recording_all():
                for layer in self._stack[1:]:
                    x = layer(x)
        except NotImplementedError:
            # A layer that cannot run symbolically: the model runs layer by layer on data.
            self._functional = None
            self.built = True
            return
        finally:
            _SCOPE.pop()
        self._functional = _graph(inputs, x)
        self._build_shapes = input_shape
        self.built = True

    def call(self, inputs, training=None, mask=None, **kwargs):
        if self._functional is not None:
            return self._functional.call(inputs, training=training, mask=mask)
        x = inputs
        for layer in self.layers:
            kw = {"training": training} if training is not None else {}
            x = layer(x, **kw)
        return x

    def __call__(self, *args, **kwargs):
        if not self.built and args:
            first = nest.flatten(args[0])[0]
            shape = getattr(first, "shape", None)
            if shape is not None and self.layers:
                # Built from the first data it sees: Keras keeps that shape (batch size included)
                # for a concrete call, and an unknown batch size for a symbolic one.
                dims = tuple(shape.as_list()) if hasattr(shape, "as_list") else tuple(shape)
                if getattr(first, "_keras_history", None) is not None:
                    dims = (None,) + dims[1:]
                self.build(dims)
        return super().__call__(*args, **kwargs)

    @property
    def inputs(self):
        if self._functional is None:
            raise AttributeError(f"Sequential model '{self.name}' has no defined inputs yet.")
        return self._functional.inputs

    @property
    def outputs(self):
        if self._functional is None:
            raise AttributeError(f"Sequential model '{self.name}' has no defined outputs yet.")
        return self._functional.outputs

    @property
    def input_shape(self):
        if self._functional is None:
            raise AttributeError(f"Sequential model '{self.name}' has no defined input shape yet.")
        return self._functional.input_shape

    @property
    def output_shape(self):
        if self._functional is None:
            raise AttributeError(f"Sequential model '{self.name}' has no defined output shape yet.")
        return self._functional.output_shape

    @property
    def _output_tensors(self):
        return self._functional._output_tensors if self._functional is not None else []

    @property
    def _nodes(self):
        return self._functional._nodes if self._functional is not None else []

    @property
    def operations(self):
        return self._functional.operations if self._functional is not None else list(self._stack)

    def get_config(self):
        from ..saving.serialization import serialize_keras_object
        return {"name": self.name, "trainable": self.trainable,
                "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": self.dtype},
                          "registered_name": None},
                "layers": [serialize_keras_object(l) for l in self._stack],
                "build_input_shape": self._build_shapes}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from ..saving.serialization import deserialize_keras_object
        model = cls(name=config.get("name"), trainable=config.get("trainable", True))
        for layer_config in config["layers"]:
            model.add(deserialize_keras_object(layer_config, custom_objects=custom_objects), rebuild=False)
        if model._stack and (isinstance(model._stack[0], InputLayer) or config.get("build_input_shape")):
            if isinstance(model._stack[0], InputLayer):
                model._maybe_rebuild()
            else:
                model.build(config["build_input_shape"])
        return model


def _graph(inputs, outputs):
    """The Functional graph of a Sequential: built without taking a model name of its own."""
    g = Layer.__new__(Functional)
    Functional.__init__(g, inputs, outputs, name="sequential_graph")
    return g

