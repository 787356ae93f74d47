"""Adam updates large variables in place, a chunk at a time (optimizers/in_place.py): the
results must be those of the copying path, and a value read before the update must keep
the old numbers."""
import numpy as np

import leantf as tf
from leantf.keras.optimizers import adam, in_place


def _run(shape, keep_reads, steps=3):
    rng = np.random.default_rng(0)
    var = tf.Variable(rng.standard_normal(shape).astype(np.float32))
    opt = tf.keras.optimizers.Adam(0.01)
    reads = []
    for _ in range(steps):
        g = tf.constant(rng.standard_normal(shape).astype(np.float32))
        if keep_reads:
            reads.append((var.value(), var.numpy()))
        opt.apply_gradients([(g, var)])
    return var.numpy(), [v.numpy() for v in opt.variables[1:]], reads


def test_in_place_chunks_match_the_copying_path_bit_for_bit(monkeypatch):
    shape = (in_place.MIN_SIZE // 512 + 3, 512)  # above the threshold, not a multiple of a chunk
    chunked_calls = []
    original = adam._update_in_chunks
    monkeypatch.setattr(adam, "_update_in_chunks", lambda *a: chunked_calls.append(1) or original(*a))
    w_in_place, slots_in_place, _ = _run(shape, keep_reads=False)
    assert len(chunked_calls) >= 2  # every step after the first (which makes the slot arrays)
    chunked_calls.clear()
    w_copying, slots_copying, reads = _run(shape, keep_reads=True)  # held reads force copies
    assert not chunked_calls
    np.testing.assert_array_equal(w_in_place, w_copying)
    for a, b in zip(slots_in_place, slots_copying):
        np.testing.assert_array_equal(a, b)
    for tensor, snapshot in reads:
        np.testing.assert_array_equal(tensor.numpy(), snapshot)


def test_only_an_array_nothing_else_holds_is_updated_in_place():
    var = tf.Variable(np.zeros(in_place.MIN_SIZE, np.float32))
    assert in_place.exclusively_owned(var)
    held = var.value()
    assert not in_place.exclusively_owned(var)
    del held
    assert in_place.exclusively_owned(var)
    var._assign_raw(np.zeros((2, in_place.MIN_SIZE), np.float32)[0])  # a view: its base sees it too
    assert not in_place.exclusively_owned(var)
