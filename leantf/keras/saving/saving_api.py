"""``keras.saving.save_model`` / ``load_model`` (also ``keras.models.*`` and ``Model.save``):
argument checks, messages and file-type dispatch as in Keras 3.15 ``saving_api``.

Supported: the zipped ``.keras`` format (``keras_archive``). Not supported, with an error
that says so: saving or loading whole models as legacy ``.h5``, unzipped model
directories (``zipped=False``), Hugging Face and remote paths, Orbax checkpoints.
"""
import os
import warnings
import zipfile

from . import keras_archive

__all__ = ["save_model", "load_model"]


def _path_str(filepath):
    return os.fspath(filepath) if isinstance(filepath, os.PathLike) else str(filepath)


def save_model(model, filepath, overwrite=True, zipped=None, **kwargs):
    kwargs.pop("include_optimizer", True)
    save_format = kwargs.pop("save_format", False)
    path = _path_str(filepath)
    if save_format:
        if not path.endswith((".h5", ".hdf5", ".keras")):
            raise ValueError("The `save_format` argument is deprecated in Keras 3. Please remove this argument and "
                             "pass a file path with either `.keras` or `.h5` extension."
                             f"Received: save_format={save_format}")
        warnings.warn("The `save_format` argument is deprecated in Keras 3. We recommend removing this argument as "
                      f"it can be inferred from the file path. Received: save_format={save_format}", stacklevel=2)
    if kwargs:
        raise ValueError(f"The following argument(s) are not supported: {list(kwargs.keys())}")
    if path.startswith("hf://"):
        raise NotImplementedError("leantf cannot save models to the Hugging Face Hub.")
    if zipped is None:
        zipped = True
    if os.path.exists(path) and not overwrite:
        from .weights_h5 import _ask_to_proceed_with_overwrite
        if not _ask_to_proceed_with_overwrite(path):
            return
    if zipped and path.endswith(".keras"):
        return _save_keras_zip(model, path)
    if not zipped:
        if path.endswith(".keras"):
            raise ValueError("When using `zipped=False`, the `filepath` argument should not end in `.keras`. "
                             f"Received: filepath={path}")
        raise NotImplementedError("leantf does not save unzipped model directories (`zipped=False`); save to a "
                                  "`.keras` file instead.")
    if path.endswith((".h5", ".hdf5")):
        raise NotImplementedError("leantf does not save whole models in the legacy HDF5 format; use the native "
                                  f"Keras format instead, e.g. `model.save('my_model.keras')`. Received: "
                                  f"filepath={path}")
    raise ValueError("Invalid filepath extension for saving. Please add either a `.keras` extension for the native "
                     "Keras format (recommended) or a `.h5` extension. Use `model.export(filepath)` if you want to "
                     f"export a SavedModel for use with TFLite/TFServing/etc. Received: filepath={path}.")


def _save_keras_zip(model, path):
    if not model.built:
        warnings.warn("You are saving a model that has not yet been built. It might not contain any weights yet. "
                      "Consider building the model first by calling it on some data.", stacklevel=3)
    keras_archive.write_keras_archive(model, path)


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    path = _path_str(filepath)
    if path.endswith(".keras") and os.path.isfile(path) and zipfile.is_zipfile(path):
        return keras_archive.read_keras_archive(path, custom_objects=custom_objects, compile=compile,
                                                safe_mode=safe_mode)
    if os.path.isdir(path) and os.path.exists(os.path.join(path, keras_archive.CONFIG_FILENAME)):
        raise NotImplementedError("leantf does not load unzipped model directories yet; load a `.keras` file.")
    if path.endswith((".h5", ".hdf5")):
        raise NotImplementedError("leantf does not load whole models from legacy HDF5 (`.h5`) files; only their "
                                  "weights, with `model.load_weights()`. Load a `.keras` file instead. Received: "
                                  f"filepath={path}")
    if path.endswith(".keras"):
        raise ValueError(f"File not found: filepath={path}. Please ensure the file is an accessible `.keras` zip "
                         "file.")
    raise ValueError(f"File format not supported: filepath={path}. Keras 3 only supports V3 `.keras` files, legacy "
                     "H5 format files (`.h5` extension). Note that the legacy SavedModel format is not supported by "
                     "`load_model()` in Keras 3. In order to reload a TensorFlow SavedModel as an inference-only "
                     f"layer in Keras 3, use `keras.layers.TFSMLayer({path}, call_endpoint='serving_default')` "
                     "(note that your `call_endpoint` might have a different name).")
