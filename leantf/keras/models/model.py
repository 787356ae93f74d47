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
