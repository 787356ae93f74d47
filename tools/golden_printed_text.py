"""Golden printed text of Keras 3.15 (TF 2.21): model.summary(), the fit/evaluate/predict
progress bar (verbose=1, raw bytes with ANSI codes, backspaces and carriage returns), the
verbose=2 lines and keras.utils.Progbar used on its own.

Run with the TensorFlow virtualenv (never a dependency of leantf):

    /work/tfenv/bin/python tools/golden_printed_text.py

Each case is source text run with ``keras`` bound to Keras 3, ``tf`` to TensorFlow and ``np``
to NumPy; whatever it writes to stdout is stored verbatim in
tests/fixtures/printed_text_golden.json, with ``repr`` of its ``result`` variable if it sets
one. tests/keras/test_summary.py and tests/keras/test_progbar.py run the same text with
``keras``/``tf`` bound to leantf and compare byte for byte.

Why the output can be compared exactly:
- every case starts from ``clear_session()``, so automatic names (``dense_1``...) agree;
- ``COLUMNS=80`` is set, which is what both libraries see on a non-TTY stdout (the summary's
  table width and the console's crop width are taken from the terminal size);
- the progress bar's clock is replaced by a fake one: each ``time.time()`` call made by the
  progbar module returns the previous value plus ``dt`` (a case may give a list of steps,
  used in turn). Keras reads the clock once when a bar is made and once per update, so
  ETAs, s/ms/us per step and the 0.05 s redraw throttle are reproducible. The models
  trained here have constant (zero) weights and a zero learning rate so their metrics are
  exact in both libraries.
"""
import contextlib
import io
import json
import os
import sys
import warnings

import numpy as np

FIXTURE = os.path.join(os.path.dirname(__file__), os.pardir, "tests", "fixtures", "printed_text_golden.json")

CASES = []


def case(case_id, source, dt=0.015625):
    CASES.append((case_id, source.strip("\n"), dt))


