"""The seed's "预训练网络" block, ``model = tf.keras.applications.MobileNetV2()``, runs
unchanged on leantf and loads the ImageNet weights from the Keras cache.

The real ImageNet file cannot be downloaded here, so the test places a weight file under
its exact cache name (``$KERAS_HOME/models/mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5``),
written by leantf from a ``weights=None`` model in the Keras-2 layout of the published
files, and checks that the block's model holds exactly those weights without any download.
"""
import re
import urllib.error

import numpy as np
import pytest

import leantf as tf
from tests.keras.applications.legacy_h5_writer import write_legacy_weights
from tests.seed_notes import SEED_PATH as SEED

CACHE_NAME = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5"


def _block():
    text = SEED.read_text(encoding="utf-8")
    section = text[text.index("### [预训练网络]"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def _source_model():
    """A default MobileNetV2 whose every weight differs from a fresh one: random kernels,
    and BatchNormalization statistics away from their 0/1 initial values."""
    tf.keras.backend.clear_session()
    model = tf.keras.applications.MobileNetV2(weights=None)
    rng = np.random.default_rng(21)
    for layer in model.layers:
        if isinstance(layer, tf.keras.layers.BatchNormalization):
            layer.set_weights([rng.uniform(0.5, 1.5, w.shape).astype("float32") for w in layer.get_weights()])
    return model


def test_seed_block_loads_imagenet_weights_from_the_keras_cache(tmp_path, monkeypatch):
    source = _block()
    assert source == "model = tf.keras.applications.MobileNetV2()\n"

    reference = _source_model()
    cache = tmp_path / "models"
    cache.mkdir()
    write_legacy_weights(reference, cache / CACHE_NAME)

    monkeypatch.setenv("KERAS_HOME", str(tmp_path))

    def no_download(url, *args, **kwargs):
        raise urllib.error.URLError(f"unexpected download of {url}")

    monkeypatch.setattr("urllib.request.urlretrieve", no_download)
    tf.keras.backend.clear_session()
    namespace = {"tf": tf}
    exec(compile(source, str(SEED), "exec"), namespace)
    model = namespace["model"]

    assert model.name == "mobilenetv2_1.00_224"
    assert model.count_params() == 3_538_984
    assert len(model.weights) == len(reference.weights) == 262
    for loaded, saved in zip(model.weights, reference.weights):
        np.testing.assert_array_equal(loaded.numpy(), saved.numpy(), err_msg=loaded.path)

    image = np.random.default_rng(5).uniform(-1, 1, (1, 224, 224, 3)).astype("float32")
    probabilities = model.predict(image, verbose=0)
    np.testing.assert_allclose(probabilities, reference.predict(image, verbose=0), rtol=1e-5, atol=1e-7)
    assert probabilities.shape == (1, 1000)
    assert probabilities.sum() == pytest.approx(1.0, abs=1e-5)
