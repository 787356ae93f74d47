"""The `leantf` command (also `python -m leantf`).

For now it has one job, a short tour of tensors and a gradient; the demo, `run` and
`info` commands come with the input-pipeline work.
"""
import argparse
import sys

TOUR = '''\
import leantf as tf

A = tf.constant([[1., 2.], [3., 4.]])
B = tf.constant([[5., 6.], [7., 8.]])
print(tf.add(A, B))
print(tf.matmul(A, B))
print(tf.reduce_sum(A, axis=0))

x = tf.Variable(initial_value=3.)
with tf.GradientTape() as tape:
    y = tf.square(x)
print(y, tape.gradient(y, x))

X = tf.constant([[1., 2.], [3., 4.]])
y = tf.constant([[1.], [2.]])
w = tf.Variable(initial_value=[[1.], [2.]])
b = tf.Variable(initial_value=1.)
with tf.GradientTape() as tape:
    L = tf.reduce_sum(tf.square(tf.matmul(X, w) + b - y))
w_grad, b_grad = tape.gradient(L, [w, b])
print(L, w_grad, b_grad)
'''


def tour():
    """Print each step of a short tour, then run it."""
    for line in TOUR.splitlines():
        print(f">>> {line}" if line else "")
    print()
    exec(compile(TOUR, "<leantf tour>", "exec"), {"__name__": "__leantf_tour__"})
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="leantf", description="TensorFlow 2 with Keras, lean on NumPy.")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("tour", help="a short tour: tensors, ops and a gradient (the default)")
    args = parser.parse_args(argv)
    if args.command in (None, "tour"):
        return tour()
    parser.error(f"unknown command {args.command!r}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
