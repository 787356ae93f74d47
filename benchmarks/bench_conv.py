"""Convolution speed: the seed CNN's second convolution (batch 50, 14x14x32 input, 5x5
kernel, 64 filters) forward and backward, its raw NumPy building blocks (im2col copy and
the three GEMMs: the floor leantf's kernels sit on), and one training step of the seed
CNN written with tf.nn ops. Figures: best of several repeats, milliseconds.

    python benchmarks/bench_conv.py [--repeat N] [--cpu]

With TensorFlow importable in the same interpreter, its figures for the same work follow.
``--cpu`` measures single-threaded CPU time (one BLAS thread, one TF intra-op thread,
``time.process_time``): figures that stay comparable on a busy machine.
"""
import argparse
import importlib
import os
import sys
import time

if "--cpu" in sys.argv:  # must precede the NumPy import: BLAS reads it when it loads
    os.environ["OPENBLAS_NUM_THREADS"] = os.environ["OMP_NUM_THREADS"] = os.environ["MKL_NUM_THREADS"] = "1"

import numpy as np  # noqa: E402
from numpy.lib.stride_tricks import as_strided  # noqa: E402

CLOCK = time.process_time if "--cpu" in sys.argv else time.perf_counter

N, H, W, C, K, O = 50, 14, 14, 32, 5, 64


def best_ms(fn, repeat):
    fn()
    times = []
    for _ in range(repeat):
        t0 = CLOCK()
        fn()
        times.append(CLOCK() - t0)
    return min(times) * 1e3


def numpy_floor(repeat):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((N, H, W, C), dtype=np.float32)
    w = rng.standard_normal((K, K, C, O), dtype=np.float32)
    g = rng.standard_normal((N * H * W, O), dtype=np.float32)

    def im2col():
        xp = np.zeros((N, H + K - 1, W + K - 1, C), np.float32)
        xp[:, K // 2:K // 2 + H, K // 2:K // 2 + W] = x
        s = xp.strides
        view = as_strided(xp, (N, H, W, K, K, C), (s[0], s[1], s[2], s[1], s[2], s[3]), writeable=False)
        return view.reshape(N * H * W, K * K * C)

    cols, wm = im2col(), w.reshape(-1, O)
    return {"im2col (pad + strided copy)": best_ms(im2col, repeat),
            "forward GEMM": best_ms(lambda: cols @ wm, repeat),
            "input-gradient GEMM": best_ms(lambda: g @ wm.T, repeat),
            "filter-gradient GEMM": best_ms(lambda: cols.T @ g, repeat)}


def conv_figures(tf, repeat):
    rng = np.random.default_rng(0)
    x = tf.constant(rng.standard_normal((N, H, W, C), dtype=np.float32))
    w = tf.constant(rng.standard_normal((K, K, C, O), dtype=np.float32))
    g = tf.constant(rng.standard_normal((N, H, W, O), dtype=np.float32))

    def fwd_bwd():
        with tf.GradientTape() as tape:
            tape.watch([x, w])
            y = tf.nn.conv2d(x, w, 1, "SAME")
        return tape.gradient(y, [x, w], output_gradients=g)

    out = {"conv2d forward": best_ms(lambda: tf.nn.conv2d(x, w, 1, "SAME"), repeat),
           "conv2d forward + backward": best_ms(fwd_bwd, repeat)}

    # The seed CNN (conv 5x5x32 SAME, pool 2, conv 5x5x64 SAME, pool 2, dense 1024, dense 10).
    def var(*shape):
        return tf.Variable(rng.standard_normal(shape, dtype=np.float32) * 0.05)

    params = [var(5, 5, 1, 32), var(32), var(5, 5, 32, 64), var(64), var(7 * 7 * 64, 1024), var(1024),
              var(1024, 10), var(10)]
    images = tf.constant(rng.random((N, 28, 28, 1), dtype=np.float32))
    labels = tf.constant(rng.integers(0, 10, N).astype(np.int32))

    def step():
        k1, b1, k2, b2, w3, b3, w4, b4 = params
        with tf.GradientTape() as tape:
            h = tf.nn.max_pool2d(tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(images, k1, 1, "SAME"), b1)), 2, 2, "VALID")
            h = tf.nn.max_pool2d(tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(h, k2, 1, "SAME"), b2)), 2, 2, "VALID")
            h = tf.nn.relu(tf.matmul(tf.reshape(h, [N, 7 * 7 * 64]), w3) + b3)
            logits = tf.matmul(h, w4) + b4
            loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
        grads = tape.gradient(loss, params)
        for p, gr in zip(params, grads):
            p.assign_sub(0.01 * gr)

    out["seed CNN training step (tf.nn, eager)"] = best_ms(step, max(3, repeat // 2))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--cpu", action="store_true", help="single-threaded CPU time instead of wall time")
    args = parser.parse_args()
    print(f"conv2d benchmark: batch {N}, {H}x{W}x{C} input, {K}x{K} kernel, {O} filters (float32), "
          f"best of {args.repeat}, ms{' of single-threaded CPU time' if args.cpu else ''}")
    for k, v in numpy_floor(args.repeat).items():
        print(f"  numpy  {k:40s} {v:8.2f}")
    try:
        import leantf
    except ImportError:  # run from a checkout without `pip install -e .`
        sys.path.insert(0, __import__("os").path.join(__import__("os").path.dirname(__file__), ".."))
        import leantf
    results = {"leantf": conv_figures(leantf, args.repeat)}
    try:
        tensorflow = importlib.import_module("tensorflow")
    except ImportError:
        tensorflow = None
    if tensorflow is not None:
        if args.cpu:
            tensorflow.config.threading.set_intra_op_parallelism_threads(1)
            tensorflow.config.threading.set_inter_op_parallelism_threads(1)
        results["tensorflow"] = conv_figures(tensorflow, args.repeat)
    for lib, figs in results.items():
        for k, v in figs.items():
            print(f"  {lib:10s} {k:38s} {v:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
