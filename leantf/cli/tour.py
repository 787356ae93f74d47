"""`leantf tour`: a few lines of TensorFlow, each echoed as it would look at a `>>>` prompt, then run."""

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
    """Print each line of the tour, then run it (its prints follow)."""
    for line in TOUR.splitlines():
        print(f">>> {line}" if line else "")
    print()
    exec(compile(TOUR, "<leantf tour>", "exec"), {"__name__": "__leantf_tour__"})
    return 0
