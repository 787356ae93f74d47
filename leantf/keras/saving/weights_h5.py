"""Keras 3 weight files: ``save_weights`` / ``load_weights`` for ``.weights.h5``.

The layout and the walk are Keras's (``saving_lib._save_state`` / ``_walk_saveable``), so
files move both ways between leantf and Keras:

- every saveable (layer, model, optimizer) writes its own variables to ``<path>/vars/<i>``,
  in a ``vars`` group created even when empty and carrying the attribute ``name``; the root
  model's path is ``""`` (so ``/vars``);
- Sequential and Functional models first yield ``"layers"`` -> ``model.layers``; then every
  attribute in ``dir(obj)`` is visited in sorted order, private names last, skipping the
  base-class attributes; a saveable attribute is stored under the attribute name, a
  list/tuple/dict becomes a container whose saveables are named ``snake_case(ClassName)``
  with ``_1``, ``_2``... in container order (nested containers: ``container``,
  ``container_1``...);
- each object is saved once (dedup by id); bfloat16 is stored as 2-byte opaque data with the
  attribute ``dtype="bfloat16"``.

Loading walks the *receiving* model the same way, checks counts and shapes with Keras's
messages, keeps going past a failing object and raises (or, with ``skip_mismatch``, warns)
Keras's summary at the end. HDF5 comes from ``leantf.io.hdf5``; h5py is never needed.
"""
import os
import re
import warnings
import zipfile

import numpy as np

from ...io import hdf5
from ...io.hdf5._base import readable_size

__all__ = ["save_weights", "load_weights", "layer_save_own_variables", "layer_load_own_variables"]

_VARS_FNAME_H5 = "model.weights.h5"
# Keras's zip-bomb rule for archive members (saving_lib._reject_zip_bomb).
_ZIP_BOMB_FLOOR_BYTES = 1 << 32
_ZIP_MAX_EXPANSION = 100


# -- what is saveable, and how a layer stores its own variables ---------------------------------------

def _classes():
    from ..layers.layer import Layer
    from ..models.functional import Functional
    from ..models.model import Model
    from ..models.sequential import Sequential
    from ..optimizers.base_optimizer import Optimizer
    return Layer, Model, Sequential, Functional, Optimizer


def _kind(obj):
    """"state" for objects that own variables in the file (layers, models, optimizers, anything
    with ``save_own_variables``), "named" for other Keras saveables (metrics, losses: they take
    a name in a container but store nothing), None for everything else."""
    Layer, _, _, _, Optimizer = _classes()
    if isinstance(obj, (Layer, Optimizer)) or (hasattr(obj, "save_own_variables") and hasattr(obj, "_obj_type")):
        return "state"
    if hasattr(type(obj), "_obj_type"):
        from .keras_saveable import KerasSaveable
        if isinstance(obj, KerasSaveable) or callable(getattr(obj, "_obj_type", None)):
            return "named"
    return None


def _own_variables(layer):
    """Keras's ``layer._trainable_variables + layer._non_trainable_variables``: the layer's own
    variables (not its sub-layers'), trainable ones first, each group in creation order."""
    if hasattr(layer, "_own_weights"):
        return list(layer._own_weights())
    own = layer._own_vars() if hasattr(layer, "_own_vars") else list(getattr(layer, "_own_variables", []))
    return [v for v in own if v.trainable] + [v for v in own if not v.trainable]


def layer_save_own_variables(layer, store):
    """Keras's ``Layer.save_own_variables``."""
    for i, v in enumerate(_own_variables(layer)):
        store[f"{i}"] = v


