"""Shared by the loss and metric golden tests: load tools/golden_losses_metrics.py and its
fixture, run a case on leantf, and compare outcomes.

Printed text, messages, dtypes, shapes, variable paths and non-float values must match
exactly; float values to float32 round-off (TF's reduction order and transcendental
kernels differ from NumPy's in the last bits).
"""
import importlib.util
import json
import math
import os
import warnings

import leantf as tf

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
_spec = importlib.util.spec_from_file_location("golden_losses_metrics",
                                               os.path.join(_ROOT, "tools", "golden_losses_metrics.py"))
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)

with open(os.path.join(_ROOT, "tests", "fixtures", "losses_metrics_golden.json"), encoding="utf-8") as _f:
    FIXTURE = json.load(_f)

RTOL = 2e-5
ATOL = 2e-6


def records(select):
    return [rec for rec in FIXTURE["cases"] if select(rec["id"])]


def run(source):
    from leantf.keras import backend
    backend.clear_session()  # automatic names start over, as the generator does per case
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tool.run_case(source, tf, tf.keras, tool.make_data())


def _close(a, b):
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        if math.isinf(a) or math.isinf(b):
            return a == b
        return abs(a - b) <= ATOL + RTOL * abs(b)
    return a == b


def _values_match(got, exp):
    if isinstance(exp, list):
        return isinstance(got, list) and len(got) == len(exp) and all(_values_match(g, e) for g, e in zip(got, exp))
    if isinstance(exp, float) or isinstance(got, float):
        return isinstance(got, (int, float)) and isinstance(exp, (int, float)) and _close(float(got), float(exp))
    return got == exp


def mismatch(got, exp, where="result"):
    """A text saying where two descriptions differ, or None when they match."""
    if isinstance(exp, dict) and isinstance(got, dict):
        if set(got) != set(exp):
            return f"{where}: keys {sorted(got)} != {sorted(exp)}"
        for k in exp:
            if k == "value" and got.get("kind") in ("Tensor", "ndarray", "float"):
                if not _values_match(got[k], exp[k]):
                    return f"{where}.value: {got[k]!r} != {exp[k]!r}"
                continue
            m = mismatch(got[k], exp[k], f"{where}.{k}")
            if m:
                return m
        return None
    if isinstance(exp, list) and isinstance(got, list):
        if len(got) != len(exp):
            return f"{where}: length {len(got)} != {len(exp)}: {got!r} vs {exp!r}"
        for i, (g, e) in enumerate(zip(got, exp)):
            m = mismatch(g, e, f"{where}[{i}]")
            if m:
                return m
        return None
    if got != exp:
        return f"{where}: {got!r} != {exp!r}"
    return None


def check(rec):
    expected = {k: v for k, v in rec.items() if k not in ("id", "source")}
    got = run(rec["source"])
    m = mismatch(got, expected, "outcome")
    assert m is None, f"{m}\nsource:\n{rec['source']}\ngot: {json.dumps(got)[:3000]}"
