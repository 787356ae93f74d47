"""Eager overhead: one small op, and the seed's linear-regression loop (tape, two variables,
manual assign_sub). Figures: best of several repeats, microseconds.

    python benchmarks/bench_eager.py [--steps N]
"""
import argparse
import importlib
import os
import platform
import subprocess
import sys
import timeit

import numpy as np


def best_us(fn, number, repeat=7):
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number * 1e6


def lr_data():
    x_raw = np.array([2013, 2014, 2015, 2016, 2017], dtype=np.float32)
    y_raw = np.array([12000, 14000, 15000, 16500, 17500], dtype=np.float32)
    x = (x_raw - x_raw.min()) / (x_raw.max() - x_raw.min())
    y = (y_raw - y_raw.min()) / (y_raw.max() - y_raw.min())
    return x, y


def tf_like_figures(tf, steps):
    """Figures for a module with TensorFlow's API (leantf or tensorflow)."""
    rng = np.random.default_rng(0)
    a_np, b_np = (rng.random((50, 100), dtype=np.float32) for _ in range(2))
    a, b = tf.constant(a_np), tf.constant(b_np)
    add_us = best_us(lambda: a + b, 20000)

    x_np, y_np = lr_data()
    X, y = tf.constant(x_np), tf.constant(y_np)
    va, vb = tf.Variable(initial_value=0.), tf.Variable(initial_value=0.)

    def step():
        with tf.GradientTape() as tape:
            y_pred = va * X + vb
            loss = tf.reduce_sum(tf.square(y_pred - y))
        ga, gb = tape.gradient(loss, [va, vb])
        va.assign_sub(5e-4 * ga)
        vb.assign_sub(5e-4 * gb)

    lr_us = best_us(step, steps, repeat=5)
    return {"a + b (50x100 f32)": add_us, "LR step (tape + assign_sub)": lr_us}


def torch_figures(torch, steps):
    rng = np.random.default_rng(0)
    a = torch.from_numpy(rng.random((50, 100), dtype=np.float32))
    b = torch.from_numpy(rng.random((50, 100), dtype=np.float32))
    add_us = best_us(lambda: a + b, 20000)
    x_np, y_np = lr_data()
    X, y = torch.from_numpy(x_np), torch.from_numpy(y_np)
    va = torch.zeros((), requires_grad=True)
    vb = torch.zeros((), requires_grad=True)

    def step():
        loss = ((va * X + vb - y) ** 2).sum()
        ga, gb = torch.autograd.grad(loss, [va, vb])
        with torch.no_grad():
            va.sub_(5e-4 * ga)
            vb.sub_(5e-4 * gb)

    return {"a + b (50x100 f32)": add_us, "LR step (tape + assign_sub)": best_us(step, steps, repeat=5)}


def import_seconds(module):
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(5)]
    return min(runs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=2000)
    args = parser.parse_args()
    try:
        import leantf
    except ImportError:  # run from a checkout without `pip install -e .`
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
        import leantf
    results = {"leantf": tf_like_figures(leantf, args.steps)}
    rng = np.random.default_rng(0)
    a_np, b_np = (rng.random((50, 100), dtype=np.float32) for _ in range(2))
    numpy_add = best_us(lambda: a_np + b_np, 20000)
    for name in ("tensorflow", "torch"):
        try:
            mod = importlib.import_module(name)
        except ImportError:
            continue
        results[name] = (tf_like_figures if name == "tensorflow" else torch_figures)(mod, args.steps)
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}, "
          f"NumPy {np.__version__}")
    print(f"raw NumPy a + b: {numpy_add:.2f} us")
    for metric in results["leantf"]:
        row = f"{metric:32s}" + "".join(f"  {lib}: {figs[metric]:9.2f} us" for lib, figs in results.items())
        base = results["leantf"][metric]
        row += "".join(f"  ({lib}/leantf = {figs[metric] / base:.1f}x)" for lib, figs in results.items()
                       if lib != "leantf")
        print(row)
    print(f"{'a + b overhead over NumPy':32s}  leantf: {results['leantf']['a + b (50x100 f32)'] - numpy_add:9.2f} us")
    print(f"{'import leantf':32s}  {import_seconds('leantf'):.3f} s")


if __name__ == "__main__":
    main()