def layer_load_own_variables(layer, store):
    """Keras's ``Layer.load_own_variables``: the count must match; each value must have the
    variable's shape. All checks run before the first assignment, so a failing layer is left
    untouched."""
    all_vars = _own_variables(layer)
    if len(store.keys()) != len(all_vars):
        if len(all_vars) == 0 and not layer.built:
            raise ValueError(
                f"Layer '{layer.name}' was never built and thus it doesn't have any variables. However the "
                f"weights file lists {len(store.keys())} variables for this layer.\nIn most cases, this error "
                "indicates that either:\n\n1. The layer is owned by a parent layer that implements a `build()` "
                "method, but calling the parent's `build()` method did NOT create the state of the child layer "
                f"'{layer.name}'. A `build()` method must create ALL state for the layer, including the state of "
                "any children layers.\n\n2. You need to implement the `def build_from_config(self, config)` "
                f"method on layer '{layer.name}', to specify how to rebuild it during loading. In this case, you "
                "might also want to implement the method that generates the build config at saving time, `def "
                "get_build_config(self)`. The method `build_from_config()` is meant to create the state of the "
                "layer (i.e. its variables) upon deserialization.")
        raise ValueError(f"Layer '{layer.name}' expected {len(all_vars)} variables, but received "
                         f"{len(store.keys())} variables during loading. Expected: {[v.name for v in all_vars]}")
    values = []
    for i, v in enumerate(all_vars):
        value = np.asarray(store[f"{i}"])
        vshape = tuple(v.shape.as_list()) if hasattr(v.shape, "as_list") else tuple(v.shape)
        if value.shape != vshape:
            raise ValueError("The shape of the target variable and the shape of the target value in "
                             f"`variable.assign(value)` must match. variable.shape={vshape}, Received: "
                             f"value.shape={value.shape}. Target variable: {v!r}")
        values.append(value)
    for v, value in zip(all_vars, values):
        v.assign(value.astype(v.dtype.as_numpy_dtype, copy=False))


def _save_own(obj, store):
    fn = getattr(obj, "save_own_variables", None)
    fn(store) if fn is not None else layer_save_own_variables(obj, store)


def _load_own(obj, store):
    fn = getattr(obj, "load_own_variables", None)
    fn(store) if fn is not None else layer_load_own_variables(obj, store)


# -- the walk -----------------------------------------------------------------------------------------

def _to_snake_case(name):
    # Keras's naming.to_snake_case (container element names must match it exactly).
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def _name_key(name):
    return f"~{name}" if name.startswith("_") else name


# leantf-only internals of Model/Sequential/Functional/Trainer that hold layers Keras keeps out
# of the walk (the Sequential's InputLayer, its inner graph) or plain bookkeeping.
_MODEL_INTERNALS = {"_stack", "_functional", "_nodes", "_operations", "_inputs_struct", "_outputs_struct",
                    "_input_tensors", "_output_tensors", "_compile_config", "_loss_tracker", "_compiled",
                    "run_eagerly"}
_SKIPSETS = {}


def _skipset(obj):
    """Keras's ``get_attr_skipset``: attribute names of the base classes, never children."""
    Layer, Model, Sequential, Functional, Optimizer = _classes()
    key = "Optimizer" if isinstance(obj, Optimizer) else "Model" if isinstance(obj, Model) else "Layer"
    skip = _SKIPSETS.get(key)
    if skip is None:
        skip = {"_self_unconditional_dependency_names"}
        # Reference instances get explicit names, so no automatic name ("layer_1") is used up.
        if key == "Optimizer":
            skip.update(dir(Optimizer(learning_rate=1.0, name="skipset_reference")))
            skip.discard("variables")  # Keras walks the optimizer's `variables` (harmless: no saveables)
        else:
            skip.update(dir(Layer(name="skipset_reference")))
            if key == "Model":
                from ..layers import layer as _layer_module
                from ..trainers.trainer import Trainer
                # Keras walks model classes with the Layer skipset, so it visits the model API too;
                # of that only `layers` and `optimizer` can hold saveables, so leantf's own
                # model/trainer attributes are skipped except those two.
                for cls in (Model, Trainer, Sequential, Functional):
                    skip.update(dir(cls))
                skip.update(getattr(_layer_module, "_UNTRACKED", ()))
                skip.update(_MODEL_INTERNALS)
                skip.difference_update({"layers", "optimizer"})
        _SKIPSETS[key] = skip
    return skip


def _walk(obj):
    _, _, Sequential, Functional, _ = _classes()
    if isinstance(obj, (Sequential, Functional)):
        yield "layers", obj.layers
    skip = _skipset(obj)
    for attr in sorted(dir(obj), key=_name_key):
        if attr.startswith("__") or attr in skip:
            continue
        try:
            child = getattr(obj, attr)
        except Exception:  # Keras ignores attributes that raise when read
            continue
        yield attr, child


