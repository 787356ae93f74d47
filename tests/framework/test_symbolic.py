"""Symbolic tensors: primitives build graph nodes with inferred shapes; evaluate() replays them."""
import numpy as np
import pytest

import leantf as tf
from leantf.framework.symbolic import SymbolicTensor, evaluate, placeholder

W = np.array([[1., 2.], [3., 4.], [5., 6.]], dtype=np.float32)


def test_placeholder():
    x = placeholder([None, 3], tf.float32, name="x")
    assert isinstance(x, tf.Tensor) and isinstance(x, SymbolicTensor) and tf.is_tensor(x)
    assert x.shape.as_list() == [None, 3] and x.dtype is tf.float32 and x.ndim == 2 and x.node is None
    assert str(x).startswith('Tensor("x') and str(x).endswith(', shape=(None, 3), dtype=float32)')
    assert repr(x).endswith("shape=(None, 3) dtype=float32>")
    y = placeholder([None, 3], name="x")
    assert y.name != x.name  # names are made unique
    assert placeholder(None).shape.rank is None


@pytest.mark.parametrize("build,shape,dtype", [
    (lambda x: x + 1., [None, 3], "float32"),
    (lambda x: x * tf.constant([1., 2., 3.]), [None, 3], "float32"),
    (lambda x: x + tf.constant([[1.], [2.]]), [2, 3], "float32"),  # broadcasting fills a None dimension
    (lambda x: tf.matmul(x, tf.constant(W)), [None, 2], "float32"),
    (lambda x: tf.reduce_sum(x, axis=1), [None], "float32"),
    (lambda x: tf.reduce_sum(x, axis=0, keepdims=True), [1, 3], "float32"),
    (lambda x: tf.reshape(x, (-1,)), [None], "float32"),
    (lambda x: tf.cast(x, tf.int32), [None, 3], "int32"),
    (lambda x: x > 0., [None, 3], "bool"),
    (lambda x: tf.square(x) - x, [None, 3], "float32"),
    (lambda x: tf.stack([x, x], axis=1), [None, 2, 3], "float32"),
])
def test_primitives_infer_static_shapes_and_dtypes(build, shape, dtype):
    x = placeholder([None, 3])
    y = build(x)
    assert isinstance(y, SymbolicTensor) and y.shape.as_list() == shape and y.dtype.name == dtype
    assert y.node is not None and any(i is x for i in y.node.inputs) or y.node.inputs


def test_several_outputs():
    parts = tf.unstack(placeholder([2, 3]), axis=0)
    assert len(parts) == 2 and all(p.shape.as_list() == [3] for p in parts)
    assert parts[0].node is parts[1].node and [p.index for p in parts] == [0, 1]


@pytest.mark.parametrize("build,text", [
    (lambda x: x + placeholder([None, 4]), "Dimensions must be equal, but are 3 and 4"),
    (lambda x: tf.matmul(x, placeholder([2, 5])), "Dimensions must be equal, but are 3 and 2"),
    (lambda x: tf.reshape(x, (4, 2)), "Cannot reshape a tensor with"),
])
def test_incompatible_shapes_fail_when_the_node_is_built(build, text):
    x = placeholder([2, 3])
    with pytest.raises(ValueError) as e:
        build(x)
    assert text in str(e.value) and "with input shapes:" in str(e.value)


def test_build_error_names_the_node_and_shapes():
    x, y = placeholder([None, 3]), placeholder([None, 4])
    with pytest.raises(ValueError) as e:
        x + y
    message = str(e.value)
    assert message.startswith("Dimensions must be equal, but are 3 and 4 for '{{node AddV2")
    assert f"= AddV2[T=DT_FLOAT]({x.name}, {y.name})' with input shapes: [?,3], [?,4]." in message


def test_symbolic_tensors_refuse_eager_only_protocols():
    x = placeholder([None, 3])
    with pytest.raises(TypeError, match="Using a symbolic `tf.Tensor` as a Python `bool` is not allowed"):
        bool(x)
    with pytest.raises(TypeError, match="len is not well defined for a symbolic Tensor"):
        len(x)
    with pytest.raises(NotImplementedError, match="Cannot convert a symbolic tf.Tensor"):
        np.asarray(x)
    with pytest.raises(TypeError, match="Tensor is unhashable"):
        hash(x)


def graph_and_eager(x_value):
    """The same computation symbolically (then evaluated) and eagerly."""
    def f(x):
        h = tf.matmul(x, tf.constant(W)) + tf.constant([0.5, -0.5])
        return tf.reduce_sum(tf.square(h), axis=1) / 2.
    x = placeholder([None, 3])
    y = f(x)
    return evaluate(y, {x.ref(): x_value}), f(tf.constant(x_value))


def test_evaluate_matches_eager():
    value = np.arange(6, dtype=np.float32).reshape(2, 3)
    got, want = graph_and_eager(value)
    assert type(got).__name__ == "EagerTensor" and got.dtype is tf.float32
    np.testing.assert_array_equal(got.numpy(), want.numpy())


def test_evaluate_feeds_and_outputs():
    x, y = placeholder([None, 2]), placeholder([None, 2])
    s, p = x + y, x * y
    out = evaluate([s, p, x], [(x, [[1., 2.]]), (y, np.array([[3., 4.]], dtype=np.float32))])
    assert [o.numpy().tolist() for o in out] == [[[4.0, 6.0]], [[3.0, 8.0]], [[1.0, 2.0]]]
    # an intermediate tensor can be fed too; its producers then do not run
    assert evaluate(p * 2., [(p, [[1., 1.]])]).numpy().tolist() == [[2.0, 2.0]]
    # constants and eager tensors among the outputs come back as they are
    c = tf.constant(1.)
    assert evaluate([c], [])[0] is c


def test_evaluate_errors():
    x, y = placeholder([None, 2], name="a"), placeholder([None, 2], name="b")
    with pytest.raises(tf.errors.InvalidArgumentError, match=f"You must feed a value for placeholder tensor "
                                                             f"'{y.name}' with dtype float32"):
        evaluate(x + y, [(x, [[1., 2.]])])
    with pytest.raises(ValueError, match=rf"^Cannot feed value of shape \(1, 3\) for Tensor {x.name}, which has "
                                         r"shape \(None, 2\)$"):
        evaluate(x + y, [(x, [[1., 2., 3.]]), (y, [[1., 2.]])])
    n = placeholder([], tf.int32)
    with pytest.raises(TypeError, match="^Cannot convert 1.5 to EagerTensor of dtype int32$"):
        evaluate(n * 2, [(n, 1.5)])  # feeds take the placeholder's dtype by TF's conversion rules


def test_evaluate_is_recorded_by_a_tape():
    x = placeholder([None, 3])
    w = tf.Variable(W)
    feed = np.ones((2, 3), dtype=np.float32)
    with tf.GradientTape() as tape:
        wv = w.value()  # read on the tape, then captured by the graph as an eager input
        y = tf.reduce_sum(tf.matmul(x, wv) * 2.)
        got = evaluate(y, [(x, feed)])
    g = tape.gradient(got, w)  # the replayed ops link the output back to the read
    np.testing.assert_allclose(g.numpy(), np.full((3, 2), 4.0))


def test_evaluate_gradient_wrt_a_fed_value():
    x = placeholder([None, 2])
    y = tf.reduce_sum(x * x)
    value = tf.constant([[1., 2.]])
    with tf.GradientTape() as tape:
        tape.watch(value)
        out = evaluate(y, [(x, value)])
    assert tape.gradient(out, value).numpy().tolist() == [[2.0, 4.0]]
