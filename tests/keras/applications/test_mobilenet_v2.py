"""tf.keras.applications.MobileNetV2 against facts measured on Keras 3.15 (made by
tools/golden_applications.py): architecture, summary text, argument checks, ImageNet
weight-file names and loading, and the outputs of a Keras-made weight file."""
import contextlib
import io
import json
import re
import shutil
import sys
import urllib.error
import warnings
from pathlib import Path

import numpy as np
import pytest

import leantf as tf
from leantf.keras.applications import mobilenet_v2

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "applications"
GOLDEN = json.loads((FIXTURES / "mobilenet_v2_golden.json").read_text(encoding="utf-8"))
KERAS_WEIGHTS = FIXTURES / "mobilenet_v2_035_96_no_top.h5"
KERAS_OUTPUTS = np.load(FIXTURES / "mobilenet_v2_035_96_no_top_io.npz")
BASE_URL = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/"


def _kwargs(recorded):
    # JSON has no tuples; Keras compares input_shape with tuples, so give tuples back.
    return {k: tuple(v) if isinstance(v, list) else v for k, v in recorded.items()}


def _fixed_input():
    """The same formula as tools/golden_applications.py:fixed_input."""
    n = 2 * 96 * 96 * 3
    return np.sin(np.arange(n, dtype=np.float64) * 0.37).reshape(2, 96, 96, 3).astype("float32")


@pytest.fixture
def keras_home(tmp_path, monkeypatch):
    """An empty Keras cache, and no network: a download attempt records its URL and fails
    as an offline machine does."""
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    requested = []

    def offline(url, *args, **kwargs):
        requested.append(url)
        raise urllib.error.URLError("offline (test)")

    monkeypatch.setattr("urllib.request.urlretrieve", offline)
    tf.keras.backend.clear_session()
    return tmp_path, requested


# ------------------------------------------------------------------ architecture

@pytest.fixture(scope="module")
def built():
    """Each recorded architecture built once (weights=None), in a fresh session so that
    automatic names (input_layer, global_average_pooling2d) start afresh as in Keras."""
    models = {}
    for key, arch in GOLDEN["architectures"].items():
        tf.keras.backend.clear_session()
        models[key] = tf.keras.applications.MobileNetV2(weights=None, **_kwargs(arch["kwargs"]))
    return models


@pytest.mark.parametrize("key", list(GOLDEN["architectures"]))
def test_layers_match_keras(built, key):
    arch, model = GOLDEN["architectures"][key], built[key]
    assert model.name == arch["name"]
    got = [[layer.name, type(layer).__name__, list(layer.output.shape), layer.count_params()]
           for layer in model.layers]
    expected = [[layer["name"], layer["class"], layer["output_shape"], layer["params"]] for layer in arch["layers"]]
    assert got == expected
    assert model.count_params() == arch["total_params"]
    assert sum(int(np.prod(w.shape)) for w in model.trainable_weights) == arch["trainable_params"]


def test_default_model_has_keras_parameter_count(built):
    model = built["default"]
    assert model.name == "mobilenetv2_1.00_224"
    assert model.count_params() == 3_538_984
    assert [layer.name for layer in model.layers[1:4]] == ["Conv1", "bn_Conv1", "Conv1_relu"]
    assert [layer.name for layer in model.layers[-5:]] == ["Conv_1", "Conv_1_bn", "out_relu",
                                                           "global_average_pooling2d", "predictions"]


@pytest.mark.parametrize("key", [k for k, a in GOLDEN["architectures"].items() if "summary" in a])
def test_summary_text_matches_keras(built, key):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        built[key].summary()
    assert buf.getvalue() == GOLDEN["architectures"][key]["summary"]