def _join(path, name):
    return f"{path}/{name}" if path else name


def _unique(name, used):
    if name in used:
        used[name] += 1
        return f"{name}_{used[name]}"
    used[name] = 0
    return name


def _save_state(obj, writer, path, visited):
    if id(obj) in visited:
        return
    name = getattr(obj, "name", None)
    _save_own(obj, _WriteStore(writer, path, {"name": name} if isinstance(name, str) else None))
    visited.add(id(obj))
    for attr, child in _walk(obj):
        if _kind(child) == "state":
            _save_state(child, writer, _join(path, attr), visited)
        elif isinstance(child, (list, dict, tuple)):
            _save_container(child, writer, _join(path, attr), visited, set())


def _container_children(container, path):
    """``(item, path, is_container)`` for the saveables and nested containers of a list, tuple
    or dict, with Keras's paths: snake_case class names made unique in container order
    (every saveable kind uses up a name), ``container``, ``container_1``... for nested ones."""
    used = {}
    items = list(container.values()) if isinstance(container, dict) else container
    for item in items:
        kind = _kind(item)
        if kind is not None:
            name = _unique(_to_snake_case(type(item).__name__), used)
            if kind == "state":
                yield item, _join(path, name), False
        elif isinstance(item, (list, dict, tuple)):
            yield item, _join(path, _unique("container", used)), True


def _save_container(container, writer, path, visited, seen_containers):
    if id(container) in seen_containers:
        return
    seen_containers.add(id(container))
    for item, item_path, is_container in _container_children(container, path):
        if is_container:
            _save_container(item, writer, item_path, visited, seen_containers)
        else:
            _save_state(item, writer, item_path, visited)


class _Failures:
    def __init__(self):
        self.ids = set()
        self.errors = {}


def _load_state(obj, reader, path, visited, failures):
    if visited and id(obj) in visited:
        return
    failure = False
    # As in Keras, finding the group is outside the try: a refused link or a malformed group
    # stops loading at once; only the object's own loading failures are collected.
    store = reader.get(path)
    try:
        _load_own(obj, store)
    except Exception as e:
        failures.ids.add(id(obj))
        failures.errors[id(obj)] = (obj, e)
        failure = True
    before = len(failures.ids)
    for attr, child in _walk(obj):
        if _kind(child) == "state":
            _load_state(child, reader, _join(path, attr), visited, failures)
        elif isinstance(child, (list, dict, tuple)):
            _load_container(child, reader, _join(path, attr), visited, failures, set())
    newly_failed = len(failures.ids) - before
    if not failure:
        if newly_failed <= 0:
            visited.add(id(obj))
        if id(obj) in failures.ids:
            failures.ids.discard(id(obj))
            failures.errors.pop(id(obj), None)


def _load_container(container, reader, path, visited, failures, seen_containers):
    if id(container) in seen_containers:
        return
    seen_containers.add(id(container))
    for item, item_path, is_container in _container_children(container, path):
        if not is_container:
            _load_state(item, reader, item_path, visited, failures)
        elif reader.has_path(item_path):
            _load_container(item, reader, item_path, visited, failures, seen_containers)
        else:
            # Files from Keras before nested containers were saved lack these groups: load
            # what can be loaded, warn only if a saveable really went without weights.
            tracked = _Failures()
            _load_container(item, reader, item_path, visited, tracked, seen_containers)
            if tracked.ids:
                warnings.warn(f"Skipping nested container at '{item_path}': no matching group found in the "
                              "saved file. This usually means the file was saved with a Keras version that "
                              "did not serialize sublayers nested inside containers. Affected layers will "
                              "retain their freshly-initialized weights.", stacklevel=2)


# -- stores (Keras's H5IOStore, on leantf.io.hdf5) ---------------------------------------------------

def _to_numpy(value):
    if hasattr(value, "numpy"):
        value = value.numpy()
    return np.asarray(value)


