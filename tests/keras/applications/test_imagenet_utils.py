"""keras.applications preprocessing and ImageNet label decoding, as Keras 3.15 does them."""
import json
import urllib.error

import numpy as np
import pytest

import leantf as tf
from leantf.keras.applications import imagenet_utils, mobilenet_v2

CAFFE_MEAN = np.array([103.939, 116.779, 123.68], "float32")   # B, G, R
TORCH_MEAN = np.array([0.485, 0.456, 0.406], "float32")
TORCH_STD = np.array([0.229, 0.224, 0.225], "float32")


def _images():
    return np.random.default_rng(3).uniform(0, 255, (2, 4, 5, 3)).astype("float32")


def test_mobilenet_v2_scales_to_minus_one_one_in_place():
    x = _images()
    original = x.copy()
    out = tf.keras.applications.mobilenet_v2.preprocess_input(x)
    np.testing.assert_allclose(out, original / 127.5 - 1.0, rtol=1e-6, atol=1e-6)
    # Keras writes over a float array instead of copying a possibly large batch.
    assert out is x


def test_integer_images_become_floatx_and_are_left_alone():
    x = np.array([[[0, 127, 255]]], "uint8")
    out = imagenet_utils.preprocess_input(x, mode="tf")
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, [[[-1.0, 127 / 127.5 - 1.0, 1.0]]], rtol=1e-6)
    assert x.tolist() == [[[0, 127, 255]]]


def test_caffe_mode_flips_to_bgr_and_subtracts_the_mean():
    x = _images()
    out = imagenet_utils.preprocess_input(x.copy())   # mode="caffe" is the default
    np.testing.assert_allclose(out, x[..., ::-1] - CAFFE_MEAN, rtol=1e-6, atol=1e-4)


def test_torch_mode_normalises_each_channel():
    x = _images()
    out = imagenet_utils.preprocess_input(x.copy(), mode="torch")
    np.testing.assert_allclose(out, (x / 255.0 - TORCH_MEAN) / TORCH_STD, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("batch", [True, False])
def test_channels_first_uses_the_channel_axis(batch):
    x = np.moveaxis(_images(), -1, 1)
    if not batch:
        x = x[0]
    axis = 1 if batch else 0
    shape = [1] * x.ndim
    shape[axis] = 3
    expected = np.flip(x, axis) - CAFFE_MEAN.reshape(shape)
    out = imagenet_utils.preprocess_input(x.copy(), data_format="channels_first", mode="caffe")
    np.testing.assert_allclose(out, expected, rtol=1e-6, atol=1e-4)


@pytest.mark.parametrize("mode", ["caffe", "tf", "torch"])
def test_tensors_give_the_same_values_as_arrays_without_changing_them(mode):
    x = _images()
    tensor = tf.constant(x)
    out = imagenet_utils.preprocess_input(tensor, mode=mode)
    np.testing.assert_allclose(out.numpy(), imagenet_utils.preprocess_input(x.copy(), mode=mode), rtol=1e-6,
                               atol=1e-4)
    np.testing.assert_array_equal(tensor.numpy(), x)


def test_preprocessing_inside_a_functional_model():
    inputs = tf.keras.Input((4, 5, 3))
    model = tf.keras.Model(inputs, imagenet_utils.preprocess_input(inputs, mode="caffe"))
    x = _images()
    np.testing.assert_allclose(model(x).numpy(), x[..., ::-1] - CAFFE_MEAN, rtol=1e-6, atol=1e-4)


def test_preprocess_argument_errors():
    with pytest.raises(ValueError, match=r"^Expected mode to be one of `caffe`, `tf` or `torch`\. Received: mode=x$"):
        imagenet_utils.preprocess_input(_images(), mode="x")
    with pytest.raises(ValueError, match=r"^Expected data_format to be one of `channels_first` or `channels_last`\. "
                                         r"Received: data_format=nhwc$"):
        imagenet_utils.preprocess_input(_images(), data_format="nhwc")


# ------------------------------------------------------------------ decode_predictions

@pytest.fixture
def class_index(monkeypatch):
    """A class index as Keras's JSON file holds it ({"0": [wnid, label], ...})."""
    index = {str(i): [f"n{i:08d}", f"label_{i}"] for i in range(1000)}
    monkeypatch.setattr(imagenet_utils, "CLASS_INDEX", index)
    return index


def test_decode_predictions_returns_the_top_classes_best_first(class_index):
    preds = np.zeros((2, 1000), "float32")
    preds[0, [5, 17, 999]] = [0.2, 0.5, 0.3]
    preds[1, 42] = 1.0
    decoded = mobilenet_v2.decode_predictions(tf.constant(preds), top=3)
    assert [[(wnid, label) for wnid, label, _ in row] for row in decoded][0] == [
        ("n00000017", "label_17"), ("n00000999", "label_999"), ("n00000005", "label_5")]
    assert [score for *_, score in decoded[0]] == pytest.approx([0.5, 0.3, 0.2])
    assert decoded[1][0][:2] == ("n00000042", "label_42") and len(decoded[1]) == 3
    assert len(imagenet_utils.decode_predictions(preds)[0]) == 5


def test_decode_predictions_needs_a_batch_of_1000_scores(class_index):
    text = ("`decode_predictions` expects a batch of predictions (i.e. a 2D array of shape (samples, 1000)). "
            "Received array with shape: (1000,)")
    with pytest.raises(ValueError) as info:
        imagenet_utils.decode_predictions(np.zeros(1000))
    assert str(info.value) == text


def test_class_index_is_fetched_into_the_models_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(imagenet_utils, "CLASS_INDEX", None)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    requested = []

    def offline(url, *args, **kwargs):
        requested.append(url)
        raise urllib.error.URLError("offline (test)")

    monkeypatch.setattr("urllib.request.urlretrieve", offline)
    with pytest.raises(Exception, match="URL fetch failure") as info:
        imagenet_utils.decode_predictions(np.zeros((1, 1000)))
    assert requested == ["https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json"]
    assert str(tmp_path / "models" / "imagenet_class_index.json") in str(info.value)


def test_class_index_file_is_read_as_json_once(tmp_path, monkeypatch):
    # A file whose MD5 is not Keras's would be downloaded again, so bypass the hash here and
    # check that the JSON read from the cache is what decoding uses.
    monkeypatch.setattr(imagenet_utils, "CLASS_INDEX", None)
    path = tmp_path / "imagenet_class_index.json"
    path.write_text(json.dumps({str(i): [f"w{i}", f"c{i}"] for i in range(1000)}), encoding="utf-8")
    calls = []

    def cached(fname, origin, **kwargs):
        calls.append((fname, origin, kwargs))
        return str(path)

    monkeypatch.setattr("leantf.keras.utils.file_utils.get_file", cached)
    preds = np.eye(1000, dtype="float32")[[7]]
    assert imagenet_utils.decode_predictions(preds, top=1) == [[("w7", "c7", np.float32(1.0))]]
    imagenet_utils.decode_predictions(preds, top=1)
    assert calls == [("imagenet_class_index.json", imagenet_utils.CLASS_INDEX_PATH,
                      {"cache_subdir": "models", "file_hash": "c2c37ea517e94d9795004a39431a14cb"})]