# ---------------------------------------------------------------------------------------------
# model.summary()
# ---------------------------------------------------------------------------------------------
case("sum_seq_input", """
m = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(100),
                      keras.layers.Dense(10), keras.layers.Softmax()])
m.summary()
""")
case("sum_seq_input_shape", """
m = keras.Sequential([keras.layers.Dense(4, input_shape=(3,)), keras.layers.Dense(2)])
m.summary()
""")
case("sum_seq_unbuilt", """
m = keras.Sequential([keras.layers.Dense(3), keras.layers.Dense(2, name="out")])
m.summary()
""")
case("sum_seq_build_call", """
m = keras.Sequential([keras.layers.Dense(3), keras.layers.Dense(2)])
m.build((None, 5))
m.summary()
""")
case("sum_seq_empty", """
keras.Sequential(name="empty").summary()
""")
case("sum_seq_long_name", """
m = keras.Sequential([keras.layers.Dense(3, name="a_very_long_layer_name_that_goes_on")])
m.summary()
m(np.ones((2, 4), "float32"))
m.summary()
""")
case("sum_seq_name_spaces", """
m = keras.Sequential([keras.Input((4,)),
                      keras.layers.Dense(3, name="a layer name with several words in it for wrapping"),
                      keras.layers.Dense(2, name="x" * 70)], name="model with spaces in its name")
m.summary()
""")
case("sum_seq_long_model_name", """
m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)], name="m" * 100)
m.summary()
""")
case("sum_functional_chain", """
inp = keras.Input((28, 28, 1), name="img")
x = keras.layers.Conv2D(32, 5, padding="same")(inp)
x = keras.layers.MaxPooling2D()(x)
x = keras.layers.Flatten()(x)
out = keras.layers.Dense(10, name="prob_task1")(x)
keras.Model(inp, out).summary()
""")
case("sum_functional_two_inputs", """
a = keras.Input((3,), name="a")
b = keras.Input((3,), name="b")
x = keras.layers.Concatenate()([a, b])
keras.Model([a, b], keras.layers.Dense(2)(x)).summary()
""")
case("sum_functional_dict_inputs", """
a = keras.Input((3,), name="alpha")
b = keras.Input((5,), name="beta")
x = keras.layers.Concatenate(name="joined")([a, b])
y = keras.layers.Dense(4, activation="relu")(x)
keras.Model({"alpha": a, "beta": b}, {"main": keras.layers.Dense(1)(y), "aux": keras.layers.Dense(2)(y)},
            name="dict_model").summary()
""")
case("sum_functional_multi_output", """
x = keras.Input((3,))
y1 = keras.layers.Dense(1)(x)
y2 = keras.layers.Dense(2)(x)
keras.Model(x, [y1, y2]).summary()
""")
case("sum_functional_chain_two_outputs", """
x = keras.Input((3,))
h = keras.layers.Dense(4)(x)
y = keras.layers.Dense(2)(h)
keras.Model(x, [h, y]).summary()
""")
case("sum_functional_shared", """
a = keras.Input((4,), name="left")
b = keras.Input((4,), name="right")
shared = keras.layers.Dense(3, name="shared_dense")
s = keras.layers.Add()([shared(a), shared(b)])
keras.Model([a, b], keras.layers.Dense(1)(s)).summary()
""")
case("sum_functional_shared_chain", """
x = keras.Input((4,))
d = keras.layers.Dense(4, name="twice")
keras.Model(x, d(d(x))).summary()
""")
case("sum_functional_tf_ops", """
x = keras.Input((3,))
y = keras.Input((3,))
z = x[:, 0]
w = x * 2
v = x + y
n = -x
keras.Model([x, y], [z, w, v, n]).summary()
""")
case("sum_functional_op_chain", """
x = keras.Input((6,))
h = keras.layers.Dense(4)(x)
h = h * 3.0
h = h[:, :2]
keras.Model(x, keras.layers.Dense(1)(h)).summary()
""")
case("sum_functional_layer_twice_same_input", """
x = keras.Input((3,))
keras.Model(x, keras.layers.Add()([x, x])).summary()
""")
case("sum_nested_sequential", """
inner = keras.Sequential([keras.layers.Dense(8, activation="relu"), keras.layers.Dense(4)], name="inner")
x = keras.Input((6,))
y = inner(x)
out = keras.layers.Dense(1)(y)
m = keras.Model(x, out, name="outer")
m.summary()
m.summary(expand_nested=True)
""")
case("sum_nested_branches_expand", """
inner = keras.Sequential([keras.Input((6,)), keras.layers.Dense(8), keras.layers.Dense(4)], name="inner")
a = keras.Input((6,), name="a")
b = keras.Input((6,), name="b")
m = keras.Model([a, b], keras.layers.Concatenate()([inner(a), keras.layers.Dense(4)(b)]), name="outer")
m.summary(expand_nested=True)
m.summary(expand_nested=True, show_trainable=True)
""")
case("sum_nested_two_levels", """
core = keras.Sequential([keras.Input((5,)), keras.layers.Dense(5)], name="core")
mid = keras.Sequential([keras.Input((5,)), core, keras.layers.Dense(3)], name="mid")
top = keras.Sequential([keras.Input((5,)), mid, keras.layers.Dense(1)], name="top")
top.summary()
top.summary(expand_nested=True)
""")
case("sum_subclassed", """
class Sub(keras.Model):
    def __init__(self):
        super().__init__(name="sub")
        self.d1 = keras.layers.Dense(4)
        self.d2 = keras.layers.Dense(1)

    def call(self, x):
        return self.d2(self.d1(x))

m = Sub()
m.summary()
m(np.ones((2, 3), "float32"))
m.summary()
""")
case("sum_subclassed_build", """
class Sub(keras.Model):
    def __init__(self):
        super().__init__(name="sub")
        self.d1 = keras.layers.Dense(4)
        self.d2 = keras.layers.Dense(1)
        self.extra = keras.layers.Dense(7)

    def call(self, x):
        return self.d2(self.d1(x))

m = Sub()
m.build((None, 3))
m.extra.build((None, 2))
m.summary()
""")
case("sum_subclassed_multi_output", """
class Split(keras.layers.Layer):
    def call(self, x):
        return x[:, :2], x[:, 2:]

    def compute_output_shape(self, input_shape):
        return (input_shape[0], 2), (input_shape[0], input_shape[1] - 2)

class Pair(keras.layers.Layer):
    def call(self, x):
        return [x * 2.0]

    def compute_output_shape(self, input_shape):
        return [input_shape]

class Named(keras.layers.Layer):
    def call(self, x):
        return {"a": x, "b": x[:, :1]}

    def compute_output_shape(self, input_shape):
        return {"a": input_shape, "b": (input_shape[0], 1)}

i = keras.Input((5,))
two = keras.Model(i, [keras.layers.Dense(3)(i), keras.layers.Dense(1)(i)], name="two_out")

class Sub(keras.Model):
    def __init__(self):
        super().__init__(name="sub")
        self.split = Split()
        self.pair = Pair()
        self.named = Named()
        self.two = two

    def call(self, x):
        a, b = self.split(x)
        c = self.pair(x)
        d = self.named(x)
        e = self.two(x)
        return a, b, c, d, e

m = Sub()
m(np.ones((2, 5), "float32"))
m.summary()
""")
case("sum_subclassed_nested", """
class Sub(keras.Model):
    def __init__(self):
        super().__init__(name="sub")
        self.block = keras.Sequential([keras.layers.Dense(4), keras.layers.Dense(2)], name="block")
        self.head = keras.layers.Dense(1)

    def call(self, x):
        return self.head(self.block(x))

m = Sub()
m(np.ones((2, 3), "float32"))
m.summary()
m.summary(expand_nested=True)
""")
case("sum_long_shapes", """
x = keras.Input((1000, 1000, 3, 7), name="big")
y = keras.layers.Dense(12345)(x)
z = keras.layers.Dense(2)(y)
keras.Model(x, z).summary()
keras.Model(x, [z, y]).summary()
""")
case("sum_large_params", """
m = keras.Sequential([keras.Input((10000,)), keras.layers.Dense(3000), keras.layers.Dense(1000)])
m.summary()
""")
case("sum_batchnorm", """
m = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16), keras.layers.BatchNormalization(),
                      keras.layers.Dropout(0.5), keras.layers.Dense(1)])
m.summary()
""")
case("sum_frozen_show_trainable", """
m = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16), keras.layers.BatchNormalization(),
                      keras.layers.Dense(4, trainable=False), keras.layers.Flatten()])
m.summary(show_trainable=True)
""")
case("sum_functional_show_trainable", """
a = keras.Input((3,), name="a")
b = keras.Input((3,), name="b")
d = keras.layers.Dense(2, name="frozen")
d.trainable = False
x = keras.layers.Concatenate()([d(a), b])
keras.Model([a, b], keras.layers.Dense(2)(x)).summary(show_trainable=True)
""")
case("sum_compiled_not_fit", """
m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3), keras.layers.Dense(1)])
m.compile(optimizer="adam", loss="mse")
m.summary()
""")
case("sum_after_fit", """
m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3), keras.layers.BatchNormalization(),
                      keras.layers.Dense(1)])
m.compile(optimizer="adam", loss="mse")
m.fit(np.ones((8, 4), "float32"), np.ones((8, 1), "float32"), verbose=0)
m.summary()
""")
case("sum_after_fit_sgd", """
m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3), keras.layers.Dense(1)])
m.compile(optimizer=keras.optimizers.SGD(momentum=0.9), loss="mse")
m.fit(np.ones((8, 4), "float32"), np.ones((8, 1), "float32"), verbose=0)
m.summary()
""")
case("sum_line_length_wide", """
m = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(100)])
m.summary(line_length=120)
""")
case("sum_line_length_narrow", """
m = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(100)])
m.summary(line_length=30)
m.summary(line_length=50)
m.summary(line_length=65)
""")
case("sum_line_length_functional", """
a = keras.Input((3,), name="a")
b = keras.Input((3,), name="b")
x = keras.layers.Concatenate()([a, b])
m = keras.Model([a, b], keras.layers.Dense(2)(x))
m.summary(line_length=40)
m.summary(line_length=79)
m.summary(line_length=80)
""")
case("sum_positions", """
m = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(100)])
m.summary(positions=[0.5, 0.7, 1.0])
m.summary(positions=[0.2, 0.4, 0.6])
m.summary(positions=[30, 60, 80])
m.summary(line_length=70, positions=[0.6, 0.8, 1.0], show_trainable=True)
""")
case("sum_positions_too_narrow", """
m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
try:
    m.summary(positions=[0.01, 0.5, 1.0])
except ValueError as e:
    result = str(e)
""")
case("sum_print_fn", """
m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
calls = []
m.summary(print_fn=lambda *a, **k: calls.append((a, k)))
result = calls
""")
case("sum_print_fn_print", """
m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
m.summary(print_fn=print)
""")
case("sum_layer_range", """
m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2), keras.layers.Dense(3), keras.layers.Dense(4)])
m.summary(layer_range=("dense_1", "dense_2"))
m.summary(layer_range=["dense_2", "dense$"])
try:
    m.summary(layer_range=("nope", "dense"))
except ValueError as e:
    result = str(e)
""")
case("sum_markup_names", """
x = keras.Input((3,), name="in[bold]put")
y = keras.layers.Dense(2, name="d[x]")(x)
z = keras.layers.Dense(2, name="e[i]x")(y)
w = keras.layers.Dense(1, name="w[b]")(x)
keras.Model(x, [z, w], name="m[red]x").summary()
""")
case("sum_markup_names_plain_tags", """
x = keras.Input((3,), name="in[bold]put")
y = keras.layers.Dense(2, name="d[italic]x[dim]")(x)
w = keras.layers.Dense(1, name="w\\[b]")(x)
z = keras.layers.Add(name="add[1]")([y, y])
keras.Model(x, [z, w], name="m[red]x").summary()
""")
case("sum_wide_chars", """
m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name="密集层_名称_很长很长很长很长很长")])
m.summary()
""")
case("sum_scalar_shape_and_dtypes", """
x = keras.Input((3,), dtype="float64")
y = keras.layers.Dense(2, dtype="float64")(x)
e = keras.Input((5,), dtype="int32")
z = keras.layers.Embedding(100, 4)(e)
keras.Model([x, e], [y[:, 0], z]).summary()
""")
case("sum_conv_model", """
inp = keras.Input((32, 32, 3))
x = keras.layers.Conv2D(64, 3, activation="relu")(inp)
x = keras.layers.BatchNormalization()(x)
x = keras.layers.Conv2D(128, 3, activation="relu")(x)
x = keras.layers.GlobalAveragePooling2D()(x)
x = keras.layers.Dropout(0.2)(x)
out = keras.layers.Dense(10, activation="softmax")(x)
keras.Model(inp, out, name="cnn").summary()
""")
case("sum_residual", """
inp = keras.Input((16,), name="features")
h = keras.layers.Dense(16, activation="relu", name="hidden_layer_with_a_long_name")(inp)
h = keras.layers.Dense(16, name="projection")(h)
s = keras.layers.Add(name="residual_connection")([inp, h])
out = keras.layers.Dense(1, name="output_head")(keras.layers.LayerNormalization()(s))
keras.Model(inp, out, name="residual").summary()
""")
case("sum_width_sweep", """
import os
os.environ["COLUMNS"] = "200"
a = keras.Input((3,), name="first_input_with_long_name")
b = keras.Input((3,), name="b")
x = keras.layers.Concatenate(name="concatenate_the_two")([a, b])
f = keras.Model([a, b], keras.layers.Dense(2, name="head")(x), name="branchy")
s = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(100, name="d")], name="s")
s.summary()
f.summary()
s.summary(show_trainable=True)
f.summary(show_trainable=True)
for n in range(21, 131, 11):
    s.summary(line_length=n)
for n in range(25, 131, 15):
    f.summary(line_length=n)
for n in range(30, 131, 25):
    f.summary(line_length=n, show_trainable=True)
s.summary(positions=[0.1, 0.2, 0.95])
s.summary(positions=[0.3, 0.5])
f.summary(positions=[0.4, 0.5, 0.6, 0.7, 0.9, 1.0])
""")
case("sum_narrow_console", """
import os
os.environ["COLUMNS"] = "60"
s = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(100)], name="s" * 70)
s.summary()
s.summary(line_length=75)
""")
case("sum_nested_functional_expand", """
i = keras.Input((4,), name="inner_in")
inner = keras.Model(i, keras.layers.Dense(3)(keras.layers.Dense(5)(i)), name="inner_functional")
a = keras.Input((4,), name="a")
b = keras.Input((4,), name="b")
m = keras.Model([a, b], keras.layers.Add()([inner(a), inner(b)]), name="outer")
m.summary(expand_nested=True)
m.summary(expand_nested=True, layer_range=("inner.*", "add"))
""")
case("sum_interactive_logging_off", """
m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
keras.config.disable_interactive_logging()
try:
    m.summary()
    bar = keras.utils.Progbar(2)
    bar.update(1)
    bar.update(2)
    calls = []
    m.summary(print_fn=calls.append)
    result = len(calls)
finally:
    keras.config.enable_interactive_logging()
""")

