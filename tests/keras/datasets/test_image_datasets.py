"""mnist, fashion_mnist, cifar10 and cifar100 on tiny files in the real formats, through
the cache layout Keras uses (so a cache made by real Keras is found)."""
import gzip
import io
import os
import pickle
import struct
import tarfile

import numpy as np
import pytest

import leantf as tf
from leantf.keras.utils import file_utils


def _npz(**arrays):
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


class _Python2Pickler(pickle._Pickler):
    """Writes ``bytes`` as Python 2 ``str`` opcodes (SHORT_BINSTRING / BINSTRING), as the
    cPickle protocol-2 CIFAR batches store their keys, names and pixel data."""
    dispatch = dict(pickle._Pickler.dispatch)

    def save_py2_str(self, obj):
        if len(obj) < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([len(obj)]) + obj)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", len(obj)) + obj)
        self.memoize(obj)

    dispatch[bytes] = save_py2_str


def cifar_batch(images, labels, label_key=b"labels", py2=True):
    batch = {b"batch_label": b"training batch 1 of 5", label_key: labels,
             b"data": images.reshape(len(images), -1), b"filenames": [b"img_%d.png" % i for i in range(len(images))]}
    if not py2:
        return pickle.dumps(batch, protocol=2)
    buffer = io.BytesIO()
    _Python2Pickler(buffer, protocol=2).dump(batch)
    return buffer.getvalue()


def _tar_gz(files):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_python2_pickler_writes_binstring():
    data = cifar_batch(np.zeros((1, 3072), np.uint8), [0])
    assert b"U\x04data" in data and b"_codecs" not in data


def test_mnist_reads_keras_npz_from_the_cache(serve, keras_home):
    rng = np.random.RandomState(0)
    x_train, y_train = rng.randint(0, 256, (5, 28, 28)).astype("uint8"), np.arange(5, dtype="uint8")
    x_test, y_test = rng.randint(0, 256, (2, 28, 28)).astype("uint8"), np.array([7, 8], "uint8")
    serve("mnist.npz", _npz(x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test))
    (a, b), (c, d) = tf.keras.datasets.mnist.load_data()
    for got, want in ((a, x_train), (b, y_train), (c, x_test), (d, y_test)):
        np.testing.assert_array_equal(got, want)
        assert got.dtype == np.uint8
    assert os.path.exists(keras_home / "datasets" / "mnist.npz")
    assert serve.requested[0][1:3] == ("https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz",
                                       "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1")


def test_mnist_offline_points_at_the_cache_path_and_the_embedded_sample(keras_home, monkeypatch):
    # Unreachable mirror: nothing listens on port 9 of the loopback address.
    real_fetch = file_utils.fetch
    monkeypatch.setattr(file_utils, "fetch", lambda *a, origin, **k: real_fetch(
        *a, origin=origin.replace("https://storage.googleapis.com", "http://127.0.0.1:9"), **k))
    with pytest.raises(Exception, match="URL fetch failure on http://127.0.0.1:9/") as e:
        tf.keras.datasets.mnist.load_data()
    message = str(e.value)
    assert os.path.join(str(keras_home), "datasets", "mnist.npz") in message
    assert "leantf.sample_data.load_mnist_10k()" in message and "not the full dataset" in message
    assert not os.listdir(keras_home / "datasets")


def test_mnist_rejects_a_cached_file_with_the_wrong_hash(keras_home, monkeypatch):
    (keras_home / "datasets").mkdir(parents=True)
    (keras_home / "datasets" / "mnist.npz").write_bytes(_npz(x_train=np.zeros(1)))
    real_fetch = file_utils.fetch
    monkeypatch.setattr(file_utils, "fetch", lambda *a, origin, **k: real_fetch(
        *a, origin=origin.replace("https://storage.googleapis.com", "http://127.0.0.1:9"), **k))
    with pytest.raises(Exception, match="URL fetch failure"):
        tf.keras.datasets.mnist.load_data()
    assert (keras_home / "datasets" / "mnist.npz").exists()   # the old copy is not destroyed


def _idx(header, values):
    return gzip.compress(header + values.astype("uint8").tobytes())


def test_fashion_mnist_parses_idx_files_without_a_hash(serve, keras_home):
    rng = np.random.RandomState(1)
    x_train, y_train = rng.randint(0, 256, (4, 28, 28)), np.array([0, 9, 3, 1])
    x_test, y_test = rng.randint(0, 256, (3, 28, 28)), np.array([5, 6, 7])
    serve("train-labels-idx1-ubyte.gz", _idx(struct.pack(">II", 2049, 4), y_train))
    serve("train-images-idx3-ubyte.gz", _idx(struct.pack(">IIII", 2051, 4, 28, 28), x_train))
    serve("t10k-labels-idx1-ubyte.gz", _idx(struct.pack(">II", 2049, 3), y_test))
    serve("t10k-images-idx3-ubyte.gz", _idx(struct.pack(">IIII", 2051, 3, 28, 28), x_test))
    (a, b), (c, d) = tf.keras.datasets.fashion_mnist.load_data()
    np.testing.assert_array_equal(a, x_train)
    np.testing.assert_array_equal(b, y_train)
    np.testing.assert_array_equal(c, x_test)
    np.testing.assert_array_equal(d, y_test)
    assert a.dtype == np.uint8 and a.shape == (4, 28, 28)
    # Keras's cache folder for these files, and no hash (Keras pins none).
    assert sorted(os.listdir(keras_home / "datasets" / "fashion-mnist")) == sorted(
        ["train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
         "t10k-images-idx3-ubyte.gz"])
    assert {h for _, _, h, _ in serve.requested} == {None}
    assert {sub for _, _, _, sub in serve.requested} == {os.path.join("datasets", "fashion-mnist")}