class _WriteStore:
    """``store[key] = value`` writes ``<path>/vars/<key>``; the group exists even if empty."""

    def __init__(self, writer, path, metadata):
        self._writer = writer
        self._path = path
        self._group = None
        if metadata:
            self._create(metadata)

    def _create(self, metadata=None):
        try:
            parent = self._writer.create_group(self._path) if self._path else self._writer
            self._group = parent.create_group("vars")
        except ValueError:
            raise ValueError(f"Unable to synchronously create group (name already exists): {self._path!r}") \
                from None
        for k, v in (metadata or {}).items():
            self._group.attrs[k] = v

    def __setitem__(self, key, value):
        if self._group is None:
            self._create()
        value = _to_numpy(value)
        ds = self._group.create_dataset(key, value)
        if value.dtype.name == "bfloat16":
            ds.attrs["dtype"] = "bfloat16"


class _ReadStore:
    """What Keras's ``H5IOStore.get(path)`` returns: the ``vars`` group at ``path`` (or nothing)."""

    def __init__(self, group):
        self._group = group

    def keys(self):
        return self._group.keys() if self._group is not None else []

    def __len__(self):
        return len(self.keys())

    def __contains__(self, key):
        return self._group is not None and key in self._group

    def __getitem__(self, key):
        if self._group is None or key not in self._group:
            raise KeyError(key)
        ds = self._group[key]
        if not isinstance(ds, hdf5.Dataset):
            raise ValueError(f"Invalid H5 file, expected Dataset, received {type(ds)}")
        value = ds.read()
        if "dtype" in ds.attrs and ds.attrs["dtype"] == "bfloat16":
            import ml_dtypes
            value = value.view(ml_dtypes.bfloat16) if value.dtype.kind == "V" and value.dtype.itemsize == 2 \
                else value.astype(ml_dtypes.bfloat16)
        return value


class _Reader:
    def __init__(self, h5file):
        self._file = h5file

    def _group(self, path):
        obj = self._file[path]
        if not isinstance(obj, hdf5.Group):
            raise ValueError(f"Invalid H5 file, expected Group but received {type(obj)}")
        return obj

    def get(self, path):
        f = self._file
        if not path:
            return _ReadStore(self._group("vars") if "vars" in f else None)
        if path in f:
            group = self._group(path)
            if "vars" in group:
                return _ReadStore(self._group(f"{path}/vars"))
        # Files written by Keras 2.13 name the container `_layer_checkpoint_dependencies`.
        if "_layer_checkpoint_dependencies" in f:
            legacy = path.replace("layers", "_layer_checkpoint_dependencies")
            if legacy in f and "vars" in self._group(legacy):
                return _ReadStore(self._group(f"{legacy}/vars"))
        return _ReadStore(None)

    def has_path(self, path):
        return path in self._file


# -- entry points ---------------------------------------------------------------------------------------

def _ask_to_proceed_with_overwrite(filepath):
    overwrite = input(f"[WARNING] {filepath} already exists - overwrite? [y/n]").strip().lower()
    while overwrite not in ("y", "n"):
        overwrite = input('Enter "y" (overwrite) or "n" (cancel).').strip().lower()
    if overwrite == "n":
        return False
    from ..utils.progbar import print_msg
    print_msg("[TIP] Next time specify overwrite=True!")
    return True


def save_weights(model, filepath, overwrite=True, max_shard_size=None, objects_to_skip=None):
    """``model.save_weights(filepath)``: Keras 3's ``.weights.h5`` file (optimizer included)."""
    filepath_str = os.fspath(filepath) if isinstance(filepath, os.PathLike) else str(filepath)
    if max_shard_size is None and not filepath_str.endswith(".weights.h5"):
        raise ValueError(f"The filename must end in `.weights.h5`. Received: filepath={filepath_str}")
    if max_shard_size is not None:
        if not filepath_str.endswith(("weights.h5", "weights.json")):
            raise ValueError("The filename must end in `.weights.json` when `max_shard_size` is specified. "
                             f"Received: filepath={filepath_str}")
        raise NotImplementedError("Sharded weights (`max_shard_size`) are not supported by leantf yet; save to "
                                  "a single `.weights.h5` file instead.")
    if os.path.exists(filepath_str) and not overwrite:
        if not _ask_to_proceed_with_overwrite(filepath_str):
            return
    if not model.built:
        raise ValueError("You are saving a model that has not yet been built. Try building the model first by "
                         "calling it on some data or by using `build()`.")
    writer = hdf5.FileWriter(filepath_str)
    visited = {id(o) for o in objects_to_skip} if objects_to_skip is not None else set()
    try:
        _save_state(model, writer, "", visited)
    except BaseException:
        writer.discard()
        raise
    writer.close()  # written to a temporary file, then moved over `filepath` in one step


