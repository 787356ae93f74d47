"""keras.losses against outcomes recorded from real TF 2.21 / Keras 3.15.1
(tools/golden_losses_metrics.py): values, gradients, reductions, configs, errors."""
import pytest

from .golden import check, records

_METRIC_PREFIXES = ("metric_", "conf_", "auc_", "seed_", "err_auc", "err_precision", "get_metric",
                    "serialize_metric", "deserialize_metric", "err_get_metric")


def _is_loss_case(case_id):
    return not case_id.startswith(_METRIC_PREFIXES)


@pytest.mark.parametrize("rec", [pytest.param(r, id=r["id"]) for r in records(_is_loss_case)])
def test_matches_keras(rec):
    check(rec)
