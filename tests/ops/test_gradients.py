"""The table-driven gradient check over the whole primitive registry.

Each family's test module declares ``GRADIENT_CASES = {"PrimitiveName": [GradCase, ...]}``;
this module checks every case and fails when a differentiable primitive has none, so a
new primitive cannot skip the check.
"""
import importlib

import pytest

import leantf  # noqa: F401  (registers every primitive)
from leantf.framework.primitive import PRIMITIVES, NoGradient

FAMILY_MODULES = ["test_basic_ops", "test_math_ops", "test_reduction_ops", "test_linalg_ops", "test_debugging_ops",
                  "test_array_ops", "test_creation_ops", "test_math_extra_ops", "test_nn_ops",
                  "test_conv_ops", "test_random_ops", "test_image_ops"]

# Primitives the tape itself uses, checked through the tape tests instead.
CHECKED_ELSEWHERE = {"ReadVariableOp"}


def _collect():
    cases = {}
    for mod_name in FAMILY_MODULES:
        try:
            mod = importlib.import_module(f"tests.ops.{mod_name}")
        except ModuleNotFoundError as e:
            if e.name == f"tests.ops.{mod_name}":
                continue
            raise
        for prim, prim_cases in getattr(mod, "GRADIENT_CASES", {}).items():
            cases.setdefault(prim, []).extend(prim_cases)
    return cases


CASES = _collect()
PARAMS = [pytest.param(case, id=f"{name}-{i}") for name, cs in sorted(CASES.items())
          for i, case in enumerate(cs)]


@pytest.mark.parametrize("case", PARAMS)
def test_gradient_matches_central_differences(case):
    case.check()


def _family(name):
    return name.split(":")[0]  # Unpack:3 and friends are one primitive family


def test_every_differentiable_primitive_has_a_gradient_rule_and_a_case():
    covered = {_family(n) for n in CASES}
    missing_rule, missing_case = [], []
    for name, prim in PRIMITIVES.items():
        if not prim.differentiable or prim.vjp_rule is NoGradient:
            continue
        if prim.vjp_rule is None:
            missing_rule.append(name)
        if _family(name) not in covered and name not in CHECKED_ELSEWHERE:
            missing_case.append(name)
    assert not missing_rule, f"differentiable primitives without a gradient rule: {sorted(missing_rule)}"
    assert not missing_case, f"differentiable primitives without a gradient-check case: {sorted(set(map(_family, missing_case)))}"
