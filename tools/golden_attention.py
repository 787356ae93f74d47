"""Golden values for the attention layers and the small layers, from real Keras.

Run with the TensorFlow 2.21 / Keras 3.15 virtualenv (never a leantf dependency):

    /work/tfenv/bin/python tools/golden_attention.py

Every entry of CASES is run by ``run_case``, which only uses the ``tf``/``keras`` modules it
is handed, so tests/keras/layers/test_attention.py and test_misc_layers.py run the very
same steps on leantf. A case builds its layer (and, for ``ids`` inputs, an
``Embedding(mask_zero=True)`` that feeds it inputs carrying a Keras mask), sets weights
drawn from a generator seeded by the case name, calls it under a GradientTape and records
the output, the attention scores, the gradients of ``sum(y * g) + sum(scores * gs)`` with
respect to the float inputs and every trainable weight, and -- for MultiHeadAttention --
the output of a second call without ``return_attention_scores`` (Keras takes another code
path there). tests/fixtures/attention/golden.npz holds the arrays; ``__meta__`` (JSON) holds
each layer's config (name removed), weight paths and parameter count.
"""
import json
import os
import sys
import zlib

import numpy as np

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "tests", "fixtures", "attention",
                       "golden.npz")

# name -> {"layer": (class name, kwargs), "inputs": [(argument, spec)], "call": kwargs,
#          "list_input": bool (Attention layers take [query, value(, key)])}.
# An input spec is a float shape, ("same", other argument) for the very same tensor,
# ("bool", shape) for a boolean tensor, or ("ids", shape, vocabulary, width) for token ids
# (id 0 = padding) sent through an Embedding(mask_zero=True) first.
CASES = {
    "mha_self": {"layer": ("MultiHeadAttention", {"num_heads": 2, "key_dim": 3}),
                 "inputs": [("query", (2, 5, 4)), ("value", ("same", "query"))]},
    "mha_cross_key": {"layer": ("MultiHeadAttention", {"num_heads": 2, "key_dim": 3, "value_dim": 2,
                                                       "output_shape": 5}),
                      "inputs": [("query", (2, 4, 6)), ("value", (2, 3, 5)), ("key", (2, 3, 7))]},
    "mha_attention_mask": {"layer": ("MultiHeadAttention", {"num_heads": 3, "key_dim": 2}),
                           "inputs": [("query", (2, 4, 5)), ("value", (2, 6, 5)),
                                      ("attention_mask", ("bool", (2, 4, 6)))]},
    "mha_causal_cross": {"layer": ("MultiHeadAttention", {"num_heads": 2, "key_dim": 4, "use_bias": False}),
                         "inputs": [("query", (2, 4, 3)), ("value", (2, 6, 3))], "call": {"use_causal_mask": True}},
    "mha_embedding_mask": {"layer": ("MultiHeadAttention", {"num_heads": 2, "key_dim": 3}),
                           "inputs": [("query", ("ids", (3, 5), 9, 4)), ("value", ("same", "query"))]},
    "mha_embedding_mask_causal": {"layer": ("MultiHeadAttention", {"num_heads": 2, "key_dim": 3}),
                                  "inputs": [("query", ("ids", (3, 5), 9, 4)), ("value", ("same", "query"))],
                                  "call": {"use_causal_mask": True}},
    "mha_2d_axes": {"layer": ("MultiHeadAttention", {"num_heads": 2, "key_dim": 2, "attention_axes": (1, 2)}),
                    "inputs": [("query", (2, 3, 2, 4)), ("value", ("same", "query"))]},
    "mha_gate_window": {"layer": ("MultiHeadAttention", {"num_heads": 2, "key_dim": 2, "use_gate": True,
                                                         "sliding_window": 2}),
                        "inputs": [("query", (2, 5, 3)), ("value", ("same", "query"))]},
    "einsum_dense_seq": {"layer": ("EinsumDense", {"equation": "abc,cd->abd", "output_shape": (None, 4),
                                                   "bias_axes": "d", "activation": "tanh"}),
                         "inputs": [("inputs", (2, 3, 5))]},
    "einsum_dense_left_ellipsis": {"layer": ("EinsumDense", {"equation": "...b,bc->...c", "output_shape": 3,
                                                             "bias_axes": "c"}),
                                   "inputs": [("inputs", (2, 3, 4, 5))]},
    "einsum_dense_right_ellipsis": {"layer": ("EinsumDense", {"equation": "ab...,bc->ac...", "output_shape": 4,
                                                              "bias_axes": "c"}),
                                    "inputs": [("inputs", (2, 3, 5))]},
    "attention_dot_masks": {"layer": ("Attention", {}), "list_input": True,
                            "inputs": [("query", (2, 3, 4)), ("value", (2, 5, 4))],
                            "call": {"mask": [("bool", (2, 3)), ("bool", (2, 5))]}},
    "attention_scaled_key_causal": {"layer": ("Attention", {"use_scale": True}), "list_input": True,
                                    "inputs": [("query", (2, 4, 3)), ("value", (2, 4, 3)), ("key", (2, 4, 3))],
                                    "call": {"use_causal_mask": True}},
    "attention_concat": {"layer": ("Attention", {"score_mode": "concat", "use_scale": True}), "list_input": True,
                         "inputs": [("query", (2, 3, 4)), ("value", (2, 5, 4))],
                         "call": {"mask": [None, ("bool", (2, 5))]}},
    "additive_attention": {"layer": ("AdditiveAttention", {}), "list_input": True,
                           "inputs": [("query", (2, 3, 4)), ("value", (2, 5, 4))],
                           "call": {"mask": [("bool", (2, 3)), ("bool", (2, 5))]}},
    "additive_attention_noscale": {"layer": ("AdditiveAttention", {"use_scale": False}), "list_input": True,
                                   "inputs": [("query", (2, 3, 4)), ("value", (2, 5, 4))]},
    "group_norm": {"layer": ("GroupNormalization", {"groups": 2}), "inputs": [("inputs", (2, 3, 4))]},
    "group_norm_instance_axis1": {"layer": ("GroupNormalization", {"groups": -1, "axis": 1, "epsilon": 0.01}),
                                  "inputs": [("inputs", (2, 3, 4, 2))]},
    "group_norm_plain": {"layer": ("GroupNormalization", {"groups": 3, "center": False, "scale": False}),
                         "inputs": [("inputs", (2, 5, 6))]},
    "unit_norm": {"layer": ("UnitNormalization", {}), "inputs": [("inputs", (3, 4))]},
    "unit_norm_axes": {"layer": ("UnitNormalization", {"axis": [1, 2]}), "inputs": [("inputs", (2, 3, 4))]},
    "masking": {"layer": ("Masking", {"mask_value": 0.0}), "inputs": [("inputs", (2, 4, 3))]},
    "identity": {"layer": ("Identity", {}), "inputs": [("inputs", (2, 3))]},
    "activity_regularization": {"layer": ("ActivityRegularization", {"l1": 0.01, "l2": 0.1}),
                                "inputs": [("inputs", (4, 3))]},
    "alpha_dropout_inference": {"layer": ("AlphaDropout", {"rate": 0.3}), "inputs": [("inputs", (2, 5))]},
}