def _open_keras_archive(filepath):
    """The ``model.weights.h5`` member of a ``.keras`` zip, as bytes (zip bombs refused)."""
    with zipfile.ZipFile(filepath, "r") as archive:
        info = archive.getinfo(_VARS_FNAME_H5)
        if info.file_size > _ZIP_BOMB_FLOOR_BYTES and info.file_size > _ZIP_MAX_EXPANSION * info.compress_size:
            raise ValueError(f"Not allowed: ZIP member '{_VARS_FNAME_H5}' declares "
                             f"{readable_size(info.file_size)} but only "
                             f"{readable_size(info.compress_size)} are stored on disk; refusing to "
                             "load a potential decompression bomb.")
        with archive.open(_VARS_FNAME_H5, "r") as f:
            return f.read()


def load_weights(model, filepath, skip_mismatch=False, **kwargs):
    """``model.load_weights(filepath)``: ``.weights.h5`` and the weights inside a ``.keras``
    file, walked into ``model`` as Keras does; legacy ``.h5`` files through ``legacy_h5``."""
    filepath_str = os.fspath(filepath) if isinstance(filepath, os.PathLike) else str(filepath)
    objects_to_skip = kwargs.pop("objects_to_skip", None)
    by_name = kwargs.pop("by_name", None)
    if kwargs:
        raise ValueError(f"Invalid keyword arguments: {kwargs}")
    if filepath_str.endswith(".keras"):
        if objects_to_skip is not None:
            raise ValueError(f"`objects_to_skip` only supports loading '.weights.h5' files.Received: {filepath}")
        if by_name is not None:
            raise ValueError(f"`by_name` only supports loading legacy '.h5' or '.hdf5' files. Received: {filepath}")
        source = None
    elif filepath_str.endswith(".weights.h5") or filepath_str.endswith(".weights.json"):
        if by_name is not None:
            raise ValueError(f"`by_name` only supports loading legacy '.h5' or '.hdf5' files. Received: {filepath}")
        if filepath_str.endswith(".weights.json"):
            raise NotImplementedError("Sharded weights (`.weights.json`) are not supported by leantf yet.")
        source = filepath_str
    elif filepath_str.endswith(".h5") or filepath_str.endswith(".hdf5"):
        if objects_to_skip is not None:
            raise ValueError(f"`objects_to_skip` only supports loading '.weights.h5' files.Received: {filepath}")
        from .legacy_h5 import load_legacy_weights
        return load_legacy_weights(model, filepath_str, skip_mismatch=skip_mismatch, by_name=by_name)
    else:
        raise ValueError(f"File format not supported: filepath={filepath}. Keras 3 only supports V3 `.keras` "
                         "files, `.weights.h5` files, legacy H5 format files (`.h5` extension), or Orbax "
                         "checkpoints.")
    if not model.built:
        raise ValueError("You are loading weights into a model that has not yet been built. Try building the "
                         "model first by calling it on some data or by using `build()`.")
    if source is None:
        source = _open_keras_archive(filepath_str)
    failures = _Failures()
    visited = {id(o) for o in objects_to_skip} if objects_to_skip is not None else set()
    with hdf5.File(source) as f:
        _load_state(model, _Reader(f), "", visited, failures)
    if failures.ids:
        _raise_loading_failure(failures.errors, warn_only=skip_mismatch)


def _raise_loading_failure(error_msgs, warn_only=False):
    first_key = list(error_msgs.keys())[0]
    ex_saveable, ex_error = error_msgs[first_key]
    msg = (f"A total of {len(error_msgs)} objects could not be loaded. Example error message for object "
           f"{ex_saveable}:\n\n{ex_error}\n\nList of objects that could not be loaded:\n"
           f"{[x[0] for x in error_msgs.values()]}")
    if warn_only:
        warnings.warn(msg)
    else:
        raise ValueError(msg)
