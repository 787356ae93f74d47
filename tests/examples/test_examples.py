"""Every script in examples/ runs, in its quick form (LEANTF_EXAMPLE_QUICK=1), and prints what it
promises; a few also run unmodified-TensorFlow style through `leantf run`."""
import re
import subprocess
import sys

import pytest

from ..cli.helpers import REPO, child_env, leantf

EXAMPLES = REPO / "examples"

# script (and arguments) -> patterns its output must contain
EXPECTED = {
    "linear_regression_numpy.py": [r"after 500 epochs: a = 0\.\d{4}, b = 0\.\d{4}, loss = \d\.\d{4}"],
    "linear_regression_tf.py": [r"after 500 epochs: a = 0\.\d{4}, b = 0\.\d{4}",
                                r"<tf\.Variable 'Variable:0' shape=\(\) dtype=float32, numpy=0\.\d+>"],
    "keras_linear_model.py": [r"<Variable path=linear/dense/kernel, shape=\(3, 1\), dtype=float32",
                              r"loss: \d"],
    "mlp_custom_loop.py": [r"batch 0: loss 2\.\d+", r"batch 19: loss", r"test accuracy: 0\.\d{6}"],
    "cnn_custom_loop.py": [r"batch 0: loss 2\.\d+", r"batch 4: loss", r"test accuracy: 0\.\d{6}"],
    "keras_fit.py": [r"20/20 - .* - sparse_categorical_accuracy: ", r"mlp: test loss \d\.\d{4}, test accuracy 0\.\d{4}"],
    "keras_fit.py cnn": [r"4/4 - ", r"cnn: test loss \d\.\d{4}, test accuracy 0\.\d{4}"],
    "model_styles.py": [r"Total params: 79,510", r"sequential_mlp: 79,510 parameters",
                        r"functional_mlp: 79,510 parameters", r"subclassed_mlp: 79,510 parameters"],
    "custom_layer_afm.py": [r"LinearLayer: \(3, 2\) \['w', 'b'\]", r"afm \(AFM\)\s+│ \(None, 8\)",
                            r"AFM model: training loss", r"'attention_factor': 8"],
    "custom_loss_metric.py": [r"custom MSE:   tf\.Tensor\(0\.41666666, shape=\(\), dtype=float32\)",
                              r"built-in MSE: tf\.Tensor\(0\.41666666,",
                              r"custom accuracy:   tf\.Tensor\(0\.6666667, shape=\(\), dtype=float32\)",
                              r"test accuracy by the custom metric 0\.\d{4}"],
    "california_housing_loop.py": [r"\(20640, 8\)\n\(20640,\)\n", r"\(11610, 8\) \(11610,\)",
                                   r"tf\.Tensor\(9\.0, shape=\(\), dtype=float32\)\ntf\.Tensor\(5\.0, shape=\(\), "
                                   r"dtype=float32\)\ntf\.Tensor\(5\.0, shape=\(\), dtype=float32\)\n"
                                   r"tf\.Tensor\(4\.0, shape=\(\), dtype=float32\)",
                                   r"^Epoch 2  train mse: \d", r"valid mse:  \d", r"test mse: \d"],
    "functional_slicing.py": [r"step 2: loss \d+\.\d{4}",
                              # the head whose flag is 0 gets no gradient and does not move
                              r"dense_2/kernel  shape \(5, 1\)  largest \|gradient\|    0\.0000  largest change 0\.000000",
                              r"dense_1/kernel  shape \(5, 1\)  largest \|gradient\| +\d+\.\d{4}  largest change 0\.0010"],
    "submodel_extraction.py": [r"^1\n\(None, 1\)\n", r"│ prob_task1 \(Dense\) +│ \(None, 1\) +│ +9 │",
                               r"task-1 sub-model: loss \d\.\d{4}, AUC \d\.\d{4}", r"shares the trained layer: True",
                               r"1 user_feat True\n2 shared True\n3 prob_task1 True"],
}


def run_example(command, cwd=EXAMPLES):
    script, *args = command.split()
    return subprocess.run([sys.executable, script, *args], capture_output=True, text=True, cwd=cwd,
                          env=child_env(LEANTF_EXAMPLE_QUICK="1"), timeout=120)


def test_every_example_is_covered():
    scripts = {p.name for p in EXAMPLES.glob("*.py")} - {"common.py"}
    assert scripts == {command.split()[0] for command in EXPECTED}


@pytest.mark.parametrize("command", sorted(EXPECTED))
def test_example_runs_quick(command):
    result = run_example(command)
    assert result.returncode == 0, result.stderr
    for pattern in EXPECTED[command]:
        assert re.search(pattern, result.stdout, re.M), f"{pattern!r} not in the output of {command}:\n{result.stdout}"


# Deterministic examples: written for TensorFlow, run by `leantf run`, they print exactly what the
# leantf spelling prints.
AS_TENSORFLOW = ["linear_regression_tf.py", "keras_linear_model.py", "functional_slicing.py", "custom_layer_afm.py"]


def tensorflow_spelling(source):
    source = source.replace("import leantf as tf\n", "import tensorflow as tf\n")
    source = source.replace("from leantf.keras", "from tensorflow.keras").replace("from leantf import", "from tensorflow import")
    assert "leantf" not in source.split('"""', 2)[-1]
    return source


@pytest.mark.parametrize("name", AS_TENSORFLOW)
def test_example_written_for_tensorflow_runs_through_leantf_run(name, tmp_path):
    (tmp_path / "common.py").write_text((EXAMPLES / "common.py").read_text())
    (tmp_path / name).write_text(tensorflow_spelling((EXAMPLES / name).read_text()))
    through_run = leantf("run", name, cwd=tmp_path, LEANTF_EXAMPLE_QUICK="1")
    assert through_run.returncode == 0, through_run.stderr
    direct = run_example(name)
    assert direct.returncode == 0, direct.stderr
    assert through_run.stdout == direct.stdout
