import numpy as np
import pytest

import leantf as tf


def test_read_and_write_file(tmp_path):
    path = str(tmp_path / "sub" / "f.bin")
    tf.io.write_file(path, tf.constant(b"\x00abc"))  # creates the missing directory like TF
    data = tf.io.read_file(path)
    assert data.dtype == tf.string and data.shape == () and data.numpy() == b"\x00abc"
    missing = str(tmp_path / "nope")
    with pytest.raises(tf.errors.NotFoundError) as info:
        tf.io.read_file(missing)
    assert str(info.value) == ("{{function_node __wrapped__ReadFile_device_/job:localhost/replica:0/task:0/"
                               f"device:CPU:0}}}} {missing}; No such file or directory [Op:ReadFile]")


def test_gfile_basics(tmp_path):
    gfile = tf.io.gfile
    root = str(tmp_path)
    gfile.makedirs(root + "/a/b")
    gfile.makedirs(root + "/a/b")  # existing is fine
    assert gfile.isdir(root + "/a") and not gfile.exists(root + "/x")
    with gfile.GFile(root + "/a/t.txt", "w") as f:
        f.write("héllo")
    with gfile.GFile(root + "/a/t.txt") as f:
        assert f.read() == "héllo"
    with gfile.GFile(root + "/a/t.txt", "rb") as f:
        assert f.read() == "héllo".encode()
    assert sorted(gfile.listdir(root + "/a")) == ["b", "t.txt"]
    assert gfile.glob(root + "/a/*.txt") == [root + "/a/t.txt"]
    gfile.remove(root + "/a/t.txt")
    with pytest.raises(tf.errors.NotFoundError, match="No such file or directory"):
        gfile.remove(root + "/a/t.txt")
    with pytest.raises(tf.errors.NotFoundError, match="Could not find directory"):
        gfile.listdir(root + "/missing")
    with pytest.raises(tf.errors.NotFoundError):
        gfile.GFile(root + "/missing")


def test_sparse_tensor_repr_and_to_dense():
    sp = tf.sparse.SparseTensor(indices=[[0, 0], [1, 2]], values=[1.0, 2.0], dense_shape=[3, 4])
    assert repr(sp) == ("SparseTensor(indices=tf.Tensor(\n[[0 0]\n [1 2]], shape=(2, 2), dtype=int64), "
                        "values=tf.Tensor([1. 2.], shape=(2,), dtype=float32), "
                        "dense_shape=tf.Tensor([3 4], shape=(2,), dtype=int64))")
    assert sp.shape == tf.TensorShape([3, 4]) and sp.dtype == tf.float32
    dense = tf.sparse.to_dense(sp)
    np.testing.assert_array_equal(dense.numpy(), [[1, 0, 0, 0], [0, 0, 2, 0], [0, 0, 0, 0]])
    filled = tf.sparse.to_dense(tf.sparse.SparseTensor([[0], [2]], [1, 2], [3]), default_value=7)
    assert filled.numpy().tolist() == [1, 7, 2]
    back = tf.sparse.from_dense(dense)
    assert back.indices.numpy().tolist() == [[0, 0], [1, 2]] and back.values.numpy().tolist() == [1.0, 2.0]


def test_sparse_errors_match_tf():
    with pytest.raises(ValueError, match=r"Shape \(2,\) must have rank 2"):
        tf.sparse.SparseTensor(indices=[0, 0], values=[1], dense_shape=[3, 4])
    with pytest.raises(ValueError, match="Dimensions 1 and 2 are not compatible"):
        tf.sparse.SparseTensor(indices=[[0, 0]], values=[1, 2], dense_shape=[3, 4])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"indices\[0\] = \[5,0\] is out of bounds: "
                                                            r"need 0 <= index < \[3,4\] \[Op:SparseToDense\]"):
        tf.sparse.to_dense(tf.sparse.SparseTensor([[5, 0]], [1], [3, 4]))
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"indices\[1\] = \[0,0\] is out of order"):
        tf.sparse.to_dense(tf.sparse.SparseTensor([[1, 0], [0, 0]], [1, 2], [3, 4]))


def test_io_namespace_exports_tf_names_only():
    import leantf.io
    assert not hasattr(leantf.io, "read_records") and callable(leantf.io.parse_example)
    import leantf.io.hdf5  # the internal HDF5 package stays importable
    assert leantf.io.hdf5 is not None
