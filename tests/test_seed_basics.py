"""The seed's first notes ("Tensor" and "自动求导机制" in shared/seed/000_*.txt) print what TF prints.

Expected text was produced by running the same code with TensorFlow 2.21. The seed file
shows the same output except that it lost the leading space of " [100.]]" (NumPy's
alignment of a matrix's second row); TF prints it, and so must we.
"""
import contextlib
import io

import leantf as tf


def printed(fn):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        fn()
    return out.getvalue()


def test_tensor_block():
    # 张量定义 / 张量运算 (the block's argument-less calls such as `tf.reduce_sum()` are
    # placeholders in the notes, not runnable code, so only the real statements run here)
    def block():
        random_float = tf.random.uniform(shape=())
        zero_vector = tf.zeros(shape=(2))
        A = tf.constant([[1., 2.], [3., 4.]])
        B = tf.constant([[5., 6.], [7., 8.]])
        C = tf.add(A, B)
        D = tf.matmul(A, B)
        print(random_float.shape, random_float.dtype, 0.0 <= float(random_float) < 1.0)
        print(zero_vector)
        print(A, B)
        print(C)
        print(D)

    assert printed(block) == (
        "() <dtype: 'float32'> True\n"
        "tf.Tensor([0. 0.], shape=(2,), dtype=float32)\n"
        "tf.Tensor(\n[[1. 2.]\n [3. 4.]], shape=(2, 2), dtype=float32) tf.Tensor(\n[[5. 6.]\n [7. 8.]], shape=(2, 2), "
        "dtype=float32)\n"
        "tf.Tensor(\n[[ 6.  8.]\n [10. 12.]], shape=(2, 2), dtype=float32)\n"
        "tf.Tensor(\n[[19. 22.]\n [43. 50.]], shape=(2, 2), dtype=float32)\n")


def test_autodiff_example_1_scalar():
    def block():
        x = tf.Variable(initial_value=3.)
        with tf.GradientTape() as tape:     # 在 tf.GradientTape() 的上下文内，所有计算步骤都会被记录以用于求导
            y = tf.square(x)
        y_grad = tape.gradient(y, x)        # 计算y关于x的导数
        print(y, y_grad)

    assert printed(block) == "tf.Tensor(9.0, shape=(), dtype=float32) tf.Tensor(6.0, shape=(), dtype=float32)\n"


def test_autodiff_example_2_vector():
    def block():
        X = tf.constant([[1., 2.], [3., 4.]])
        y = tf.constant([[1.], [2.]])
        w = tf.Variable(initial_value=[[1.], [2.]])
        b = tf.Variable(initial_value=1.)
        with tf.GradientTape() as tape:
            L = tf.reduce_sum(
                tf.square(tf.matmul(X, w) + b - y)
            )
        w_grad, b_grad = tape.gradient(L, [w, b])        # 计算L(w, b)关于w, b的偏导数
        print(L, w_grad, b_grad)

    assert printed(block) == ("tf.Tensor(125.0, shape=(), dtype=float32) tf.Tensor(\n[[ 70.]\n [100.]], shape=(2, 1), "
                              "dtype=float32) tf.Tensor(30.0, shape=(), dtype=float32)\n")