def _seed(name):
    return zlib.crc32(name.encode("utf-8"))


def make_raw_inputs(name):
    """The case's input arrays by argument name (ids for ``ids`` inputs), and the explicit
    ``mask=`` list if the case has one."""
    rng = np.random.default_rng(_seed(name))
    spec = CASES[name]
    raw = {}

    def draw(s):
        if isinstance(s[0], str) and s[0] == "bool":
            values = rng.random(s[1]) > 0.35
            values[..., 0] = True  # at least one position kept in most rows
            if len(s[1]) == 3:
                values[0, 1, :] = False  # and one fully masked query row
            return values
        if isinstance(s[0], str) and s[0] == "ids":
            ids = rng.integers(1, s[2], s[1]).astype("int32")
            for row in range(s[1][0]):
                ids[row, s[1][1] - row:] = 0  # row r has r padding steps
            return ids
        return rng.standard_normal(s).astype("float32")

    for arg, s in spec["inputs"]:
        if isinstance(s[0], str) and s[0] == "same":
            continue
        raw[arg] = draw(s)
    if name == "masking":
        raw["inputs"][0, 1, :] = 0.0  # whole time steps at the mask value
        raw["inputs"][1, 3, :] = 0.0
    masks = None
    if "mask" in spec.get("call", {}):
        masks = [None if m is None else draw(m) for m in spec["call"]["mask"]]
    return raw, masks


def make_weights(name, shapes):
    rng = np.random.default_rng(_seed(name) + 1)
    return [(rng.standard_normal(s) * 0.5).astype("float32") for s in shapes]


def make_upstream(name, shape, which):
    return np.random.default_rng(_seed(name) + which).standard_normal(shape).astype("float32")


def weight_path(v):
    return getattr(v, "path", None) or v.name


