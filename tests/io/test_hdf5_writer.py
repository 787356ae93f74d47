"""leantf.io.hdf5 writes files h5py reads back (layout of h5py's defaults), atomically."""
import os
import stat

import numpy as np
import pytest

from leantf.io import hdf5
from leantf.io.hdf5 import writer as writer_module

from .h5_helpers import FIXTURES, expected, h5py_inventory, inventory, values

EXPECTED = expected()
DTYPES = ["float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "bool"]


def copy_tree(src, dst):
    """Rewrite everything leantf reads from ``src`` into the writer group ``dst``."""
    for k in src.attrs:
        dst.attrs[k] = src.attrs[k]
    for name in src.keys():
        obj = src[name]
        if isinstance(obj, hdf5.Group):
            copy_tree(obj, dst.create_group(name))
        else:
            ds = dst.create_dataset(name, obj.read())
            for k in obj.attrs:
                ds.attrs[k] = obj.attrs[k]


def write_like_h5py_fixture(tmp_path, name):
    """Copy an h5py-written fixture through leantf's writer."""
    out = tmp_path / name
    with hdf5.File(os.path.join(FIXTURES, name)) as src, hdf5.File(out, "w") as dst:
        copy_tree(src, dst)
    return out


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(), (0,), (5,), (3, 4), (2, 1, 3)])
def test_round_trip(tmp_path, dtype, shape):
    data = values(dtype, shape)
    with hdf5.File(tmp_path / "a.h5", "w") as f:
        f["d"] = data
    with hdf5.File(tmp_path / "a.h5") as f:
        got = f["d"].read()
    assert got.dtype == data.dtype and got.shape == shape
    np.testing.assert_array_equal(got, data)


@pytest.mark.parametrize("name", ["keras_seq.weights.h5", "keras_functional.weights.h5", "keras_bf16.weights.h5"])
def test_rewriting_a_keras_file_gives_the_same_content(tmp_path, name):
    out = write_like_h5py_fixture(tmp_path, name)
    tag = name[len("keras_"):-len(".weights.h5")]
    assert inventory(out) == EXPECTED["keras"][tag]["paths"]


def test_attributes_like_h5py(tmp_path):
    out = tmp_path / "attrs.h5"
    with hdf5.File(out, "w") as f:
        a = f.create_group("attrs")
        a.attrs["vstr"] = "dense"
        a.attrs["vstr_unicode"] = "h\u00e9llo \u2603"
        a.attrs["empty_str"] = ""
        a.attrs["bytes"] = b"raw"
        a.attrs["fixed"] = np.bytes_(b"fixed!")
        a.attrs["fixed_array"] = np.array([b"a", b"bc"])
        a.attrs["str_list"] = ["x", "yy", "zzz"]
        a.attrs["empty_list"] = []
        a.attrs["int"] = 3
        a.attrs["float"] = 2.5
        a.attrs["bool"] = True
        a.attrs["f32_array"] = values("float32", (2, 3))
        a.attrs["u8_array"] = values("uint8", (4,))
        a.attrs["i16_scalar"] = np.int16(-7)
        a.attrs["f16"] = np.float16(1.5)
    want = EXPECTED["files"]["basic.h5"]["attrs"]
    got = inventory(out)["attrs"]
    # h5py keeps a 0-d bytes_ attribute as a fixed-length string; leantf's writer stores
    # every Python/NumPy bytes scalar as h5py stores `bytes`: a variable-length string.
    want["attrs"]["fixed"] = {"kind": "str", "value": "fixed!"}
    assert got == want


def test_big_groups_build_multi_level_btrees(tmp_path):
    out = tmp_path / "big.h5"
    with hdf5.File(out, "w") as f:
        for n in (7, 300, 3000):  # one node; a two-level and a three-level B-tree
            g = f.create_group(f"g{n}")
            for i in range(n):
                g[f"{i}"] = np.array([i], "int16")
    with hdf5.File(out) as f:
        for n in (7, 300, 3000):
            g = f[f"g{n}"]
            assert sorted(g.keys(), key=int) == [str(i) for i in range(n)]
            assert g[str(n - 1)][()].tolist() == [n - 1]


def test_nested_paths_and_empty_groups(tmp_path):
    out = tmp_path / "n.h5"
    with hdf5.File(out, "w") as f:
        f.create_group("a/b/c")
        f.require_group("a/b").attrs["k"] = 1
        f["a/x"] = np.ones(2)
        f.create_group("empty")
        assert "a/b/c" in f and "a/y" not in f and f["a"].keys() == ["b", "x"]
        with pytest.raises(ValueError, match="already exists"):
            f.create_group("a/b")
        with pytest.raises(TypeError, match="dataset"):
            f.require_group("a/x")
    with hdf5.File(out) as f:
        assert f.keys() == ["a", "empty"] and len(f["empty"]) == 0
        assert f["a/b"].attrs["k"] == 1 and f["a/b/c"].keys() == []


