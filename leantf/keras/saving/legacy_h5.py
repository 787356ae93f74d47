"""``load_weights`` from legacy Keras ``.h5`` files (``model.save("m.h5")`` in Keras 3, or
``save_weights("w.h5")`` in tf.keras 2).

Keras's ``legacy_h5_format``: the file (or its ``model_weights`` group) lists
``layer_names``; each layer group lists ``weight_names``. Loading is topological (the
model's layers that have weights, in order, against the saved layers that have weights) or,
with ``by_name=True``, by layer name. Weights are in the legacy order
``trainable_weights + non_trainable_weights``. Links are refused and sizes checked by
leantf.io.hdf5, as for ``.weights.h5`` files; nothing else in the file (model config,
training config) is read.
"""
import warnings

import numpy as np

from ...io import hdf5

__all__ = ["load_legacy_weights"]


def _group(parent, name):
    obj = parent[name]
    if not isinstance(obj, hdf5.Group):
        raise ValueError(f"Invalid H5 file, expected Group but received {type(obj)}")
    return obj


def _attribute_list(group, name):
    """An attribute saved as a list of strings, possibly split into ``name0``, ``name1``...
    (HDF5 object headers cap attribute sizes)."""
    def decoded(values):
        return [n.decode("utf8") if hasattr(n, "decode") else n for n in values]
    if name in group.attrs:
        return decoded(group.attrs[name])
    data, chunk = [], 0
    while f"{name}{chunk}" in group.attrs:
        data.extend(decoded(group.attrs[f"{name}{chunk}"]))
        chunk += 1
    return data


def _subset_weights(group):
    out = []
    for weight_name in _attribute_list(group, "weight_names"):
        ds = group[weight_name]
        if not isinstance(ds, hdf5.Dataset):
            raise ValueError(f"Invalid H5 file, expected Dataset, received {type(ds)}")
        out.append(np.asarray(ds.read()))
    return out


def _legacy_weights(layer):
    return list(layer.trainable_weights) + list(layer.non_trainable_weights)


def _shape(variable):
    shape = variable.shape
    return tuple(shape.as_list()) if hasattr(shape, "as_list") else tuple(shape)


def _set_weights(symbolic, values, name, skip_mismatch):
    for variable, value in zip(symbolic, values):
        expected, received = _shape(variable), value.shape
        if expected != received:
            # Keras's text, missing space after the name included.
            text = (f"{name}for weight {variable.path}. Weight expects shape {expected}. Received saved weight "
                    f"with shape {received}")
            if skip_mismatch:
                warnings.warn(f"Skipping loading weights for {name}due to mismatch in shape for weight "
                              f"{variable.path}. Weight expects shape {expected}. Received saved weight with shape "
                              f"{received}", stacklevel=3)
                continue
            raise ValueError(f"Shape mismatch in {text}")
        variable.assign(value.astype(variable.dtype.as_numpy_dtype, copy=False))


def _top_level(model):
    own = model._own_weights() if hasattr(model, "_own_weights") else []
    return list(own)


def _topological(group, model, skip_mismatch):
    layers = [layer for layer in model.layers if _legacy_weights(layer)]
    names = [n for n in _attribute_list(group, "layer_names") if _attribute_list(_group(group, n), "weight_names")]
    if len(names) != len(layers):
        raise ValueError(f"Layer count mismatch when loading weights from file. Model expected {len(layers)} "
                         f"layers, found {len(names)} saved layers.")
    for k, (name, layer) in enumerate(zip(names, layers)):
        symbolic = _legacy_weights(layer)
        values = _subset_weights(_group(group, name))
        if len(values) != len(symbolic):
            raise ValueError(f"Weight count mismatch for layer #{k} (named {layer.name} in the current model, "
                             f"{name} in the save file). Layer expects {len(symbolic)} weight(s). Received "
                             f"{len(values)} saved weight(s)")
        _set_weights(symbolic, values, f"layer #{k} (named {layer.name})", skip_mismatch)
    if "top_level_model_weights" in group:
        symbolic = _top_level(model)
        values = _subset_weights(_group(group, "top_level_model_weights"))
        if len(values) != len(symbolic):
            raise ValueError("Weight count mismatch for top-level weights when loading weights from file. Model "
                             f"expects {len(symbolic)} top-level weight(s). Received {len(values)} saved top-level "
                             "weight(s)")
        _set_weights(symbolic, values, "top-level model", skip_mismatch)


def _by_name(group, model, skip_mismatch):
    index = {}
    for layer in model.layers:
        if layer.name:
            index.setdefault(layer.name, []).append(layer)
    for k, name in enumerate(_attribute_list(group, "layer_names")):
        values = _subset_weights(_group(group, name))
        for layer in index.get(name, []):
            symbolic = _legacy_weights(layer)
            if len(values) != len(symbolic):
                text = (f"layer #{k} (named {layer.name}). Layer expects {len(symbolic)} weight(s). Received "
                        f"{len(values)} saved weight(s)")
                if skip_mismatch:
                    warnings.warn(f"Skipping loading of weights for layer #{k} (named {layer.name}) due to mismatch "
                                  f"in number of weights. Layer expects {len(symbolic)} weight(s). Received "
                                  f"{len(values)} saved weight(s)", stacklevel=3)
                    continue
                raise ValueError(f"Weight count mismatch for {text}")
            _set_weights(symbolic, values, f"layer #{k} (named {layer.name})", skip_mismatch)
    if "top_level_model_weights" in group:
        symbolic = _top_level(model)
        values = _subset_weights(_group(group, "top_level_model_weights"))
        if len(values) != len(symbolic):
            if skip_mismatch:
                warnings.warn("Skipping loading top-level weights for model due to mismatch in number of weights. "
                              f"Model expects {len(symbolic)} top-level weight(s). Received {len(values)} saved "
                              "top-level weight(s)", stacklevel=3)
                return
            raise ValueError("Weight count mismatch for top-level weights of model. Model expects "
                             f"{len(symbolic)} top-level weight(s). Received {len(values)} saved top-level weight(s)")
        _set_weights(symbolic, values, "top-level model", skip_mismatch)


def load_legacy_weights(model, filepath, skip_mismatch=False, by_name=None):
    with hdf5.File(filepath) as f:
        group = f
        if "layer_names" not in f.attrs and "model_weights" in f:
            group = _group(f, "model_weights")
        if by_name:
            _by_name(group, model, skip_mismatch)
        else:
            _topological(group, model, skip_mismatch)
