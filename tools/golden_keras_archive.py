"""Whole-model ``.keras`` fixtures, both ways between real Keras 3.15 and leantf.

    /work/tfenv/bin/python tools/golden_keras_archive.py
        writes tests/fixtures/keras_archive/{seq,func,sub}.keras with real Keras, plus
        expected.json: the fixed inputs and each model's predictions on them.

    PYTHONPATH=. python3 tools/golden_keras_archive.py --leantf --out DIR
        writes the same three models with leantf (for the check below).

    /work/tfenv/bin/python tools/golden_keras_archive.py --check DIR
        loads every model in DIR with real Keras and compares its predictions with
        DIR/expected.json (proves Keras reads leantf's files); also resumes ``fit`` on the
        Sequential model, which needs the compile config and optimizer state to load.

The models are defined once, below, for both libraries. The subclassed model is registered
as ``leantf_fixtures>TinyNet``; tests/keras/saving registers the same class for leantf.
"""
import argparse
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "tests", "fixtures", "keras_archive")


def define_tiny_net(keras):
    @keras.saving.register_keras_serializable(package="leantf_fixtures")
    class TinyNet(keras.Model):
        def __init__(self, units=3, **kwargs):
            super().__init__(**kwargs)
            self.units = units
            self.hidden = keras.layers.Dense(units, activation="tanh")
            self.head = keras.layers.Dense(1)

        def call(self, inputs):
            return self.head(self.hidden(inputs))

        def get_config(self):
            return {**super().get_config(), "units": self.units}
    return TinyNet


def inputs():
    rng = np.random.RandomState(7)
    return {"seq": rng.rand(5, 4).astype("float32"),
            "func": [rng.rand(5, 3).astype("float32"), rng.rand(5, 2).astype("float32")],
            "sub": rng.rand(5, 4).astype("float32")}


def build_models(keras):
    rng = np.random.RandomState(0)
    seq = keras.Sequential([keras.Input((4,)), keras.layers.Dense(6, activation="relu"), keras.layers.Dense(3)])
    seq.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    seq.fit(rng.rand(8, 4).astype("float32"), rng.randint(0, 3, size=(8,)), batch_size=8, epochs=1, verbose=0)

    a = keras.Input((3,), name="a")
    b = keras.Input((2,), name="b")
    h = keras.layers.Dense(4, activation="relu", name="da")(a)
    h = keras.layers.Concatenate()([h, b])
    func = keras.Model([a, b], keras.layers.Dense(1, name="out")(h), name="two_inputs")
    func.compile(optimizer="sgd", loss="mse")

    sub = define_tiny_net(keras)(units=3, name="tiny")
    sub(np.zeros((1, 4), "float32"))
    return {"seq": seq, "func": func, "sub": sub}


def _as_list(x):
    return [_as_list(v) for v in x] if isinstance(x, list) else np.asarray(x).tolist()


def write(keras, out):
    os.makedirs(out, exist_ok=True)
    xs = inputs()
    expected = {"inputs": {k: _as_list(v) for k, v in xs.items()}, "predictions": {}}
    for name, model in build_models(keras).items():
        model.save(os.path.join(out, f"{name}.keras"))
        expected["predictions"][name] = np.asarray(model.predict(xs[name], verbose=0)).tolist()
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print(f"wrote {sorted(os.listdir(out))} to {out}")


def check(keras, directory):
    define_tiny_net(keras)
    with open(os.path.join(directory, "expected.json")) as f:
        expected = json.load(f)
    ok = True
    for name, want in expected["predictions"].items():
        model = keras.saving.load_model(os.path.join(directory, f"{name}.keras"))
        x = expected["inputs"][name]
        x = [np.asarray(v, "float32") for v in x] if name == "func" else np.asarray(x, "float32")
        diff = float(np.max(np.abs(np.asarray(model.predict(x, verbose=0)) - np.asarray(want))))
        ok &= diff < 1e-5
        print(f"{name}: {type(model).__name__} loaded by Keras, max |prediction diff| = {diff:.3g}, "
              f"compiled={model.compiled}")
        if name == "seq":
            iterations = int(model.optimizer.iterations.numpy())
            model.fit(x, np.zeros((len(x),), "int64"), verbose=0)
            print(f"  optimizer iterations restored: {iterations}, after one more fit step: "
                  f"{int(model.optimizer.iterations.numpy())}")
    print("ALL OK" if ok else "MISMATCH")
    return 0 if ok else 1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--leantf", action="store_true", help="write the models with leantf")
    parser.add_argument("--check", metavar="DIR", help="load DIR's models with real Keras")
    args = parser.parse_args(argv)
    if args.leantf:
        from leantf import keras
    else:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import keras
        keras.utils.set_random_seed(0)
    if args.check:
        return check(keras, args.check)
    write(keras, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
