"""Check leantf's event files against real TensorFlow + TensorBoard (run by hand).

    /work/tfenv/bin/python tools/check_tensorboard_files.py [leantf-python]

1. A leantf interpreter (default: python3 with this checkout on PYTHONPATH) writes
   tf.summary scalar/histogram/image/text events and a keras TensorBoard callback log.
2. Real TF writes the same tf.summary calls.
3. TensorBoard's EventAccumulator and TF's CRC-checking summary_iterator read leantf's
   files; every event is compared with TF's, byte for byte, except wall_time and the
   PNG bytes (images are compared as decoded pixels).
"""
import glob
import os
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Runs under both leantf and TF: `tf` is whichever the interpreter imports.
WRITE_SUMMARIES = r'''
import sys, numpy as np
tf = __import__(sys.argv[2])
rng = np.random.RandomState(0)
w = tf.summary.create_file_writer(sys.argv[1])
with w.as_default(step=1):
    tf.summary.scalar("loss", 0.5)
    tf.summary.scalar("loss", 0.25, step=2, description="the loss")
    tf.summary.scalar("int", 3)
    tf.summary.histogram("weights", [1.0, 2, 2, 3, 10], buckets=3)
    tf.summary.histogram("normal", rng.randn(1000))
    tf.summary.histogram("same", [5.0, 5.0])
    tf.summary.histogram("empty", np.zeros(0))
    tf.summary.histogram("ints", np.arange(7))
    tf.summary.image("img", rng.rand(4, 6, 5, 3), max_outputs=2)
    tf.summary.image("gray", (rng.rand(1, 3, 4, 1) * 255).astype("uint8"))
    tf.summary.image("rgba_neg", rng.randn(1, 2, 2, 4))
    tf.summary.text("note", "hello *world*")
    tf.summary.text("notes", [["a", "b"], ["c", "d"]])
w.close()
'''

WRITE_CALLBACK = r'''
import sys, numpy as np, leantf as tf
x = np.random.RandomState(0).rand(8, 3).astype("float32"); y = (x.sum(1) > 1.5).astype("float32")
m = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2, activation="relu"),
                         tf.keras.layers.Dense(1, activation="sigmoid")])
m.compile("adam", "binary_crossentropy", metrics=["accuracy"])
m.fit(x, y, batch_size=4, epochs=2, validation_data=(x, y), verbose=0,
      callbacks=[tf.keras.callbacks.TensorBoard(sys.argv[1], histogram_freq=1, update_freq="batch",
                                                write_images=True)])
'''


def run_leantf(python, script, *args):
    env = dict(os.environ, PYTHONPATH=ROOT)
    subprocess.run([python, "-c", script, *args], check=True, env=env)


def events(path):
    import tensorflow as tf
    out = []
    for e in tf.compat.v1.train.summary_iterator(path):  # raises on a bad CRC
        e.wall_time = 0
        for v in e.summary.value:
            if v.metadata.plugin_data.plugin_name == "images":
                # PNG bytes depend on the encoder's filter/zlib choices; pixels are
                # compared after decoding below, so drop the bytes here.
                del v.tensor.string_val[2:]
        out.append(e)
    return out


def main():
    python = sys.argv[1] if len(sys.argv) > 1 else "python3"
    import tensorflow as tf
    from tensorboard.backend.event_processing import event_accumulator as ea
    from tensorboard.util import tensor_util

    tmp = tempfile.mkdtemp()
    ours, theirs = os.path.join(tmp, "leantf"), os.path.join(tmp, "tf")
    run_leantf(python, WRITE_SUMMARIES, ours, "leantf")
    subprocess.run([sys.executable, "-c", WRITE_SUMMARIES, theirs, "tensorflow"], check=True,
                   stderr=subprocess.DEVNULL)
    [our_file] = glob.glob(os.path.join(ours, "*"))
    [their_file] = glob.glob(os.path.join(theirs, "*"))
    print("leantf file:", os.path.basename(our_file))
    print("TF file:    ", os.path.basename(their_file))

    acc = ea.EventAccumulator(ours, size_guidance={ea.TENSORS: 0})
    acc.Reload()
    print("EventAccumulator tags:", acc.Tags())
    for tag in acc.Tags()["tensors"]:
        for e in acc.Tensors(tag):
            arr = tensor_util.make_ndarray(e.tensor_proto)
            shown = arr.tolist() if arr.dtype != object else [len(s) for s in arr.ravel()]
            if arr.size > 12:
                shown = f"shape {arr.shape}, total count {arr[:, 2].sum()}"
            print(f"  {tag!r} step={e.step} plugin={acc.SummaryMetadata(tag).plugin_data.plugin_name}"
                  f" dtype={e.tensor_proto.dtype} value={shown}")

    a, b = events(our_file), events(their_file)
    assert len(a) == len(b), (len(a), len(b))
    mismatches = 0
    for x, y in zip(a, b):
        if x.SerializeToString() != y.SerializeToString():
            mismatches += 1
            print("MISMATCH\n", x, "\nvs TF\n", y)
    print(f"summary_iterator: {len(a)} events, {mismatches} differ from TF's (wall_time ignored)")

    # PNGs decode back to the pixels TF encoded.
    for tag in ("img", "gray", "rgba_neg"):
        ours_t = tensor_util.make_ndarray(acc.Tensors(tag)[0].tensor_proto)
        their_acc = ea.EventAccumulator(theirs, size_guidance={ea.TENSORS: 0})
        their_acc.Reload()
        theirs_t = tensor_util.make_ndarray(their_acc.Tensors(tag)[0].tensor_proto)
        assert len(ours_t) == len(theirs_t), tag
        for p, q in zip(ours_t[2:], theirs_t[2:]):
            assert np.array_equal(tf.io.decode_png(p).numpy(), tf.io.decode_png(q).numpy()), tag
    print("images: decoded pixels equal TF's")

    logdir = os.path.join(tmp, "callback")
    run_leantf(python, WRITE_CALLBACK, logdir)
    for run in ("train", "validation"):
        acc = ea.EventAccumulator(os.path.join(logdir, run), size_guidance={ea.TENSORS: 0})
        acc.Reload()
        print(f"callback {run}/:")
        for tag in acc.Tags()["tensors"]:
            print(f"  {tag!r} steps={[e.step for e in acc.Tensors(tag)]} "
                  f"plugin={acc.SummaryMetadata(tag).plugin_data.plugin_name}")
    print("OK" if mismatches == 0 else "DIFFERENCES FOUND")


if __name__ == "__main__":
    main()
