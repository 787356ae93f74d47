"""The generic layer check every Keras layer goes through.

``run_layer_test`` builds the layer, counts its weights, round-trips its config, calls it
symbolically and eagerly (the two must agree on the output shape), and takes one training
step that must move every trainable weight.
"""
import numpy as np


def run_layer_test(layer_cls, init_kwargs=None, input_shape=(2, 3), input_dtype="float32", input_data=None,
                   expected_output_shape=None, expected_num_trainable_weights=None,
                   expected_num_non_trainable_weights=None, expected_output=None, atol=1e-6,
                   run_training_check=True, supports_masking=None, call_kwargs=None):
    import leantf as tf
    from leantf import keras

    init_kwargs = init_kwargs or {}
    call_kwargs = call_kwargs or {}
    multi_input = isinstance(input_shape, list)
    if input_data is None:
        rng = np.random.default_rng(0)
        shapes = input_shape if multi_input else [input_shape]
        input_data = [rng.standard_normal(s).astype(input_dtype) if "float" in input_dtype
                      else rng.integers(0, 5, s).astype(input_dtype) for s in shapes]
        if not multi_input:
            input_data = input_data[0]
    shapes = [np.shape(d) for d in input_data] if multi_input else [np.shape(input_data)]

    # Eager call builds the layer.
    layer = layer_cls(**init_kwargs)
    out = layer(input_data, **call_kwargs)
    assert layer.built, f"{layer_cls.__name__} not built after its first call"
    if expected_output_shape is not None:
        assert tuple(out.shape) == tuple(expected_output_shape), (tuple(out.shape), expected_output_shape)
    if expected_output is not None:
        np.testing.assert_allclose(np.asarray(out), expected_output, atol=atol)
    if expected_num_trainable_weights is not None:
        assert len(layer.trainable_weights) == expected_num_trainable_weights, layer.trainable_weights
    if expected_num_non_trainable_weights is not None:
        assert len(layer.non_trainable_weights) == expected_num_non_trainable_weights, layer.non_trainable_weights
    if supports_masking is not None:
        assert layer.supports_masking == supports_masking

    # Config round trip gives an equivalent layer.
    config = layer.get_config()
    clone = layer_cls.from_config(config)
    assert clone.get_config() == config, (clone.get_config(), config)

    # Symbolic call on Keras tensors with an unknown batch size agrees on the shape.
    sym_inputs = [keras.Input(batch_shape=(None,) + tuple(s[1:]), dtype=input_dtype) for s in shapes]
    sym_out = layer_cls(**init_kwargs)(sym_inputs if multi_input else sym_inputs[0], **call_kwargs)
    eager_shape = tuple(out.shape)
    assert tuple(sym_out.shape.as_list())[1:] == eager_shape[1:], (sym_out.shape, eager_shape)

    # One training step moves every trainable weight.
    if run_training_check and layer.trainable_weights:
        before = [w.numpy().copy() for w in layer.trainable_weights]
        with tf.GradientTape() as tape:
            y = layer(input_data, training=True, **call_kwargs) if "training" not in call_kwargs else \
                layer(input_data, **call_kwargs)
            loss = tf.reduce_sum(tf.square(tf.cast(y, "float32")))
        grads = tape.gradient(loss, layer.trainable_weights)
        assert all(g is not None for g in grads), "a trainable weight got no gradient"
        keras.optimizers.SGD(learning_rate=0.01).apply_gradients(zip(grads, layer.trainable_weights))
        moved = [not np.allclose(b, w.numpy()) for b, w in zip(before, layer.trainable_weights)]
        assert all(moved), f"weights that did not move: {[w.name for w, m in zip(layer.trainable_weights, moved) if not m]}"
    return layer, out
