"""Serve tiny dataset files to the real loaders.

``serve`` registers bytes under the file name of a Keras origin URL. The loaders then run
unchanged through get_file (cache folder, names, extraction) except that the download
comes from a file:// URL and a pinned hash is swapped for the tiny file's own hash; a
loader that pins no hash (fashion_mnist) still passes none.
"""
import hashlib
import os
import urllib.parse

import pytest

from leantf.keras.utils import file_utils


@pytest.fixture
def keras_home(tmp_path, monkeypatch):
    folder = tmp_path / "keras_home"
    monkeypatch.setenv("KERAS_HOME", str(folder))
    return folder


@pytest.fixture
def serve(tmp_path, monkeypatch, keras_home):
    origin_dir = tmp_path / "origin"
    origin_dir.mkdir()
    real_fetch = file_utils.fetch
    requested = []

    def fetch(fname=None, origin=None, *args, file_hash=None, **kwargs):
        name = os.path.basename(urllib.parse.urlsplit(origin).path)
        requested.append((fname, origin, file_hash, kwargs.get("cache_subdir", "datasets")))
        local = origin_dir / name
        if file_hash is not None and local.exists():
            file_hash = hashlib.sha256(local.read_bytes()).hexdigest()
        return real_fetch(fname, local.as_uri(), *args, file_hash=file_hash, **kwargs)

    monkeypatch.setattr(file_utils, "fetch", fetch)

    def put(origin_name, data):
        (origin_dir / origin_name).write_bytes(data)

    put.requested = requested
    return put
