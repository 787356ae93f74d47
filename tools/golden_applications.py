"""Golden facts about ``keras.applications.MobileNetV2`` for leantf's tests, made once by
real Keras 3.15 / TensorFlow 2.21.

Run with the TensorFlow virtualenv (Keras and h5py are never dependencies of leantf):

    /work/tfenv/bin/python tools/golden_applications.py

It writes, under tests/fixtures/applications/:

- ``mobilenet_v2_golden.json``: for a few argument sets, the model name, every layer's
  name, class, output shape and parameter count, the weight shapes in ``model.weights``
  order, the parameter totals and the printed ``summary()``; plus the text of the errors
  and warnings the argument checks give.
- ``mobilenet_v2_035_96_no_top.h5``: the weights of ``MobileNetV2(alpha=0.35,
  input_shape=(96, 96, 3), classes=10, weights=None, classifier_activation=None)`` in the
  Keras-2 ``.h5`` layout of the ImageNet weight files (root attributes ``layer_names``,
  one group per layer with ``weight_names``), with random BatchNormalization statistics
  so that inference-mode normalisation is exercised.
- ``mobilenet_v2_035_96_no_top_io.npz``: Keras's pooled features for the input batch
  ``fixed_input()``, and 16 channels of an inner feature map (``block_13_expand_relu``, first sample).

Without the 1000-class top the weight file stays under 2 MB.
"""
import io
import json
import os
import warnings
from contextlib import redirect_stdout

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "fixtures", "applications")

# (key, keyword arguments, keep the summary text); weights=None throughout: ImageNet files
# are not reachable here. Summaries are kept for three only, to keep the fixture small.
ARCHITECTURES = [
    ("default", {}, True),
    ("alpha_035", {"alpha": 0.35}, True),
    ("no_top_avg", {"include_top": False, "pooling": "avg", "input_shape": (160, 160, 3)}, True),
    ("no_top_none_alpha_13", {"include_top": False, "alpha": 1.3}, False),
    ("odd_size_max", {"include_top": False, "pooling": "max", "input_shape": (75, 57, 3), "alpha": 0.5}, False),
]


def _summary_text(model):
    buf = io.StringIO()
    with redirect_stdout(buf):
        model.summary(line_length=None)
    return buf.getvalue()


def _describe(model, with_summary):
    layers = []
    for layer in model.layers:
        shape = layer.output.shape
        layers.append({"name": layer.name, "class": type(layer).__name__,
                       "output_shape": list(shape), "params": int(layer.count_params())})
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    total = sum(int(np.prod(w.shape)) for w in model.weights)
    facts = {"name": model.name, "layers": layers, "total_params": total, "trainable_params": trainable}
    if with_summary:
        facts["summary"] = _summary_text(model)
    return facts


def _outcome(kwargs):
    """The error (class and text) and warnings MobileNetV2(**kwargs) gives."""
    keras.backend.clear_session()  # auto-generated names start afresh, as in a new program
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            keras.applications.MobileNetV2(**kwargs)
            error = None
        except Exception as e:  # noqa: BLE001 - recording whatever Keras raises
            error = [type(e).__name__, str(e)]
    return {"error": error, "warnings": [str(w.message) for w in caught]}


ERROR_CASES = [
    ("bad_weights", {"weights": "no_such_file.h5"}),
    ("classes_with_imagenet", {"classes": 10}),
    ("imagenet_top_shape", {"input_shape": (150, 150, 3)}),
    ("two_dims", {"input_shape": (224, 224), "weights": None, "include_top": False}),
    ("too_small", {"input_shape": (31, 64, 3), "weights": None, "include_top": False}),
    ("four_channels_imagenet", {"input_shape": (96, 96, 4), "include_top": False}),
    ("top_needs_static", {"input_shape": (None, None, 3), "weights": None}),
    ("bad_alpha_imagenet", {"alpha": 0.6}),
    ("bad_activation_imagenet", {"classifier_activation": "relu"}),
    # These fail on the (unreachable) download in the sandbox; what matters is the
    # warning issued before it.
    ("non_square_imagenet", {"input_shape": (120, 96, 3), "include_top": False}),
    ("five_channels_random", {"input_shape": (64, 64, 5), "weights": None, "include_top": False}),
]


def _legacy_h5(model, path):
    """Keras-2 weight-file layout: what ImageNet application weights look like. Layers
    without weights are left out (loading skips them anyway; the seed test covers files
    that list them) to keep the file under 2 MB."""
    with_weights = [layer for layer in model.layers if layer.weights]
    with h5py.File(path, "w") as f:
        f.attrs["layer_names"] = [layer.name.encode("utf8") for layer in with_weights]
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"2.2.4"
        for layer in with_weights:
            group = f.create_group(layer.name)
            weights = list(layer.trainable_weights) + list(layer.non_trainable_weights)
            names = [f"{layer.name}/{w.name}:0" for w in weights]
            group.attrs["weight_names"] = [n.encode("utf8") for n in names]
            for name, w in zip(names, weights):
                group.create_dataset(name, data=np.asarray(w.numpy(), dtype="float32"))


def fixed_input():
    """The input batch of the numeric check: made from a formula (the test makes it the
    same way) rather than stored, which keeps 220 KB out of the fixture."""
    n = 2 * 96 * 96 * 3
    return np.sin(np.arange(n, dtype=np.float64) * 0.37).reshape(2, 96, 96, 3).astype("float32")


def _numeric_fixture():
    keras.backend.clear_session()
    keras.utils.set_random_seed(1234)
    model = keras.applications.MobileNetV2(alpha=0.35, input_shape=(96, 96, 3), include_top=False,
                                           pooling="avg", weights=None)
    rng = np.random.default_rng(7)
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            gamma, beta, mean, var = layer.get_weights()
            layer.set_weights([rng.uniform(0.5, 1.5, gamma.shape).astype("float32"),
                               rng.normal(0, 0.1, beta.shape).astype("float32"),
                               rng.normal(0, 0.2, mean.shape).astype("float32"),
                               rng.uniform(0.5, 2.0, var.shape).astype("float32")])
    _legacy_h5(model, os.path.join(OUT, "mobilenet_v2_035_96_no_top.h5"))
    x = fixed_input()
    feature_map = keras.Model(model.inputs, model.get_layer("block_13_expand_relu").output)
    np.savez(os.path.join(OUT, "mobilenet_v2_035_96_no_top_io.npz"),
             pooled=np.asarray(model.predict(x, verbose=0)),
             block_13_expand_relu=np.asarray(feature_map.predict(x[:1], verbose=0))[0, :, :, :16])


def main():
    os.makedirs(OUT, exist_ok=True)
    golden = {"keras_version": keras.__version__, "architectures": {}, "errors": {}}
    for key, kwargs, with_summary in ARCHITECTURES:
        keras.backend.clear_session()
        model = keras.applications.MobileNetV2(weights=None, **kwargs)
        golden["architectures"][key] = {"kwargs": {k: list(v) if isinstance(v, tuple) else v
                                                   for k, v in kwargs.items()}, **_describe(model, with_summary)}
    for key, kwargs in ERROR_CASES:
        golden["errors"][key] = {"kwargs": {k: list(v) if isinstance(v, tuple) else v for k, v in kwargs.items()},
                                 **_outcome(kwargs)}
    with open(os.path.join(OUT, "mobilenet_v2_golden.json"), "w") as f:
        json.dump(golden, f, indent=1, ensure_ascii=False)
        f.write("\n")
    _numeric_fixture()


if __name__ == "__main__":
    main()
