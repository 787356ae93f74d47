"""Gradient-check cases for the tf.image primitives (ResizeBilinear and its adjoint).

leantf.image registers its primitives only when imported (tf.image is lazy), so this
module imports it; tests/ops/test_gradients.py collects GRADIENT_CASES from here.
"""
import numpy as np

import leantf.image  # noqa: F401  (registers ResizeBilinear, ResizeBilinearGrad)
from leantf.framework.primitive import PRIMITIVES
from leantf.testing import GradCase

_rng = np.random.default_rng(7)
_resize = PRIMITIVES["ResizeBilinear"]
_resize_grad = PRIMITIVES["ResizeBilinearGrad"]

GRADIENT_CASES = {
    "ResizeBilinear": [
        GradCase(lambda x: _resize(x, size=(5, 7)), [_rng.normal(size=(2, 3, 4, 2))]),   # up
        GradCase(lambda x: _resize(x, size=(2, 3)), [_rng.normal(size=(1, 5, 7, 3))]),   # down
    ],
    "ResizeBilinearGrad": [
        GradCase(lambda g: _resize_grad(g, in_size=(3, 4)), [_rng.normal(size=(2, 5, 6, 2))]),
    ],
}


def test_cases_cover_both_directions():
    assert set(GRADIENT_CASES) == {"ResizeBilinear", "ResizeBilinearGrad"}
    for cases in GRADIENT_CASES.values():
        for case in cases:
            case.check()
