"""keras.metrics against outcomes recorded from real TF 2.21 / Keras 3.15.1
(tools/golden_losses_metrics.py): results after each update, state variables (values and
paths), printed reprs of the seed's programs, configs, serialization and errors."""
import pytest

import leantf as tf

from ..losses.golden import check, records
from ..losses.test_golden import _is_loss_case


def _params():
    for rec in records(lambda case_id: not _is_loss_case(case_id)):
        marks = []
        if "tf.zeros_initializer" in rec["source"] and not hasattr(tf, "zeros_initializer"):
            marks.append(pytest.mark.skip(reason="tf.zeros_initializer is not provided yet"))
        yield pytest.param(rec, id=rec["id"], marks=marks)


@pytest.mark.parametrize("rec", _params())
def test_matches_keras(rec):
    check(rec)
