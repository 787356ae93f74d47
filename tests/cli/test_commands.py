"""`leantf demo`, `leantf info`, `leantf tour` and the argument handling around them."""
import re

import numpy as np
import pytest

from leantf.cli import build_parser, main
from leantf.cli.demo import build_cnn, load_sample
from .helpers import leantf as run_leantf


def test_quick_demo_trains_the_seed_cnn_with_fit_and_reports():
    result = run_leantf("demo", "--quick")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # It says which data it used, and that it is not the full MNIST.
    assert "leantf.sample_data.load_mnist_10k" in out and "not the full 70,000-image MNIST" in out
    # The Keras summary of the seed's CNN, with its parameter count.
    assert 'Model: "seed_cnn"' in out and "Total params: 3,274,634" in out
    # The Keras progress bar ran and the figures are reported.
    assert "4/4" in out and "sparse_categorical_accuracy" in out
    accuracy = float(re.search(r"Test accuracy: (\d\.\d{4}) on 200 held-out digits", out).group(1))
    assert 0.0 <= accuracy <= 1.0
    assert re.search(r"Training time: \d+\.\d s for 4 steps: \d+\.\d steps/s", out)


def test_plain_leantf_runs_the_demo_and_options_go_to_it():
    result = run_leantf("--quick", "--batch-size", "100")
    assert result.returncode == 0, result.stderr
    assert "1 epoch of batch 100 (2 steps)" in result.stdout


def test_demo_rejects_bad_sizes():
    result = run_leantf("demo", "--quick", "--epochs", "0")
    assert result.returncode != 0 and "--epochs and --batch-size must be at least 1" in result.stderr


def test_demo_model_is_the_seed_cnn():
    import leantf as tf
    model = build_cnn(tf)
    assert [type(layer).__name__ for layer in model.layers] == [
        "Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Reshape", "Dense", "Dense", "Softmax"]
    assert model.layers[0].kernel.shape == (5, 5, 1, 32) and model.layers[2].kernel.shape == (5, 5, 32, 64)
    assert model.layers[5].kernel.shape == (3136, 1024)
    (x, y), (xt, yt) = load_sample(quick=True)
    assert x.shape == (200, 28, 28, 1) and x.dtype == np.float32 and 0.0 <= x.min() and x.max() <= 1.0
    assert y.dtype == np.int32 and xt.shape == (200, 28, 28, 1)


def test_info_reports_versions_blas_and_backends():
    import numpy
    import leantf
    result = run_leantf("info")
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(":", 1) for line in result.stdout.splitlines())
    assert lines["leantf"].split()[0] == leantf.__version__
    assert lines["NumPy"].strip() == numpy.__version__
    assert set(lines) >= {"Python", "platform", "BLAS", "BLAS threads", "backends", "ml_dtypes", "Keras API"}
    assert "numpy" in lines["backends"] and "cupy" in lines["backends"]


def test_tour_prints_its_lines_and_their_results(capsys):
    assert main(["tour"]) == 0
    out = capsys.readouterr().out
    assert ">>> x = tf.Variable(initial_value=3.)" in out
    assert "tf.Tensor(9.0, shape=(), dtype=float32) tf.Tensor(6.0, shape=(), dtype=float32)" in out


def test_unknown_command_is_an_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2 and "invalid choice: 'frobnicate'" in capsys.readouterr().err


def test_help_lists_every_command():
    text = build_parser().format_help()
    for command in ("demo", "tour", "info", "run"):
        assert command in text
