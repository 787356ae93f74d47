"""leantf.io.hdf5 reads what h5py (HDF5 1.14) writes: fixtures from tools/make_h5_fixtures.py."""
import io
import os

import numpy as np
import pytest

from leantf.io import hdf5

from .h5_helpers import FIXTURES, expected, inventory, values

EXPECTED = expected()
# Extensible-array chunk indexes (libver="latest" + an unlimited dimension) are not read.
UNSUPPORTED = {("chunked_latest.h5", "unlimited")}


def path(name):
    return os.path.join(FIXTURES, name)


@pytest.mark.parametrize("name", sorted(EXPECTED["files"]))
def test_everything_h5py_wrote_reads_back_the_same(name):
    skip = {d for f, d in UNSUPPORTED if f == name}
    got = inventory(path(name), skip=skip)
    want = EXPECTED["files"][name]
    for key in skip:
        want = dict(want)
        want[key] = {k: v for k, v in want[key].items() if k != "data"}
    assert sorted(got) == sorted(want)
    for key in want:
        assert got[key] == want[key], key


@pytest.mark.parametrize("tag", sorted(EXPECTED["keras"]))
def test_keras_weight_files_read_back_the_same(tag):
    assert inventory(path(f"keras_{tag}.weights.h5")) == EXPECTED["keras"][tag]["paths"]


def test_unsupported_chunk_index_fails_only_when_read():
    with hdf5.File(path("chunked_latest.h5")) as f:
        ds = f["unlimited"]
        assert ds.shape == (6,) and ds.dtype == np.int32 and ds.layout == "chunked"
        with pytest.raises(hdf5.UnsupportedFeatureError, match="earray"):
            ds.read()


def test_values_and_types():
    with hdf5.File(path("basic.h5")) as f:
        assert f.keys() == ["a", "attrs", "bfloat16", "many", "numeric", "strings"]
        g = f["numeric"]
        for dt in ["float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16",
                   "uint32", "uint64", "bool"]:
            ds = g[dt]
            assert ds.dtype == np.dtype(dt) and ds.shape == (3, 4) and ds.read().dtype == np.dtype(dt)
            assert ds.nbytes == 12 * np.dtype(dt).itemsize
        assert g["int64_scalar"].shape == () and g["int64_scalar"][()] == -115
        assert isinstance(g["float32_scalar"][()], np.float32)
        assert g["empty"].read().shape == (0, 3)
        assert g["big_endian_f4"].dtype == np.float32  # converted to native order
        np.testing.assert_array_equal(g["big_endian_i4"].read(), [-115, -78, -41, -4, 33])
        assert f["strings/vlen"].read().tolist() == ["x", "yy", ""]
        assert f["strings/fixed"].read().tolist() == [b"ab", b"c", b""]
        a = f["attrs"].attrs
        assert a["vstr"] == "dense" and isinstance(a["vstr"], str)
        assert a["vstr_unicode"] == "h\u00e9llo \u2603" and a["empty_str"] == ""
        assert a["bytes"] == "raw"  # h5py stores bytes as a variable-length ASCII string
        assert a["fixed"] == b"fixed!"
        assert a["str_list"].tolist() == ["x", "yy", "zzz"]
        assert a["empty_list"].dtype == np.float64 and a["empty_list"].shape == (0,)
        assert a["int"] == 3 and a["float"] == 2.5 and a["bool"] is np.True_
        assert a["f32_array"].dtype == np.float32 and a["f32_array"].shape == (2, 3)
        assert a["i16_scalar"] == -7 and a["i16_scalar"].dtype == np.int16
        assert "vstr" in a and "nope" not in a and len(a) == 15
        assert f["/a/b/c/d"].attrs["depth"] == 4 and f["a"]["b/c"]["/a/b"].name == "/a/b"


def test_bfloat16_is_opaque_with_a_dtype_attribute():
    with hdf5.File(path("basic.h5")) as f:
        ds = f["bfloat16"]
        assert ds.attrs["dtype"] == "bfloat16"
        raw = ds.read()
        assert raw.dtype == np.dtype("V2") and raw.shape == (4,)
        # The bits are bfloat16: the upper half of the float32 pattern.
        want = (np.array([-28.75, -19.5, -10.25, -1.0], np.float32).view(np.uint32) >> 16).astype("<u2")
        np.testing.assert_array_equal(raw.view("<u2"), want)


def test_many_members_multi_level_btree():
    with hdf5.File(path("basic.h5")) as f:
        many = f["many"]
        assert len(many) == 300 and many.keys()[:3] == ["d000", "d001", "d002"]
        assert many["d299"][()].tolist() == [7] and many.get_link("d123").kind == "hard"


def test_latest_format_dense_links_and_attributes():
    with hdf5.File(path("latest.h5")) as f:
        assert f.attrs["root"] == "latest"
        assert sorted(f["dense_links"].keys()) == sorted(f"item{i}" for i in range(40))
        assert f["dense_links/item37"][()].tolist() == [37]
        attrs = f["dense_attrs"].attrs
        assert len(attrs) == 21 and attrs["attr19"] == 28.5 and attrs["label"] == "many attributes"
        assert f["scalar"][()] == 2.25


@pytest.mark.parametrize("name", ["chunked.h5", "chunked_latest.h5"])
def test_chunked_datasets(name):
    with hdf5.File(path(name)) as f:
        np.testing.assert_array_equal(f["gzip"].read(), values("float32", (10, 7)))
        np.testing.assert_array_equal(f["shuffle_gzip"].read(), values("int16", (33,)))
        np.testing.assert_array_equal(f["fletcher"].read(), values("float64", (6, 5)))
        np.testing.assert_array_equal(f["plain_chunks"].read(), values("uint8", (9, 9)))
        sparse = np.full(20, -1.0, np.float32)  # unwritten chunks hold the fill value
        sparse[5:10] = np.arange(5)
        np.testing.assert_array_equal(f["sparse"].read(), sparse)
        assert f["gzip"].layout == "chunked"
        if name == "chunked.h5":
            np.testing.assert_array_equal(f["unlimited"].read(), values("int32", (6,)))


def test_sources_path_bytes_fileobj_and_userblock():
    with open(path("compact.h5"), "rb") as fh:
        data = fh.read()
    for source in (path("compact.h5"), data, bytearray(data), io.BytesIO(data)):
        with hdf5.File(source) as f:
            assert f["compact"].layout == "compact"
            np.testing.assert_array_equal(f["compact"].read(), f["contiguous"].read())
    with hdf5.File(path("userblock.h5")) as f:  # superblock at offset 512
        assert f["compact"].read().shape == (2, 3)


def test_not_hdf5_and_truncated():
    with pytest.raises(hdf5.HDF5Error, match="Not an HDF5 file"):
        hdf5.File(b"hello world" * 100)
    with open(path("keras_seq.weights.h5"), "rb") as fh:
        data = fh.read()
    with pytest.raises(hdf5.HDF5Error, match="Truncated"):
        hdf5.File(data[: len(data) // 2])
    with pytest.raises(TypeError):
        hdf5.File(12)


def test_missing_members_raise_key_error():
    with hdf5.File(path("basic.h5")) as f:
        with pytest.raises(KeyError):
            f["nope"]
        with pytest.raises(KeyError):
            f["numeric/float32/deeper"]
        assert f.get("nope") is None and "numeric/nope" not in f and "numeric/int8" in f
