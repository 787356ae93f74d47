"""leantf against golden outcomes recorded from real TensorFlow 2.21.

tools/golden_framework.py ran every case's source text with ``tf`` bound to TensorFlow
and stored the outcome in tests/fixtures/framework_golden.json; here the same text runs
with ``tf`` bound to leantf and must produce the same description: the same value kinds,
str and repr texts, or the same exception class name and message.
"""
import importlib.util
import json
import os

import pytest

import leantf as tf

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_spec = importlib.util.spec_from_file_location("golden_framework",
                                               os.path.join(_ROOT, "tools", "golden_framework.py"))
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

with open(os.path.join(_ROOT, "tests", "fixtures", "framework_golden.json"), encoding="utf-8") as _f:
    FIXTURE = json.load(_f)

try:
    import ml_dtypes  # noqa: F401  (bfloat16 values need it; the dtype object itself does not)
    HAVE_ML_DTYPES = True
except ImportError:
    HAVE_ML_DTYPES = False

# Cases whose *values* are bfloat16 arrays cannot run without ml_dtypes.
_NEEDS_ML_DTYPES = {"print_bfloat16", "dtype_min_bfloat16", "dtype_max_bfloat16", "dtype_limits_bfloat16",
                    "dtype_attrs_bfloat16", "dtype_61"}


def _params():
    for rec in FIXTURE["cases"]:
        marks = []
        if rec["id"] in _NEEDS_ML_DTYPES and not HAVE_ML_DTYPES:
            marks.append(pytest.mark.skip(reason="bfloat16 values need ml_dtypes"))
        yield pytest.param(rec, id=rec["id"], marks=marks)


@pytest.mark.parametrize("rec", _params())
def test_matches_tensorflow(rec):
    expected = {k: v for k, v in rec.items() if k not in ("id", "source")}
    got = golden.run_case(rec["source"], tf)
    assert got == expected, f"\nsource:\n{rec['source']}"