def test_layer_configs_follow_keras(built):
    model = built["default"]
    bn = model.get_layer("block_5_expand_BN").get_config()
    assert (bn["epsilon"], bn["momentum"], bn["axis"]) == (1e-3, 0.999, -1)
    assert model.get_layer("block_5_expand_relu").get_config()["max_value"] == 6.0
    # Stride-2 blocks pad explicitly (one pixel less on top/left for even sizes), then run
    # a 'valid' depthwise convolution; stride-1 blocks use 'same'.
    assert model.get_layer("block_1_pad").get_config()["padding"] == ((0, 1), (0, 1))
    assert model.get_layer("block_1_depthwise").get_config()["padding"] == "valid"
    assert model.get_layer("block_2_depthwise").get_config()["padding"] == "same"
    assert model.get_layer("predictions").get_config()["activation"] == "softmax"


def test_odd_input_sizes_are_padded_symmetrically(built):
    # 75 rows -> 38 after Conv1: even, so (0, 1); 57 cols -> 29: odd, so (1, 1).
    assert built["odd_size_max"].get_layer("block_1_pad").get_config()["padding"] == ((0, 1), (1, 1))


# Values computed with keras.src.applications.mobilenet_v2._make_divisible.
@pytest.mark.parametrize("value, expected", [(32 * 0.35, 16), (16 * 0.35, 8), (1280 * 1.3, 1664), (24 * 0.75, 24),
                                             (96 * 0.35, 32), (3, 8), (20, 24), (11.9, 16)])
def test_make_divisible_rounds_like_keras(value, expected):
    assert mobilenet_v2._make_divisible(value, 8) == expected


# ------------------------------------------------------------------ argument checks