# ---------------------------------------------------------------------------------------------
# keras.utils.Progbar on its own
# ---------------------------------------------------------------------------------------------
case("pb_basic", """
bar = keras.utils.Progbar(5)
for i in range(1, 6):
    bar.update(i, values=[("loss", 1.0 / i), ("acc", 0.1 * i)])
""", dt=0.25)
case("pb_throttle", """
bar = keras.utils.Progbar(10)
for i in range(1, 11):
    bar.update(i, values=[("loss", float(i))])
""", dt=0.0234375)
case("pb_stateful", """
bar = keras.utils.Progbar(4, stateful_metrics=["acc"])
for i in range(1, 5):
    bar.update(i, values=[("loss", float(i)), ("acc", float(i))])
""", dt=0.125)
case("pb_stateless_list", """
bar = keras.utils.Progbar(4, stateless_metrics=["loss"])
for i in range(1, 5):
    bar.update(i, values=[("loss", float(i)), ("acc", float(i))])
""", dt=0.125)
case("pb_both_lists", """
try:
    keras.utils.Progbar(4, stateful_metrics=["a"], stateless_metrics=["b"])
except ValueError as e:
    result = str(e)
""")
case("pb_skipped_steps", """
bar = keras.utils.Progbar(12)
bar.update(3, values=[("loss", 3.0)])
bar.update(7, values=[("loss", 1.0)])
bar.update(12, values=[("loss", 5.0)])
""", dt=0.5)
case("pb_value_formats", """
bar = keras.utils.Progbar(3)
bar.update(1, values=[("big", 12345.678), ("neg", -0.5), ("tiny", 0.0001), ("zero", 0.0), ("int", 3),
                      ("negtiny", -0.0005), ("arr", np.array([1.0, 2.0, 4.0])), ("f32", np.float32(0.25))])
bar.update(2, values=[("big", 1.0), ("neg", -0.25), ("tiny", 0.0003), ("zero", 0.0), ("int", 4),
                      ("negtiny", -0.0005), ("arr", np.array([3.0, 3.0, 3.0])), ("f32", np.float32(0.5))])
bar.update(3, values=[("big", 2.0), ("neg", -2.0), ("tiny", 0.00001), ("zero", 0.0), ("int", 5),
                      ("negtiny", -0.0005), ("arr", np.array([1.0, 1.0, 7.0])), ("f32", np.float32(0.75))])
""", dt=0.25)
case("pb_value_formats_stateful", """
bar = keras.utils.Progbar(2, stateful_metrics=["a", "b", "c", "d"])
bar.update(1, values=[("a", 0.001), ("b", -0.001), ("c", 0.0010001), ("d", 1e-9)])
bar.update(2, values=[("a", 1e10), ("b", -3.0), ("c", np.float64(2.5)), ("d", 7)])
""", dt=0.25)
case("pb_eta_minutes", """
bar = keras.utils.Progbar(20)
for i in range(1, 21, 4):
    bar.update(i)
bar.update(20)
""", dt=37.5)
case("pb_eta_hours", """
bar = keras.utils.Progbar(1000)
for i in (1, 2, 3, 500, 999, 1000):
    bar.update(i, values=[("loss", 0.5)])
""", dt=4000.0)
case("pb_time_units", """
for step in range(3):
    bar = keras.utils.Progbar(3, unit_name="sample")
    for i in range(1, 4):
        bar.update(i)
""", dt=[2.5, 0.0005, 0.001, 0.0])
case("pb_zero_time", """
bar = keras.utils.Progbar(2)
bar.update(1)
bar.update(2)
""", dt=0.0)
case("pb_unknown", """
bar = keras.utils.Progbar(None)
for i in range(1, 5):
    bar.update(i, values=[("loss", 0.5 * i)])
bar.update(4, values=[("loss", 9.0)], finalize=True)
""", dt=0.125)
case("pb_unknown_big", """
bar = keras.utils.Progbar(None)
bar.update(1234567)
bar.update(12345678, finalize=True)
""", dt=0.125)
case("pb_target_zero", """
bar = keras.utils.Progbar(0)
bar.update(0, values=[("loss", 1.0)])
bar.update(1, values=[("loss", 1.0)], finalize=True)
""", dt=0.125)
case("pb_shrinking_line", """
bar = keras.utils.Progbar(3)
bar.update(1, values=[("a_very_long_metric_name", 123456.0)])
bar = keras.utils.Progbar(3)
bar.update(1, values=[("l", 1.0)])
bar.update(2, values=[("l", 1.0), ("extra", 2.0)])
bar.update(3, values=[("l", 1.0)])
""", dt=0.125)
case("pb_big_target", """
bar = keras.utils.Progbar(12345)
bar.update(7)
bar.update(12345)
""", dt=0.125)
case("pb_add", """
bar = keras.utils.Progbar(6)
bar.add(2, values=[("loss", 1.0)])
bar.add(2, values=[("loss", 3.0)])
bar.add(2, values=[("loss", 5.0)])
""", dt=0.125)
case("pb_finalize_early", """
bar = keras.utils.Progbar(10)
bar.update(3, values=[("loss", 1.0)])
bar.update(4, values=[("loss", 2.0)], finalize=True)
bar.update(5, values=[("loss", 3.0)])
""", dt=0.125)
case("pb_width", """
bar = keras.utils.Progbar(7, width=7)
for i in range(1, 8):
    bar.update(i)
bar = keras.utils.Progbar(3, width=40)
for i in range(1, 4):
    bar.update(i)
""", dt=0.125)
case("pb_verbose2", """
bar = keras.utils.Progbar(4, verbose=2)
for i in range(1, 5):
    bar.update(i, values=[("loss", 1.0 / i), ("neg", -0.5), ("tiny", 0.0001)])
""", dt=0.125)
case("pb_verbose2_unknown", """
bar = keras.utils.Progbar(None, verbose=2)
bar.update(3, values=[("loss", 1.0)])
bar.update(3, values=[("loss", 1.0)], finalize=True)
bar.target = 3
bar.update(3, values=[("loss", 2.0)], finalize=True)
""", dt=0.125)
case("pb_verbose0", """
bar = keras.utils.Progbar(3, verbose=0)
for i in range(1, 4):
    bar.update(i, values=[("loss", 1.0)])
""")
case("pb_interval", """
bar = keras.utils.Progbar(6, interval=0.3)
for i in range(1, 7):
    bar.update(i)
""", dt=0.125)

