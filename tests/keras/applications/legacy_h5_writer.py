"""Write a model's weights in the Keras-2 ``.h5`` layout of the ImageNet application files,
with leantf's own HDF5 writer (leantf has no public saver for this legacy format; Keras 3
writes it only through the deprecated ``model.save("x.h5")``).

Layout, as in the published MobileNetV2 files: root attributes ``layer_names`` (every
layer, those without weights included), ``backend`` and ``keras_version``; one group per
layer whose ``weight_names`` attribute lists datasets named ``<layer>/<weight>:0``, in
the order trainable weights, then non-trainable ones.
"""
import numpy as np

from leantf.io import hdf5


def write_legacy_weights(model, path):
    with hdf5.FileWriter(path) as f:
        f.attrs["layer_names"] = [layer.name for layer in model.layers]
        f.attrs["backend"] = "tensorflow"
        f.attrs["keras_version"] = "2.2.4"
        for layer in model.layers:
            group = f.create_group(layer.name)
            weights = list(layer.trainable_weights) + list(layer.non_trainable_weights)
            names = [f"{layer.name}/{w.name}:0" for w in weights]
            group.attrs["weight_names"] = names
            for name, w in zip(names, weights):
                group.create_dataset(name, np.asarray(w.numpy(), dtype="float32"))