def _outcome(kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            tf.keras.applications.MobileNetV2(**kwargs)
            error = None
        except Exception as e:  # noqa: BLE001 - compared with what Keras raised
            error = [type(e).__name__, str(e)]
    return error, [str(w.message) for w in caught]


_UNREACHABLE = "URL fetch failure"


@pytest.mark.parametrize("key", list(GOLDEN["errors"]))
def test_argument_errors_and_warnings_match_keras(keras_home, key):
    case = GOLDEN["errors"][key]
    error, messages = _outcome(_kwargs(case["kwargs"]))
    assert messages == case["warnings"]
    expected = case["error"]
    if expected is None:
        assert error is None
        return
    assert error is not None and error[0] == expected[0]
    if expected[1].startswith(_UNREACHABLE):
        # Keras ran offline too; leantf's message adds where to put a manual download.
        url = re.search(r"on (\S+):", expected[1]).group(1)
        assert error[1].startswith(f"{_UNREACHABLE} on {url}:")
    else:
        # Function reprs carry a memory address.
        assert re.sub(r"0x[0-9a-f]+", "0x", error[1]) == re.sub(r"0x[0-9a-f]+", "0x", expected[1])


def test_square_pretrained_size_names_the_model_and_file(keras_home):
    home, requested = keras_home
    with pytest.raises(Exception, match="URL fetch failure"):
        tf.keras.applications.MobileNetV2(input_shape=(160, 160, 3), alpha=0.75)
    name = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.75_160.h5"
    assert requested == [BASE_URL + name]
    # Nothing half-downloaded is left under the cache name.
    assert not (home / "models" / name).exists()


def test_offline_error_says_where_to_put_the_file(keras_home):
    home, requested = keras_home
    with pytest.raises(Exception) as info, pytest.warns(UserWarning, match="non-square"):
        tf.keras.applications.MobileNetV2(include_top=False, alpha=1.4)
    name = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.4_224_no_top.h5"
    assert requested == [BASE_URL + name]
    assert str(home / "models" / name) in str(info.value)


# ------------------------------------------------------------------ weights

def _assert_matches_keras_outputs(model):
    x = _fixed_input()
    np.testing.assert_allclose(model.predict(x, verbose=0), KERAS_OUTPUTS["pooled"], atol=1e-4, rtol=0)
    inner = tf.keras.Model(model.inputs, model.get_layer("block_13_expand_relu").output)
    np.testing.assert_allclose(inner(x[:1]).numpy()[0, :, :, :16], KERAS_OUTPUTS["block_13_expand_relu"],
                               atol=1e-4, rtol=0)


def test_weights_path_loads_a_keras_file_and_matches_keras_outputs():
    model = tf.keras.applications.MobileNetV2(alpha=0.35, input_shape=(96, 96, 3), include_top=False, pooling="avg",
                                              weights=str(KERAS_WEIGHTS))
    assert model.name == "mobilenetv2_0.35_96"
    _assert_matches_keras_outputs(model)


def test_imagenet_weights_are_read_from_the_keras_cache(keras_home):
    home, requested = keras_home
    cached = home / "models" / "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5"
    cached.parent.mkdir(parents=True)
    shutil.copyfile(KERAS_WEIGHTS, cached)
    model = tf.keras.applications.MobileNetV2(alpha=0.35, input_shape=(96, 96, 3), include_top=False, pooling="avg")
    assert requested == []
    _assert_matches_keras_outputs(model)


def test_weights_of_another_architecture_are_refused(tmp_path):
    with pytest.raises(ValueError, match="Layer count mismatch|Shape mismatch"):
        tf.keras.applications.MobileNetV2(alpha=0.5, input_shape=(96, 96, 3), include_top=False,
                                          weights=str(KERAS_WEIGHTS))


# ------------------------------------------------------------------ inputs

def test_input_tensor_becomes_the_model_input():
    tf.keras.backend.clear_session()
    image = tf.keras.Input((128, 128, 3), name="image")
    model = tf.keras.applications.MobileNetV2(input_tensor=image, include_top=False, weights=None, alpha=0.35)
    # As in Keras: the size comes from input_shape, which stays unknown here.
    assert model.name == "mobilenetv2_0.35_None"
    assert model.inputs[0] is image
    assert tuple(model.output.shape) == (None, 4, 4, 1280)


def test_input_tensor_computed_from_other_layers_keeps_their_input():
    tf.keras.backend.clear_session()
    raw = tf.keras.Input((64, 64, 3), name="raw")
    scaled = tf.keras.layers.Conv2D(3, 1, name="mix")(raw)
    model = tf.keras.applications.MobileNetV2(input_tensor=scaled, include_top=False, pooling="max", weights=None,
                                              alpha=0.35)
    assert model.inputs[0] is raw
    assert [layer.name for layer in model.layers[:3]] == ["raw", "mix", "Conv1"]
    with warnings.catch_warnings():
        # Keras warns here that a tensor was passed for the list of one input.
        warnings.simplefilter("ignore")
        out = model(np.full((1, 64, 64, 3), 127.5, "float32"))
    assert tuple(out.shape) == (1, 1280)


def test_input_shape_must_agree_with_input_tensor():
    image = tf.keras.Input((96, 96, 3))
    text = ("input_tensor.shape[2] must equal input_shape[1]; Received `input_tensor.shape=(None, 96, 96, 3)`, "
            "`input_shape=(96, 64, 3)`")
    with pytest.raises(ValueError, match=re.escape(text)):
        tf.keras.applications.MobileNetV2(input_tensor=image, input_shape=(96, 64, 3), include_top=False,
                                          weights=None)


def test_applications_load_lazily():
    # `import leantf` must not pay for the layers an application pulls in.
    import subprocess
    code = ("import sys, leantf as tf; assert 'leantf.keras.applications' not in sys.modules; "
            "tf.keras.applications.MobileNetV2; assert 'leantf.keras.applications.mobilenet_v2' in sys.modules")
    root = Path(__file__).resolve().parents[3]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root,
                   env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})


def test_weights_path_also_takes_a_keras3_weights_file(tmp_path):
    # model.load_weights picks the reader from the file name, as in Keras.
    kwargs = {"alpha": 0.35, "input_shape": (96, 96, 3), "include_top": False}
    tf.keras.backend.clear_session()
    saved = tf.keras.applications.MobileNetV2(weights=str(KERAS_WEIGHTS), **kwargs)
    path = tmp_path / "mobilenet.weights.h5"
    saved.save_weights(str(path))
    tf.keras.backend.clear_session()
    loaded = tf.keras.applications.MobileNetV2(weights=path, **kwargs)
    for a, b in zip(loaded.weights, saved.weights):
        np.testing.assert_array_equal(a.numpy(), b.numpy())