# ---------------------------------------------------------------------------------------------
# ProgbarLogger driven by hand (logs passed with sorted keys, as Keras's trainer passes them)
# ---------------------------------------------------------------------------------------------
case("pl_manual_fit", """
cb = keras.callbacks.ProgbarLogger()
cb.set_params({"verbose": 1, "epochs": 2, "steps": 3})
cb.on_train_begin()
for epoch in range(2):
    cb.on_epoch_begin(epoch)
    for b in range(3):
        cb.on_train_batch_begin(b)
        cb.on_train_batch_end(b, {"accuracy": 0.25 * b, "loss": 2.0 - b})
    cb.on_test_begin()
    cb.on_test_batch_end(0, {"accuracy": 0.5, "loss": 9.0})
    cb.on_test_end({"accuracy": 0.5, "loss": 9.0})
    cb.on_epoch_end(epoch, {"accuracy": 0.5, "loss": 0.0, "val_accuracy": 0.75, "val_loss": 0.125})
cb.on_train_end()
""", dt=0.125)
case("pl_manual_verbose2", """
cb = keras.callbacks.ProgbarLogger()
cb.set_params({"verbose": 2, "epochs": 2, "steps": 3})
cb.on_train_begin()
for epoch in range(2):
    cb.on_epoch_begin(epoch)
    for b in range(3):
        cb.on_train_batch_end(b, {"loss": 2.0 - b})
    cb.on_epoch_end(epoch, {"loss": 0.5, "val_loss": 0.25})
""", dt=0.125)
case("pl_manual_unknown_steps", """
cb = keras.callbacks.ProgbarLogger()
cb.set_params({"verbose": 1, "epochs": 2, "steps": None})
cb.on_train_begin()
for epoch in range(2):
    cb.on_epoch_begin(epoch)
    for b in range(4):
        cb.on_train_batch_end(b, {"loss": 1.0 + b})
    cb.on_epoch_end(epoch, {"loss": 2.5})
""", dt=0.125)
case("pl_manual_evaluate_predict", """
cb = keras.callbacks.ProgbarLogger()
cb.set_params({"verbose": "auto", "epochs": 1, "steps": 2})
cb.on_test_begin()
cb.on_test_batch_end(0, {"loss": 1.0})
cb.on_test_batch_end(1, {"loss": 2.0})
cb.on_test_end({"loss": 3.0})
cb.on_predict_begin()
cb.on_predict_batch_end(0, {"outputs": np.ones(3)})
cb.on_predict_batch_end(1, {"outputs": np.ones(3)})
cb.on_predict_end()
""", dt=0.125)

