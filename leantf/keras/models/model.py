"""keras.Model: a Layer that groups layers, plus (from the trainer) compile/fit/evaluate/predict.

``Model(inputs, outputs)`` returns a Functional model; subclasses define ``call``.
"""
from .. import naming
from ..layers.layer import Layer
from ..trainers.trainer import Trainer

__all__ = ["Model"]


class Model(Trainer, Layer):
    def __new__(cls, *args, **kwargs):
        if cls is Model and (len(args) >= 2 or "outputs" in kwargs):
            from .functional import Functional
            return Layer.__new__(Functional)
        return super().__new__(cls)

    def __init__(self, *args, **kwargs):
        if type(self) is Model and (args or "inputs" in kwargs):
            raise TypeError("Model.__init__ takes (inputs, outputs) only for Functional models.")
        functional_name = kwargs.pop("_functional_name", False)
        name = kwargs.pop("name", None)
        if name is None and functional_name:
            name = naming.uniquify("functional")
        super().__init__(name=name, trainable=kwargs.pop("trainable", True), dtype=kwargs.pop("dtype", None),
                         **kwargs)

    def _obj_type(self):
        return "Model"

    @property
    def layers(self):
        return self._layers

    def get_layer(self, name=None, index=None):
        if index is not None and name is not None:
            raise ValueError(f"Provide only a layer name or a layer index. Received: index={index}, name={name}.")
        if index is not None:
            if len(self.layers) <= index:
                raise ValueError(f"Was asked to retrieve layer at index {index} but model only has "
                                 f"{len(self.layers)} layers.")
            return self.layers[index]
        if name is not None:
            for layer in self.layers:
                if layer.name == name:
                    return layer
            raise ValueError(f"No such layer: {name}. Existing layers are: {[l.name for l in self.layers]}.")
        raise ValueError("Provide either a layer name or layer index at `get_layer`.")

    def save(self, filepath, overwrite=True, zipped=None, **kwargs):
        """The whole model (config, weights, optimizer state) as a Keras 3 ``.keras`` file."""
        from ..saving.saving_api import save_model
        return save_model(self, filepath, overwrite=overwrite, zipped=zipped, **kwargs)

    def get_config(self):
        # Functional models (and subclasses keeping Functional's constructor) describe their
        # graph; any other model is configured like a layer, from its constructor arguments.
        from ..saving import functional_config
        if functional_config.has_functional_constructor(type(self)) and hasattr(self, "_operations"):
            return functional_config.functional_get_config(self)
        return super().get_config()

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from ..saving import functional_config
        if functional_config.is_functional_config(config) and (
                cls is Model or functional_config.has_functional_constructor(cls)):
            return functional_config.functional_from_config(cls, config, custom_objects=custom_objects)
        try:
            return cls(**config)
        except TypeError as e:
            raise TypeError("Unable to revive model from config. When overriding the `get_config()` method, make "
                            "sure that the returned config contains all items used as arguments in the  constructor "
                            f"to {cls}, which is the default behavior. You can override this default behavior by "
                            "defining a `from_config(cls, config)` class method to specify how to create an instance "
                            f"of {cls.__name__} from its config.\n\nReceived config={config}\n\nError encountered "
                            f"during deserialization: {e}") from None

    def build_from_config(self, config):
        # A subclassed model's sub-layers only get their variables when `call` runs, so (as
        # Keras does) a loaded model is built by running it once, on zeros of the saved
        # input shape (unknown dimensions as 1), before its weights are read.
        shape = (config or {}).get("input_shape")
        if shape is None or self.built and self.weights or type(self).build is not Layer.build:
            return super().build_from_config(config)
        import warnings
        import numpy as np
        try:
            self(np.zeros([1 if d is None else d for d in shape], dtype=self.dtype or "float32"))
        except Exception:  # nested or unusual inputs: Keras warns and leaves the model unbuilt
            warnings.warn(f"Model '{self.name}' had a build config, but the model cannot be built automatically in "
                          "`build_from_config(config)`. You should implement `def build_from_config(self, config)`, "
                          "and you might also want to implement the method  that generates the config at saving "
                          "time, `def get_build_config(self)`. The method `build_from_config()` is meant to create "
                          "the state of the model (i.e. its variables) upon deserialization.", stacklevel=2)

    def save_weights(self, filepath, overwrite=True, max_shard_size=None):
        from ..saving.weights_h5 import save_weights
        return save_weights(self, filepath, overwrite=overwrite, max_shard_size=max_shard_size)

    def load_weights(self, filepath, skip_mismatch=False, **kwargs):
        from ..saving.weights_h5 import load_weights
        return load_weights(self, filepath, skip_mismatch=skip_mismatch, **kwargs)

    def summary(self, line_length=None, positions=None, print_fn=None, expand_nested=False,
                show_trainable=False, layer_range=None):
        from .summary import print_summary
        print_summary(self, line_length=line_length, positions=positions, print_fn=print_fn,
                      expand_nested=expand_nested, show_trainable=show_trainable, layer_range=layer_range)
