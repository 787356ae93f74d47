"""leantf's pickle reader: rebuilds the data the dataset files hold, refuses everything
else by name, and never calls anything from the file. Fixtures are written with Python's
pickle module here; leantf itself only reads."""
import io
import os
import pickle
import zipfile

import numpy as np
import pytest

from leantf.keras.datasets import _npz, _restricted_pickle
from leantf.keras.datasets._restricted_pickle import UnpicklingError, loads

PLAIN = {"ints": [0, 1, 255, 256, 65535, 65536, -1, -2**31, 2**31 - 1, 2**70, -2**70], "float": -1.5e-300,
         "flags": (True, False, None), "text": "héllo ☃", "raw": b"\x00\xff" * 200, "empty": b"",
         "nested": {"t": (1, (2, [3])), "l": [[], {}]}, 1: "int key", "long": "x" * 300}


@pytest.mark.parametrize("protocol", [2, 3, 4])
def test_plain_data_round_trips(protocol):
    assert loads(pickle.dumps(PLAIN, protocol=protocol)) == PLAIN


@pytest.mark.parametrize("protocol", [2, 3, 4])
@pytest.mark.parametrize("array", [
    np.arange(12, dtype="<i4").reshape(3, 4), np.arange(6, dtype=">f8").reshape(2, 3),
    np.asfortranarray(np.arange(6, dtype="float32").reshape(2, 3)), np.zeros((0, 5), "uint8"),
    np.array(3.5), np.array([True, False]), np.arange(4, dtype="complex64"),
], ids=["int32", "big-endian", "fortran", "empty", "scalar", "bool", "complex"])
def test_numpy_arrays_are_rebuilt(protocol, array):
    got = loads(pickle.dumps({"a": array, "b": array}, protocol=protocol))
    for value in got.values():
        np.testing.assert_array_equal(value, array)
        assert value.dtype == array.dtype and value.shape == array.shape
        assert value.flags.writeable


def test_shared_dtype_and_array_references_resolve_after_build():
    a = np.arange(3)
    got = loads(pickle.dumps([a, a, np.arange(2)], protocol=2))
    assert got[0] is got[1]           # memo references give the finished array, not a draft
    np.testing.assert_array_equal(got[2], [0, 1])


def test_object_array_of_lists_from_np_save():
    array = np.empty(3, dtype=object)
    array[:] = [[1, 2, 3], [4], []]
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=True)
    got = _npz._read_npy(io.BytesIO(buffer.getvalue()))
    assert got.dtype == object and got.shape == (3,)
    assert got.tolist() == [[1, 2, 3], [4], []]


def test_python2_strings_follow_encoding():
    # Protocol 2 as cPickle wrote it: U = SHORT_BINSTRING.
    data = b"\x80\x02}q\x00U\x03keyq\x01U\x05valueq\x02s."
    assert loads(data, encoding="bytes") == {b"key": b"value"}
    assert loads(data) == {"key": "value"}
    assert loads(data, encoding="latin1") == {"key": "value"}


class _System:
    def __init__(self, command):
        self.command = command

    def __reduce__(self):
        return os.system, (self.command,)


class _Eval:
    def __reduce__(self):
        return eval, ("1+1",)


@pytest.mark.parametrize("protocol", [0, 2, 4])
def test_os_system_is_refused_without_running(tmp_path, protocol):
    marker = tmp_path / "pwned"
    data = pickle.dumps({"x": [1, _System(f"touch {marker}")]}, protocol=protocol)
    with pytest.raises(UnpicklingError, match=r"(global `(posix|os)\.system`|opcode)"):
        loads(data)
    assert not marker.exists()


@pytest.mark.parametrize("protocol", [2, 4])
def test_builtins_eval_is_refused(protocol):
    with pytest.raises(UnpicklingError, match=r"global `builtins\.eval`|global `__builtin__\.eval`"):
        loads(pickle.dumps(_Eval(), protocol=protocol))


@pytest.mark.parametrize("data, named", [
    (b"\x80\x02cnumpy\nload\nq\x00.", "global `numpy.load`"),
    (b"\x80\x02(cos\nsystem\nX\x02\x00\x00\x00lsi.", "global `os.system`"),
    (b"\x80\x02P0\n.", "opcode b'P'"),                   # PERSID
    (b"\x80\x02(K\x01o.", "opcode b'o'"),                 # OBJ
    (b"\x80\x05\x96\x01\x00\x00\x00\x00\x00\x00\x00x.", "opcode b'\\x96'"),   # BYTEARRAY8
    (b"\x80\x02K\x01K\x02b.", "BUILD on something"),
    (b"\x80\x02K\x01)R.", "call of something"),
    (b"\x80\x02c_codecs\nencode\nX\x01\x00\x00\x00aX\x05\x00\x00\x00rot13\x86R.", "_codecs.encode"),
])
def test_other_opcodes_and_globals_are_named(data, named):
    with pytest.raises(UnpicklingError) as e:
        loads(data)
    assert named in str(e.value)


@pytest.mark.parametrize("data", [b"", b"\x80\x02", b"\x80\x02]q\x00(K\x01", b"\x80\x02M\x01", b"\x80\x02h\x07.",
                                  b"\x80\x02K\x01K\x02."])
def test_malformed_streams_raise_unpickling_error(data):
    with pytest.raises(UnpicklingError):
        loads(data)


def test_array_with_inconsistent_data_size_is_refused():
    good = pickle.dumps(np.arange(4, dtype="int64"), protocol=2)
    bad = good.replace(b"K\x04\x85", b"K\x05\x85", 1)     # shape (5,) over 4 items of data
    assert bad != good
    with pytest.raises(UnpicklingError, match="data size does not match"):
        loads(bad)


def test_npz_with_malicious_object_member_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    array = np.empty(1, dtype=object)
    array[0] = _System(f"touch {marker}")
    path = tmp_path / "evil.npz"
    np.savez(path, x=array, y=np.arange(3))
    with pytest.raises(UnpicklingError, match=r"global `(posix|os)\.system`"):
        _npz.load_npz(path)
    assert not marker.exists()


def test_npz_numeric_members_never_go_through_the_pickle_reader(tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("numeric arrays must be read by NumPy with allow_pickle=False")
    monkeypatch.setattr(_restricted_pickle, "loads", fail)
    path = tmp_path / "plain.npz"
    np.savez(path, a=np.arange(5), b=np.ones((2, 2), "float32"))
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("notes.txt", "ignored")
    got = _npz.load_npz(path)
    assert sorted(got) == ["a", "b"]
    np.testing.assert_array_equal(got["b"], np.ones((2, 2)))


def test_dataset_modules_never_use_pickle_or_eval():
    import leantf.keras.datasets as datasets
    import leantf.keras.utils.file_utils as file_utils
    folder = os.path.dirname(datasets.__file__)
    sources = [os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".py")]
    for path in sources + [file_utils.__file__]:
        with open(path) as f:
            text = f.read()
        for banned in ("import pickle", "from pickle", "allow_pickle=True", "eval(", "exec(", "marshal"):
            assert banned not in text, f"{banned} in {path}"
