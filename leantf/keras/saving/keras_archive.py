"""The Keras 3 ``.keras`` file: a zip of ``metadata.json``, ``config.json`` and
``model.weights.h5`` (in that order, uncompressed, as Keras 3.15 writes it).

- ``config.json`` is ``serialize_keras_object(model)`` (with ``build_config`` and
  ``compile_config``); reading it goes through ``deserialize_keras_object`` only, so names
  resolve from leantf's allowlist and ``__lambda__`` is refused in safe mode. Nothing in the
  archive is imported, unpickled or evaluated.
- ``model.weights.h5`` is the same file ``save_weights`` writes (``weights_h5``), optimizer
  state included, so training resumes where it stopped.

Writing is atomic (unlike Keras, which streams into the target): the zip is written to a
temporary file in the target's directory, fsync'ed and renamed over the target only when
complete, so a crash or an error leaves any previous file untouched.
"""
import datetime
import json
import zipfile

from ...io import hdf5
from ...io.hdf5._base import readable_size
from ...io.hdf5.writer import atomic_write
from . import weights_h5
from .serialization import ObjectSharingScope, deserialize_keras_object, serialize_keras_object

__all__ = ["write_keras_archive", "read_keras_archive", "KERAS_VERSION"]

KERAS_VERSION = "3.15.1"  # the Keras release whose files these are
METADATA_FILENAME = "metadata.json"
CONFIG_FILENAME = "config.json"
WEIGHTS_FILENAME = "model.weights.h5"
WEIGHTS_NPZ_FILENAME = "model.weights.npz"
# Keras's zip-bomb rule: refuse a member over 4 GiB that expands more than 100x.
_BOMB_FLOOR_BYTES = 1 << 32
_BOMB_MAX_EXPANSION = 100
# Keras writes its JSON members through ZipFile.open(name, "w"), which stamps them 1980-01-01.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _config_and_metadata_json(model):
    with ObjectSharingScope():
        config = serialize_keras_object(model)
    metadata = {"keras_version": KERAS_VERSION,
                "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S")}
    return json.dumps(config), json.dumps(metadata)


def _weights_h5_bytes(model):
    writer = hdf5.FileWriter(None)
    weights_h5._save_state(model, writer, "", set())
    return writer.tobytes()


def _write_zip(model, config_json, metadata_json, fileobj):
    with zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr(zipfile.ZipInfo(METADATA_FILENAME, _ZIP_EPOCH), metadata_json.encode())
        zf.writestr(zipfile.ZipInfo(CONFIG_FILENAME, _ZIP_EPOCH), config_json.encode())
        # Serialized here, between the members, so that a failure really happens mid-write.
        weights = _weights_h5_bytes(model)
        stamp = datetime.datetime.now().timetuple()[:6]
        zf.writestr(zipfile.ZipInfo(WEIGHTS_FILENAME, stamp), weights)


def write_keras_archive(model, filepath):
    """Write ``model`` to ``filepath`` (a path ending in ``.keras``), atomically."""
    config_json, metadata_json = _config_and_metadata_json(model)
    atomic_write(filepath, lambda f: _write_zip(model, config_json, metadata_json, f))


def _reject_zip_bomb(archive, name):
    info = archive.getinfo(name)
    if info.file_size > _BOMB_FLOOR_BYTES and info.file_size > _BOMB_MAX_EXPANSION * info.compress_size:
        raise ValueError(f"Not allowed: ZIP member '{name}' declares {readable_size(info.file_size)} but only "
                         f"{readable_size(info.compress_size)} are stored on disk; refusing to load a potential "
                         "decompression bomb.")


def _read_member(archive, name):
    _reject_zip_bomb(archive, name)
    with archive.open(name, "r") as f:
        return f.read()


def model_from_config_json(config_json, custom_objects=None, compile=True, safe_mode=True):
    config = json.loads(config_json)
    if not compile and isinstance(config, dict):
        config["compile_config"] = None
    with ObjectSharingScope():
        return deserialize_keras_object(config, custom_objects, safe_mode=safe_mode)


def load_weights_h5_bytes(model, data):
    """Walk the weights file into ``model`` (Keras's ``_load_state``); any object that fails
    makes the whole load fail with Keras's summary, an optimizer mismatch only warns."""
    failures = weights_h5._Failures()
    with hdf5.File(bytes(data)) as f:
        weights_h5._load_state(model, weights_h5._Reader(f), "", set(), failures)
    if failures.ids:
        weights_h5._raise_loading_failure(failures.errors)


def read_keras_archive(filepath, custom_objects=None, compile=True, safe_mode=True):
    with zipfile.ZipFile(filepath, "r") as archive:
        model = model_from_config_json(_read_member(archive, CONFIG_FILENAME), custom_objects=custom_objects,
                                       compile=compile, safe_mode=safe_mode)
        names = archive.namelist()
        if WEIGHTS_FILENAME in names:
            load_weights_h5_bytes(model, _read_member(archive, WEIGHTS_FILENAME))
        elif WEIGHTS_NPZ_FILENAME in names:
            raise NotImplementedError(f"leantf does not read `{WEIGHTS_NPZ_FILENAME}` archives yet; re-save the "
                                      f"model with Keras's default `{WEIGHTS_FILENAME}` weights.")
        else:
            raise ValueError(f"Expected a {WEIGHTS_FILENAME} or {WEIGHTS_NPZ_FILENAME} file.")
    return model