# ---------------------------------------------------------------------------------------------
# fit / evaluate / predict
# ---------------------------------------------------------------------------------------------
_MODEL = """
x = np.arange(24, dtype="float32").reshape(12, 2) / 8.0
y = np.array([0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0], "float32").reshape(12, 1)
m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, kernel_initializer="zeros",
                                                            bias_initializer="zeros")])
m.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="mse",
          metrics=[keras.metrics.MeanAbsoluteError(name="mae"), "accuracy"])
"""
case("fit_verbose1_val", _MODEL + """
m.fit(x, y, batch_size=4, epochs=2, validation_data=(x[:4], y[:4]), shuffle=False)
""", dt=0.125)
case("fit_metric_string_names", _MODEL.replace('metrics=[keras.metrics.MeanAbsoluteError(name="mae"), "accuracy"]',
                                               'metrics=["mae", "acc"]') + """
m.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=2)
""", dt=0.125)
case("fit_verbose1_one_epoch", _MODEL + """
m.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=1)
""", dt=0.125)
case("fit_verbose1_throttled", _MODEL + """
m.fit(x, y, batch_size=2, epochs=2, shuffle=False, verbose=1)
""", dt=0.0234375)
case("fit_verbose2", _MODEL + """
m.fit(x, y, batch_size=4, epochs=2, validation_data=(x[:4], y[:4]), shuffle=False, verbose=2)
""", dt=0.125)
case("fit_verbose2_one_epoch", _MODEL + """
m.fit(x, y, batch_size=5, epochs=1, shuffle=False, verbose=2)
""", dt=0.125)
case("fit_verbose0", _MODEL + """
m.fit(x, y, batch_size=4, epochs=2, shuffle=False, verbose=0)
""", dt=0.125)
case("fit_validation_split", _MODEL + """
m.fit(x, y, batch_size=3, epochs=2, validation_split=0.25, shuffle=False)
""", dt=0.125)
case("fit_slow_steps", _MODEL + """
m.fit(x, y, batch_size=4, epochs=1, shuffle=False)
""", dt=1.5)
case("fit_generator", _MODEL + """
def gen():
    for i in range(0, 12, 4):
        yield x[i:i + 4], y[i:i + 4]
m.fit(gen(), epochs=1)
""", dt=0.125)
case("evaluate_verbose1", _MODEL + """
result = m.evaluate(x, y, batch_size=4)
""", dt=0.125)
case("evaluate_verbose2", _MODEL + """
result = m.evaluate(x, y, batch_size=4, verbose=2)
""", dt=0.125)
case("evaluate_generator", _MODEL + """
def gen():
    for i in range(0, 12, 5):
        yield x[i:i + 5], y[i:i + 5]
result = m.evaluate(gen())
""", dt=0.125)
case("predict_verbose1", _MODEL + """
result = m.predict(x, batch_size=5).shape
""", dt=0.125)
case("predict_verbose2", _MODEL + """
result = m.predict(x, batch_size=5, verbose=2).shape
""", dt=0.125)
case("predict_generator", _MODEL + """
def gen():
    for i in range(0, 12, 4):
        yield (x[i:i + 4],)
result = m.predict(gen()).shape
""", dt=0.125)


