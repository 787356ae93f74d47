"""tf.Module: names, name scopes, and the variables and submodules found through attributes.
Expected orders and texts were measured in TF 2.21."""
import pytest

import leantf as tf


class Dense(tf.Module):
    def __init__(self, n_in, n_out, name=None):
        super().__init__(name=name)
        self.w = tf.Variable(tf.ones([n_in, n_out]), name="w")
        self.b = tf.Variable(tf.zeros([n_out]), name="b", trainable=False)

    def __call__(self, x):
        return tf.matmul(x, self.w) + self.b


class MLP(tf.Module):
    def __init__(self, name=None):
        super().__init__(name=name)
        self.layers = [Dense(2, 3, name="first"), Dense(3, 1, name="out")]
        self.extra = {"z": Dense(1, 1, name="zz"), "a": Dense(1, 1, name="aa")}
        self.t = (tf.Variable(5.0, name="tv"),)
        self.c = tf.constant(1.0)

    @tf.Module.with_name_scope
    def scope_inside(self):
        with tf.name_scope("call") as scope:
            return scope


class Inner(tf.Module):
    def __init__(self):
        super().__init__()
        self.leaf = Dense(1, 1, name="leaf")


class Outer(tf.Module):
    def __init__(self):
        super().__init__()
        self.a_inner = Inner()
        self.b_dense = Dense(1, 1, name="b_dense")


def names(objects):
    return [o.name for o in objects]


def test_default_and_given_names():
    assert MLP().name == "mlp" and MLP(name="net").name == "net"
    assert tf.Module().name == "module" and tf.Module().name == "module"  # not made unique, as in TF

    class CamelCaseHTTPModule(tf.Module):
        pass
    assert CamelCaseHTTPModule().name == "camel_case_http_module"
    assert tf.Module(name="_a").name == "_a"


@pytest.mark.parametrize("name", ["bad name", "1a", "a-b", "a/b", "a.b", ""])
def test_invalid_names_raise_tf_value_error(name):
    with pytest.raises(ValueError) as info:
        tf.Module(name=name)
    assert str(info.value) == (f"{name!r} is not a valid module name. Module names must be valid Python "
                               "identifiers (e.g. a valid class name).")


def test_variables_in_tf_order():
    m = MLP()
    # Own leaves first (attributes sorted: extra, layers, t), then each submodule's, in the
    # order they were found; dict values by sorted key.
    assert [float(tf.reduce_sum(v)) for v in m.variables] == [5.0, 0.0, 1.0, 0.0, 1.0, 0.0, 6.0, 0.0, 3.0]
    assert [v.shape.as_list() for v in m.trainable_variables] == [[], [1, 1], [1, 1], [2, 3], [3, 1]]
    assert [v.shape.as_list() for v in m.non_trainable_variables] == [[1], [1], [3], [1]]
    assert names(m.submodules) == ["aa", "zz", "first", "out"]
    assert all(isinstance(x, tuple) for x in (m.variables, m.trainable_variables, m.submodules))


def test_submodules_are_breadth_first_and_shared_objects_appear_once():
    outer = Outer()
    assert names(outer.submodules) == ["inner", "b_dense", "leaf"]
    shared = tf.Module()
    shared.a = tf.Variable(1.0)
    shared.same = shared.a
    shared.pair = [shared.a, tf.Variable(2.0)]
    shared.me = shared  # a cycle is not followed, and a module is not its own submodule
    assert [float(v) for v in shared.variables] == [1.0, 2.0]
    assert shared.submodules == ()


def test_name_scope_is_fixed_at_creation():
    with tf.name_scope("outer"):
        m = tf.Module(name="mod")
    assert m.name_scope.name == "outer/mod/"
    with m.name_scope as scope:
        assert scope == "outer/mod/"
    assert MLP(name="net").scope_inside() == "net/call/"


def test_variables_are_found_in_functions_training_a_module():
    model = Dense(2, 1)
    x, y = tf.constant([[1.0, 2.0]]), tf.constant([[1.0]])
    optimizer = tf.keras.optimizers.SGD(learning_rate=0.05)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((model(x) - y) ** 2)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        return loss

    losses = [float(step()) for _ in range(30)]
    assert losses[0] == 4.0 and losses[-1] < 1e-3


def test_keras_layers_are_not_modules_as_in_keras_3():
    holder = tf.Module()
    holder.layer = tf.keras.layers.Dense(2)
    holder.layer.build((None, 3))
    holder.v = tf.Variable(1.0)
    assert not isinstance(holder.layer, tf.Module)
    assert holder.submodules == () and len(holder.variables) == 1
