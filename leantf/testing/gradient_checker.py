"""Numerical gradient checks: central differences in float64 along random directions.

For ``f: inputs -> output`` we pick a random direction ``v`` in input space and a random
cotangent ``u`` in output space and compare

    analytic  = sum_i < tape.gradient(f, x_i, output_gradients=u), v_i >
    numerical = (<u, f(x + eps v)> - <u, f(x - eps v)>) / (2 eps)

Second order checks the same identity for ``g(x) = <grad <u, f>(x), w>``, whose gradient is
computed by a tape around a tape, so the gradient rules themselves are differentiated.
"""
from dataclasses import dataclass, field

import numpy as np

from ..framework.tape import GradientTape
from ..framework.tensor import convert_to_tensor
from ..ops.reduction_ops import reduce_sum


@dataclass
class GradCase:
    """One gradient-check case: ``fn(*tensors)`` at ``inputs`` (float64 arrays), checked to ``order``."""
    fn: object
    inputs: list
    order: int = 2
    kwargs: dict = field(default_factory=dict)

    def check(self):
        check_gradients(self.fn, self.inputs, order=self.order, **self.kwargs)


def _flat_outputs(y):
    if isinstance(y, (list, tuple)):
        return list(y)
    return [y]


def _inner(us, ys):
    total = 0.0
    for u, y in zip(us, ys):
        total += float(np.sum(u * np.asarray(y, dtype=np.float64)))
    return total


def numerical_vjp(fn, xs, us, vs, eps=1e-6):
    """Directional derivative of <u, fn(x)> along v, by central differences."""
    plus = [convert_to_tensor(x + eps * v) for x, v in zip(xs, vs)]
    minus = [convert_to_tensor(x - eps * v) for x, v in zip(xs, vs)]
    return (_inner(us, _flat_outputs(fn(*plus))) - _inner(us, _flat_outputs(fn(*minus)))) / (2 * eps)


def _analytic(fn, xs, us, vs):
    ts = [convert_to_tensor(x) for x in xs]
    with GradientTape() as tape:
        tape.watch(ts)
        ys = _flat_outputs(fn(*ts))
    grads = tape.gradient(ys, ts, output_gradients=[convert_to_tensor(u) for u in us])
    total = 0.0
    for g, v in zip(grads, vs):
        if g is not None:
            total += float(np.sum(np.asarray(g, dtype=np.float64) * v))
    return total


def _random_like(rng, arrays):
    return [rng.standard_normal(np.shape(a)) for a in arrays]


def check_gradients(fn, inputs, order=1, rtol=1e-5, atol=1e-6, seed=0, eps=1e-6):
    """Assert that ``fn``'s gradient rules agree with central differences.

    ``inputs`` are float64 arrays; ``fn`` takes leantf tensors and returns a tensor or a
    list of tensors. Raises AssertionError with both values on disagreement.
    """
    rng = np.random.default_rng(seed)
    xs = [np.asarray(x, dtype=np.float64) for x in inputs]
    ys = _flat_outputs(fn(*[convert_to_tensor(x) for x in xs]))
    us = _random_like(rng, ys)
    vs = _random_like(rng, xs)
    analytic = _analytic(fn, xs, us, vs)
    numeric = numerical_vjp(fn, xs, us, vs, eps)
    if not np.isclose(analytic, numeric, rtol=rtol, atol=atol):
        raise AssertionError(f"first-order gradient mismatch: analytic {analytic!r} vs numerical {numeric!r}")
    if order >= 2:
        ws = _random_like(rng, xs)

        def directional_grad(*ts):
            with GradientTape() as tape:
                tape.watch(list(ts))
                out = _flat_outputs(fn(*ts))
            grads = tape.gradient(out, list(ts), output_gradients=[convert_to_tensor(u) for u in us])
            total = None
            for g, w in zip(grads, ws):
                if g is None:
                    continue
                term = reduce_sum(g * convert_to_tensor(w))
                total = term if total is None else total + term
            return total if total is not None else convert_to_tensor(0.0, dtype="float64")

        check_gradients(directional_grad, xs, order=order - 1, rtol=rtol * 100, atol=atol * 100,
                        seed=seed + 1, eps=eps * 10)