def _cifar10_archive(rng, per_batch, py2=True):
    batches, files = {}, {}
    for name in [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]:
        images = rng.randint(0, 256, (per_batch, 3, 32, 32)).astype("uint8")
        labels = [int(v) for v in rng.randint(0, 10, per_batch)]
        batches[name] = (images, labels)
        files[f"cifar-10-batches-py/{name}"] = cifar_batch(images, labels, py2=py2)
    files["cifar-10-batches-py/batches.meta"] = b"not read"
    return batches, _tar_gz(files)


@pytest.mark.parametrize("py2", [True, False], ids=["python2-binstring", "python3-protocol2"])
def test_cifar10_extracts_and_reads_batches(serve, keras_home, py2):
    batches, archive = _cifar10_archive(np.random.RandomState(2), 3, py2)
    serve("cifar-10-python.tar.gz", archive)
    (x_train, y_train), (x_test, y_test) = tf.keras.datasets.cifar10.load_data()
    expected_train = np.concatenate([batches[f"data_batch_{i}"][0] for i in range(1, 6)])
    np.testing.assert_array_equal(x_train, expected_train.transpose(0, 2, 3, 1))
    np.testing.assert_array_equal(x_test, batches["test_batch"][0].transpose(0, 2, 3, 1))
    assert x_train.shape == (15, 32, 32, 3) and x_train.dtype == np.uint8
    assert y_train.shape == (15, 1) and y_train.dtype == np.uint8 and y_test.dtype == np.uint8
    assert y_train[:, 0].tolist() == sum((batches[f"data_batch_{i}"][1] for i in range(1, 6)), [])
    datasets = keras_home / "datasets"
    # Keras's layout: the archive beside the folder it is extracted into.
    assert (datasets / "cifar-10-batches-py-target_archive").is_file()
    assert (datasets / "cifar-10-batches-py-target" / "cifar-10-batches-py" / "test_batch").is_file()
    assert serve.requested[0][:3] == ("cifar-10-batches-py-target",
                                      "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
                                      "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce")


def test_cifar10_channels_first(serve):
    batches, archive = _cifar10_archive(np.random.RandomState(3), 2)
    serve("cifar-10-python.tar.gz", archive)
    tf.keras.config.set_image_data_format("channels_first")
    try:
        (x_train, _), (x_test, _) = tf.keras.datasets.cifar10.load_data()
    finally:
        tf.keras.config.set_image_data_format("channels_last")
    assert x_train.shape == (10, 3, 32, 32)
    np.testing.assert_array_equal(x_test, batches["test_batch"][0])


@pytest.mark.parametrize("label_mode", ["fine", "coarse"])
def test_cifar100_label_modes(serve, label_mode):
    rng = np.random.RandomState(4)
    files, expected = {}, {}
    for name, n in (("train", 4), ("test", 2)):
        images = rng.randint(0, 256, (n, 3, 32, 32)).astype("uint8")
        fine, coarse = [int(v) for v in rng.randint(0, 100, n)], [int(v) for v in rng.randint(0, 20, n)]
        batch = {b"data": images.reshape(n, -1), b"fine_labels": fine, b"coarse_labels": coarse}
        buffer = io.BytesIO()
        _Python2Pickler(buffer, protocol=2).dump(batch)
        files[f"cifar-100-python/{name}"] = buffer.getvalue()
        expected[name] = (images, fine if label_mode == "fine" else coarse)
    serve("cifar-100-python.tar.gz", _tar_gz(files))
    (x_train, y_train), (x_test, y_test) = tf.keras.datasets.cifar100.load_data(label_mode=label_mode)
    np.testing.assert_array_equal(x_train, expected["train"][0].transpose(0, 2, 3, 1))
    assert y_train.shape == (4, 1) and y_train[:, 0].tolist() == expected["train"][1]
    assert y_test[:, 0].tolist() == expected["test"][1]
    assert serve.requested[0][:3] == ("cifar-100-python-target",
                                      "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz",
                                      "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7")


def test_cifar100_rejects_unknown_label_mode():
    with pytest.raises(ValueError, match='^`label_mode` must be one of `"fine"`, `"coarse"`. '
                                         'Received: label_mode=medium.$'):
        tf.keras.datasets.cifar100.load_data(label_mode="medium")


def test_cifar10_batch_with_code_is_refused_without_running_it(serve, tmp_path):
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return os.system, (f"touch {marker}",)

    files = {f"cifar-10-batches-py/data_batch_{i}": pickle.dumps({b"data": Evil()}, protocol=2)
             for i in range(1, 6)}
    serve("cifar-10-python.tar.gz", _tar_gz(files))
    with pytest.raises(ValueError, match=r"Refusing to load the global `(posix|os)\.system`"):
        tf.keras.datasets.cifar10.load_data()
    assert not marker.exists()


def test_datasets_load_only_when_touched():
    import subprocess
    import sys
    code = ("import sys, leantf as tf\n"
            "assert 'leantf.keras.datasets' not in sys.modules\n"
            "d = tf.keras.datasets\n"
            "assert 'leantf.keras.datasets.mnist' not in sys.modules\n"
            "assert 'leantf.keras.utils.file_utils' not in sys.modules\n"
            "assert d.mnist.load_data and d.imdb.get_word_index and d.california_housing.load_data\n"
            "print(sorted(n for n in dir(d) if not n.startswith('_')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(__file__)))))
    assert out.stdout.strip() == str(["boston_housing", "california_housing", "cifar10", "cifar100",
                                      "fashion_mnist", "imdb", "mnist", "reuters"])