# ---------------------------------------------------------------------------------------------
# runner (shared with the tests)
# ---------------------------------------------------------------------------------------------
class FakeClock:
    """Stands in for the ``time`` module inside the progbar module: each ``time()`` call moves
    the clock on by the next step of ``dt`` (a number, or a list used in turn)."""

    def __init__(self, dt, start=1000.0):
        self._steps = list(dt) if isinstance(dt, (list, tuple)) else [dt]
        self._calls = 0
        self.now = start

    def time(self):
        self.now += self._steps[self._calls % len(self._steps)]
        self._calls += 1
        return self.now


def run_case(source, keras, tf, progbar_module, dt, case_id="case"):
    """Run one case with ``keras``/``tf`` bound as given; returns {"stdout", "result"/"error"}."""
    keras.backend.clear_session()
    keras.utils.set_random_seed(1)
    saved_columns = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "80"
    saved_time = progbar_module.time
    progbar_module.time = FakeClock(dt)
    namespace = {"keras": keras, "tf": tf, "np": np}
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(compile(source, f"<golden {case_id}>", "exec"), namespace)
        outcome = {}
        if "result" in namespace:
            outcome["result"] = repr(namespace["result"])
    except Exception as e:  # an error case records the exception itself
        outcome = {"error": type(e).__name__, "message": str(e)}
    finally:
        progbar_module.time = saved_time
        if saved_columns is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved_columns
        keras.backend.clear_session()
    outcome["stdout"] = out.getvalue()
    return outcome


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras
    import keras.src.utils.progbar as progbar_module
    import tensorflow as tf
    seen, records = set(), []
    for case_id, source, dt in CASES:
        if case_id in seen:
            raise SystemExit(f"duplicate case id {case_id}")
        seen.add(case_id)
        records.append({"id": case_id, "source": source, "dt": dt,
                        **run_case(source, keras, tf, progbar_module, dt, case_id)})
    with open(FIXTURE, "w", encoding="utf-8") as f:
        json.dump({"tensorflow": tf.__version__, "keras": keras.__version__, "cases": records}, f, indent=1,
                  ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(records)} cases to {os.path.normpath(FIXTURE)}", file=sys.stderr)


if __name__ == "__main__":
    main()
