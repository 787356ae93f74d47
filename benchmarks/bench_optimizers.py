"""Optimizer cost per step: ``apply_gradients`` alone, and the seed's linear-regression loop
(tape, two scalar tf.Variables, ``SGD(learning_rate=5e-4).apply_gradients(zip(grads, variables))``).
Figures: best of several repeats, microseconds per step.

    python benchmarks/bench_optimizers.py [--steps N]

Run with an interpreter that also has TensorFlow to get its figures from the same run.
"""
import argparse
import importlib
import os
import platform
import sys
import time
import timeit

import numpy as np

MLP_SHAPES = [(784, 100), (100,), (100, 10), (10,)]


TIMER = time.perf_counter


def best_us(fn, number, repeat=7):
    return min(timeit.repeat(fn, number=number, repeat=repeat, timer=TIMER)) / number * 1e6


def lr_data():
    x_raw = np.array([2013, 2014, 2015, 2016, 2017], dtype=np.float32)
    y_raw = np.array([12000, 14000, 15000, 16500, 17500], dtype=np.float32)
    x = (x_raw - x_raw.min()) / (x_raw.max() - x_raw.min())
    y = (y_raw - y_raw.min()) / (y_raw.max() - y_raw.min())
    return x, y


def figures(tf, steps, reps=1.0):
    keras = tf.keras
    out = {}
    x_np, y_np = lr_data()
    X, y = tf.constant(x_np), tf.constant(y_np)

    # apply_gradients alone on the seed's two scalars, with gradients as a tape returns them.
    a, b = tf.Variable(0.0), tf.Variable(0.0)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.square(a * X + b - y))
    grads = tape.gradient(loss, [a, b])
    for name in ("SGD", "Adam"):
        opt = getattr(keras.optimizers, name)(learning_rate=1e-9)
        variables = [a, b]
        opt.apply_gradients(zip(grads, variables))
        out[f"{name}.apply_gradients, 2 scalars"] = best_us(lambda: opt.apply_gradients(zip(grads, variables)),
                                                             int(20000 * reps) or 1)

    # An MLP's four variables (784x100, 100, 100x10, 10).
    rng = np.random.default_rng(0)
    mlp = [tf.Variable(rng.standard_normal(s).astype(np.float32) * 0.01) for s in MLP_SHAPES]
    mlp_grads = [tf.constant(rng.standard_normal(s).astype(np.float32)) for s in MLP_SHAPES]
    for name in ("SGD", "Adam"):
        opt = getattr(keras.optimizers, name)(learning_rate=1e-9)
        opt.apply_gradients(zip(mlp_grads, mlp))
        out[f"{name}.apply_gradients, MLP 4 vars"] = best_us(lambda: opt.apply_gradients(zip(mlp_grads, mlp)),
                                                             int(300 * reps) or 1)

    # The seed's whole loop step.
    va, vb = tf.Variable(initial_value=0.), tf.Variable(initial_value=0.)
    variables = [va, vb]
    optimizer = keras.optimizers.SGD(learning_rate=5e-4)

    def step():
        with tf.GradientTape() as tape:
            y_pred = va * X + vb
            loss = tf.reduce_sum(tf.square(y_pred - y))
        grads = tape.gradient(loss, variables)
        optimizer.apply_gradients(grads_and_vars=zip(grads, variables))

    def tape_only():
        with tf.GradientTape() as tape:
            y_pred = va * X + vb
            loss = tf.reduce_sum(tf.square(y_pred - y))
        tape.gradient(loss, variables)

    out["seed LR step (tape only)"] = best_us(tape_only, steps, repeat=5)
    out["seed LR step (tape + SGD.apply_gradients)"] = best_us(step, steps, repeat=5)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=10000, help="steps of the seed loop per repeat")
    parser.add_argument("--cpu-time", action="store_true",
                        help="time with this thread's CPU time (steadier on a busy machine; leantf only, since "
                             "TensorFlow works on several threads)")
    args = parser.parse_args()
    global TIMER
    if args.cpu_time:
        TIMER = time.thread_time
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
    print(f"Python {platform.python_version()}, NumPy {np.__version__}, {platform.machine()}")
    results = {"leantf": figures(importlib.import_module("leantf"), args.steps)}
    try:
        if args.cpu_time:
            raise ImportError
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        # TensorFlow's eager steps cost ~100x more: fewer repetitions give the same precision.
        results["tensorflow"] = figures(importlib.import_module("tensorflow"), max(args.steps // 50, 50), reps=0.02)
    except ImportError:
        pass
    names = list(results["leantf"])
    width = max(map(len, names))
    print(f"{'us per step':{width}}  " + "  ".join(f"{k:>10}" for k in results))
    for name in names:
        print(f"{name:{width}}  " + "  ".join(f"{results[k][name]:10.1f}" for k in results))


if __name__ == "__main__":
    main()
