"""model.summary() against text recorded from real Keras 3.15.1 (tools/golden_printed_text.py).

Every golden case starts from clear_session(), so automatic layer and model names agree and
the text is compared exactly (column widths depend on the names, so names cannot be
normalised afterwards). COLUMNS=80 stands for a non-TTY stdout.
"""
import contextlib
import importlib.util
import io
import json
import os

import pytest

import leantf as tf
from leantf.keras.models import summary as summary_module
from leantf.keras.utils import progbar as progbar_module

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_spec = importlib.util.spec_from_file_location("golden_printed_text",
                                               os.path.join(_ROOT, "tools", "golden_printed_text.py"))
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

with open(os.path.join(_ROOT, "tests", "fixtures", "printed_text_golden.json"), encoding="utf-8") as _f:
    FIXTURE = json.load(_f)

CASES = [c for c in FIXTURE["cases"] if c["id"].startswith("sum_")]

# Cases whose text differs because of code outside the summary; each says why.
_KNOWN = {
    "sum_subclassed_build": "Layer.build() called directly does not record its input shape (Keras's "
                            "_build_shapes_dict), so the summary cannot compute that layer's output shape",
    "sum_frozen_show_trainable": "Model.trainable_weights still lists the variables of a sublayer made with "
                                 "trainable=False (the layer's own trainable_weights is right)",
    "sum_functional_show_trainable": "Functional operation order puts every InputLayer first (Keras orders "
                                     "inputs by depth like any node), and a sublayer frozen after creation "
                                     "keeps its variables in Model.trainable_weights",
    "sum_scalar_shape_and_dtypes": "Functional operation order puts every InputLayer first; Keras orders "
                                   "inputs by depth like any other node",
}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden(case):
    if case["id"] in _KNOWN:
        pytest.xfail(_KNOWN[case["id"]])
    got = golden.run_case(case["source"], tf.keras, tf, progbar_module, case["dt"], case["id"])
    expected = {k: case[k] for k in ("stdout", "result", "error", "message") if k in case}
    assert got == expected


# -- pieces checked against values printed by real Keras -------------------------------------
@pytest.mark.parametrize("size,text", [
    (0, "0.00 B"), (1023, "1023.00 B"), (1024, "1.00 KB"), (1536.5, "1.50 KB"), (5 * 1024 ** 3, "5.00 GB"),
    (3.3 * 1024 ** 4, "3.30 TB"), (7 * 1024 ** 5, "7.00 PB"), (9 * 1024 ** 6, "9.00 PB"), (0.125, "0.12 B")])
def test_readable_memory_size(size, text):
    assert summary_module.readable_memory_size(size) == text


def test_ascii_console_uses_ascii_box(monkeypatch):
    """A stdout that cannot encode box-drawing characters gets rich's ASCII box."""
    monkeypatch.setenv("COLUMNS", "80")
    tf.keras.backend.clear_session()
    m = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2)])
    buf = io.BytesIO()
    stream = io.TextIOWrapper(buf, encoding="ascii")
    with contextlib.redirect_stdout(stream):
        m.summary()
    stream.flush()
    assert buf.getvalue().decode() == (
        'Model: "sequential"\n'
        "+--------------------------------------------------------------------------+\n"
        "| Layer (type)                    | Output Shape           |       Param # |\n"
        "|---------------------------------+------------------------+---------------|\n"
        "| dense (Dense)                   | (None, 2)              |             8 |\n"
        "+--------------------------------------------------------------------------+\n"
        " Total params: 8 (32.00 B)\n"
        " Trainable params: 8 (32.00 B)\n"
        " Non-trainable params: 0 (0.00 B)\n")


def test_bool_weights_count_one_bit_each():
    """Keras's memory table counts a bool as 1 bit: 8 bool weights take 1 byte."""
    class W:
        def __init__(self, n, dtype):
            self.shape = (n,)
            self.dtype = tf.as_dtype(dtype)
    assert summary_module.weight_memory_size([W(8, "bool")]) == 1.0
    w = W(3, "float64")
    assert summary_module.weight_memory_size([w, w]) == 24.0  # the same variable counts once


@pytest.mark.parametrize("text,width,justify,overflow,lines", [
    ("a_very_long_layer_name_that_goes_on (Dense)", 31, "left", "ellipsis",
     ["a_very_long_layer_name_that_go…", "(Dense)                        "]),
    ("Param #", 3, "right", "ellipsis", ["Pa…", "  #"]),
    ("Trainable", 5, "center", "ellipsis", ["Trai…"]),
    ("-", 5, "center", "ellipsis", ["  -  "]),
    ('Model: "' + "m" * 12 + '"', 10, "default", "fold", ["Model: ", '"mmmmmmmmm', 'mmm"']),
    ("   └ dense_1 (Dense)", 19, "left", "ellipsis", ["   └ dense_1       ", "(Dense)            "]),
    ("密集层_名称", 7, "left", "ellipsis", ["密集层…"]),
])
def test_wrap_text(text, width, justify, overflow, lines):
    assert summary_module.wrap_text(text, width, justify, overflow) == lines