def test_vlen_string_datasets_and_big_endian_input(tmp_path):
    out = tmp_path / "s.h5"
    with hdf5.File(out, "w") as f:
        f["s"] = np.array(["a", "bcd", ""], dtype=object)
        f["be"] = np.arange(3, dtype=">f8")
    with hdf5.File(out) as f:
        assert f["s"].read().tolist() == ["a", "bcd", ""]
        assert f["be"].dtype == np.float64 and f["be"].read().tolist() == [0.0, 1.0, 2.0]


def test_bfloat16_stored_as_h5py_does(tmp_path):
    ml_dtypes = pytest.importorskip("ml_dtypes")
    out = tmp_path / "bf.h5"
    with hdf5.File(out, "w") as f:
        f["b"] = np.array([1.0, -2.5], ml_dtypes.bfloat16)
    with hdf5.File(out) as f:
        raw = f["b"].read()
        assert raw.dtype == np.dtype("V2")
        assert raw.view(ml_dtypes.bfloat16).astype(np.float32).tolist() == [1.0, -2.5]


def test_deterministic_bytes():
    def build():
        w = hdf5.FileWriter(None)
        w.create_group("g").attrs["name"] = "g"
        w["g/0"] = np.arange(6.0).reshape(2, 3)
        w.attrs["list"] = ["a", "b"]
        return w.tobytes()
    first = build()
    assert first == build()
    assert first[:8] == b"\x89HDF\r\n\x1a\n" and first[8] == 0  # superblock version 0, as libver="earliest"


def test_refused_values():
    w = hdf5.FileWriter(None)
    with pytest.raises(TypeError):
        w["c"] = np.ones(2, np.complex64)
    with pytest.raises(TypeError):
        w["r"] = np.zeros(2, dtype=[("a", "f4"), ("b", "i4")])
    w.attrs["big"] = np.zeros(20000)  # 160 KB: more than an object header message can hold
    with pytest.raises(ValueError, match="object header message is too large"):
        w.tobytes()
    with pytest.raises(ValueError, match="Unsupported mode"):
        hdf5.File(b"", "a")


# -- atomic writes --------------------------------------------------------------------------------------

def leftovers(directory):
    return [p for p in os.listdir(directory) if p.endswith(".tmp")]


def test_error_inside_with_block_leaves_the_old_file(tmp_path):
    target = tmp_path / "w.h5"
    target.write_bytes(b"old contents")
    with pytest.raises(RuntimeError):
        with hdf5.File(target, "w") as f:
            f["x"] = np.ones(3)
            raise RuntimeError("interrupted")
    assert target.read_bytes() == b"old contents" and leftovers(tmp_path) == []


def test_failure_while_writing_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "w.h5"
    target.write_bytes(b"old contents")

    def broken(self, f):
        f.write(b"partial")
        raise OSError("disk full")
    monkeypatch.setattr(writer_module._Layout, "write", broken)
    w = hdf5.File(target, "w")
    w["x"] = np.ones(3)
    with pytest.raises(OSError, match="disk full"):
        w.close()
    assert target.read_bytes() == b"old contents" and leftovers(tmp_path) == []


def test_directory_target_and_exclusive_mode(tmp_path):
    (tmp_path / "d.h5").mkdir()
    w = hdf5.File(tmp_path / "d.h5", "w")
    with pytest.raises(IsADirectoryError):
        w.close()
    assert leftovers(tmp_path) == []
    (tmp_path / "e.h5").write_bytes(b"x")
    with pytest.raises(FileExistsError):
        hdf5.File(tmp_path / "e.h5", "x")


def test_new_file_permissions_follow_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        with hdf5.File(tmp_path / "p.h5", "w") as f:
            f["x"] = np.ones(1)
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "p.h5").st_mode) == 0o644


# -- optional: real h5py reads what leantf wrote ---------------------------------------------------------

def test_h5py_reads_leantf_files(tmp_path):
    paths = [write_like_h5py_fixture(tmp_path, n) for n in ("basic.h5", "latest.h5", "keras_functional.weights.h5")]
    with hdf5.File(tmp_path / "big.h5", "w") as f:
        for i in range(600):
            f[f"g/{i}"] = np.full((2,), i, "int32")
        f.attrs["vlen"] = ["a", "b"]
    paths.append(tmp_path / "big.h5")
    got = h5py_inventory([str(p) for p in paths])
    if got is None:
        pytest.skip("h5py not importable and LEANTF_TF_PYTHON not set")
    for p in paths:
        assert got[str(p)] == inventory(p), p