def run_case(name, tf, keras, layer_class, weights=None):
    """Run case ``name``; ``layer_class(class_name)`` gives the layer class. Returns
    ``(layer, results)`` where results maps array names to NumPy arrays."""
    spec = CASES[name]
    raw, masks = make_raw_inputs(name)
    cls_name, kwargs = spec["layer"]
    layer = layer_class(cls_name)(**kwargs)
    call_kwargs = {k: v for k, v in spec.get("call", {}).items() if k != "mask"}
    is_mha = cls_name == "MultiHeadAttention"
    ids_spec = next((s for _, s in spec["inputs"] if isinstance(s[0], str) and s[0] == "ids"), None)
    embedding = keras.layers.Embedding(ids_spec[2], ids_spec[3], mask_zero=True) if ids_spec else None

    def call(watch, tape=None, scores=None):
        tensors = {}
        for arg, s in spec["inputs"]:
            if isinstance(s[0], str) and s[0] == "same":
                tensors[arg] = tensors[s[1]]
            elif isinstance(s[0], str) and s[0] == "ids":
                tensors[arg] = embedding(tf.constant(raw[arg]))
            else:
                tensors[arg] = tf.constant(raw[arg])
                if tape is not None and raw[arg].dtype == np.float32:
                    tape.watch(tensors[arg])
                    watch[arg] = tensors[arg]
        kw = dict(call_kwargs)
        if masks is not None:
            kw["mask"] = [None if m is None else tf.constant(m) for m in masks]
        if scores is not None:
            kw["return_attention_scores"] = scores
        if spec.get("list_input"):
            return layer([tensors[arg] for arg, _ in spec["inputs"]], **kw)
        names = [arg for arg, _ in spec["inputs"]]
        positional = [tensors[n] for n in names if n in ("query", "value", "inputs")]
        kw.update({n: tensors[n] for n in names if n not in ("query", "value", "inputs")})
        return layer(*positional, **kw)

    call({})  # builds
    params = ([] if embedding is None else embedding.weights) + layer.weights
    if weights is None:
        weights = make_weights(name, [tuple(v.shape) for v in params])
    for v, w in zip(params, weights):
        v.assign(w)

    results = {f"w{i}": w for i, w in enumerate(weights)}
    with_scores = is_mha or cls_name in ("Attention", "AdditiveAttention")
    watch = {}
    with tf.GradientTape(persistent=True) as tape:
        out = call(watch, tape, scores=True if with_scores else None)
        y, scores = out if with_scores else (out, None)
        g = make_upstream(name, tuple(y.shape), 2)
        loss = tf.reduce_sum(y * g)
        if scores is not None:
            loss = loss + tf.reduce_sum(scores * make_upstream(name, tuple(scores.shape), 3))
    results["y"] = y.numpy()
    if scores is not None:
        results["scores"] = scores.numpy()
    mask = getattr(y, "_keras_mask", None)
    if mask is not None:
        results["y_mask"] = np.asarray(mask)
    for arg, t in watch.items():
        results[f"gx_{arg}"] = np.asarray(tape.gradient(loss, t))
    trainable = ([] if embedding is None else embedding.trainable_weights) + layer.trainable_weights
    for i, v in enumerate(trainable):
        grad = tape.gradient(loss, v)
        grad = np.zeros(tuple(v.shape), "float32") if grad is None else np.asarray(tf.convert_to_tensor(grad))
        results[f"gw{i}"] = grad
    if is_mha:
        results["y_plain"] = call({}, scores=False).numpy()
    if layer.losses:
        results["losses"] = np.array([float(v) for v in layer.losses], "float32")
    return layer, results


def describe(layer):
    config = json.loads(json.dumps(layer.get_config()))
    config.pop("name", None)
    return {"config": config, "weight_paths": [weight_path(v) for v in layer.weights],
            "param_count": int(layer.count_params())}


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    import keras

    arrays, meta = {}, {}
    for name in CASES:
        keras.utils.clear_session()
        layer, results = run_case(name, tf, keras, lambda n: getattr(keras.layers, n))
        arrays.update({f"{name}/{k}": v for k, v in results.items()})
        meta[name] = describe(layer)
    arrays["__meta__"] = np.array(json.dumps(meta))
    os.makedirs(os.path.dirname(FIXTURE), exist_ok=True)
    np.savez_compressed(FIXTURE, **arrays)
    print(f"wrote {len(CASES)} cases to {os.path.normpath(FIXTURE)}", file=sys.stderr)


if __name__ == "__main__":
    main()
