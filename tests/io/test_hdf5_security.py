"""Reading never follows links out of the file, never reads external storage, refuses shape
bombs before allocating, survives corrupt structures (loops, cycles, random damage) with
HDF5Error, and never executes anything (reference/security.md)."""
import builtins
import os
import random
import struct
import tracemalloc
import zlib

import numpy as np
import pytest

from leantf.io import hdf5
from leantf.io.hdf5 import _chunks

from .h5_helpers import FIXTURES


def fixture(name):
    return os.path.join(FIXTURES, name)


def small_file():
    w = hdf5.FileWriter(None)
    w["x"] = np.arange(4, dtype="float32")
    w["empty"] = np.zeros((0,), "float32")
    w.create_group("g").attrs["name"] = "g"
    return bytearray(w.tobytes())


def header_addr(data, name):
    with hdf5.File(bytes(data)) as f:
        return f[name].id


def find_message(data, start, prefix):
    pos = bytes(data).find(prefix, start)
    assert pos > 0
    return pos


def read_all(data):
    with hdf5.File(bytes(data)) as f:
        def visit(_, obj):
            dict(obj.attrs.items())
            if isinstance(obj, hdf5.Dataset):
                obj.read()
        f.visit_items(visit)


# -- shape bombs ----------------------------------------------------------------------------------------

def test_contiguous_shape_bomb_refused_before_allocating():
    data = small_file()
    dims = header_addr(data, "x") + 16 + 8 + 8  # prefix, dataspace message header, its fixed part
    data[dims:dims + 8] = struct.pack("<Q", 1 << 40)  # 4 TiB of float32 declared, 16 bytes stored
    with hdf5.File(bytes(data)) as f:
        ds = f["x"]
        assert ds.shape == (1 << 40,) and ds.nbytes == 4 << 40  # metadata is fine to look at
        tracemalloc.start()
        with pytest.raises(hdf5.NotAllowedError, match="declares 4.00 TB but only 16.00 B are stored"):
            ds.read()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert peak < 1 << 20


def test_dataset_larger_than_the_file_refused():
    data = small_file()
    dims = header_addr(data, "x") + 16 + 8 + 8
    data[dims:dims + 8] = struct.pack("<Q", 1_000_000)
    with hdf5.File(bytes(data)) as f, pytest.raises(hdf5.NotAllowedError, match="shape bomb"):
        f["x"].read()


def test_unwritten_dataset_shape_bomb_refused():
    data = small_file()
    dims = header_addr(data, "empty") + 16 + 8 + 8
    data[dims:dims + 8] = struct.pack("<Q", 1 << 30)  # no storage at all, 4 GiB declared
    with hdf5.File(bytes(data)) as f, pytest.raises(hdf5.NotAllowedError, match="stores no data"):
        f["empty"].read()


def test_chunked_shape_bomb_from_h5py_refused():
    with hdf5.File(fixture("bomb.h5")) as f:
        assert f["bomb"].shape == (1 << 20, 1 << 20)
        with pytest.raises(hdf5.NotAllowedError, match="8.00 TB"):
            f["bomb"].read()
        np.testing.assert_array_equal(f["ok"].read(), [-28.75, -19.5, -10.25])


def test_chunked_expansion_rule(monkeypatch):
    monkeypatch.setattr(hdf5.LIMITS, "bomb_floor_bytes", 10)
    monkeypatch.setattr(hdf5.LIMITS, "max_expansion", 2)
    with hdf5.File(fixture("chunked.h5")) as f:
        f["plain_chunks"].read()  # 81 bytes declared, 9 chunks of 16 stored
        with pytest.raises(hdf5.NotAllowedError, match="decompression/shape bomb"):
            f["sparse"].read()  # 80 bytes declared, one 20-byte chunk stored


def test_deflate_never_inflates_past_one_chunk():
    bomb = zlib.compress(b"\0" * 50_000_000, 9)  # ~50 KB that inflate to 50 MB
    tracemalloc.start()
    with pytest.raises(hdf5.HDF5Error, match="inflates past its size"):
        _chunks._unfilter([(1, 0, [])], 0, bomb, 4096, 4)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 1 << 20


# -- links and external storage ---------------------------------------------------------------------------

def test_soft_and_external_links_are_not_followed(monkeypatch):
    opened = []
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda p, *a, **k: opened.append(str(p)) or real_open(p, *a, **k))
    with hdf5.File(fixture("links.h5")) as f:
        assert f.get_link("soft").kind == "soft" and f.get_link("soft").target == "/vars"
        assert f.get_link("external").kind == "external"
        assert f.get_link("external").target == ("/etc/hostname", "/data")
        with pytest.raises(hdf5.NotAllowedError, match="^Not allowed: H5 file with SoftLink$"):
            f["soft"]
        with pytest.raises(hdf5.NotAllowedError, match="^Not allowed: H5 file with ExternalLink$"):
            f["external"]
        with pytest.raises(hdf5.NotAllowedError):
            f["external/data"]
        assert "soft" in f and "external" in f  # the names exist; only following them is refused
        with pytest.raises(hdf5.NotAllowedError):
            "soft/0" in f
        # Hard links are ordinary: an alias, and a cycle that visiting still finishes.
        assert f["hard_alias"].attrs["name"] == "target"
        assert f["loop/back/back/back"].id == f["loop"].id
        seen = []
        f.visit_items(lambda p, o: seen.append(p))
        assert seen == ["hard_alias", "loop", "hard_alias/0"]  # each object once, under its first name
    assert not any("hostname" in p for p in opened)


def test_external_storage_is_refused():
    with hdf5.File(fixture("external.h5")) as f:
        assert f["ext"].external and f["ext"].shape == (4,)
        with pytest.raises(hdf5.NotAllowedError, match="Not allowed: H5 file with external Dataset"):
            f["ext"].read()
        assert f["ok"].read().shape == (4,)


def test_virtual_layout_is_refused():
    data = small_file()
    # The layout message h5py/leantf write: type 8, 24 bytes, version 3, class 1 (contiguous).
    pos = find_message(data, header_addr(data, "x"), b"\x08\x00\x18\x00\x00\x00\x00\x00\x03\x01") + 9
    data[pos] = 3  # class 3: virtual
    with hdf5.File(bytes(data)) as f:
        assert f["x"].is_virtual
        with pytest.raises(hdf5.NotAllowedError, match="virtual Dataset"):
            f["x"].read()


# -- corrupt structures -------------------------------------------------------------------------------------

def test_object_header_continuation_loop():
    data = small_file()
    root = header_addr(data, "/")
    assert data[root + 16:root + 18] == b"\x11\x00"  # the symbol table message comes first
    # Turn it into a continuation message pointing at its own chunk.
    data[root + 16:root + 24 + 16] = (b"\x10\x00\x10\x00\x00\x00\x00\x00"
                                      + struct.pack("<QQ", root + 16, 24))
    with pytest.raises(hdf5.HDF5Error, match="loop"):
        hdf5.File(bytes(data))


def test_group_btree_cycle():
    data = small_file()
    root = header_addr(data, "/")
    btree = struct.unpack("<Q", data[root + 24:root + 32])[0]
    assert data[btree:btree + 4] == b"TREE"
    data[btree + 5] = 1  # level 1: children are B-tree nodes ...
    data[btree + 24 + 8:btree + 24 + 16] = struct.pack("<Q", btree)  # ... and the first one is itself
    with hdf5.File(bytes(data)) as f, pytest.raises(hdf5.HDF5Error, match="cycle"):
        f.keys()


def test_addresses_outside_the_file():
    data = small_file()
    pos = find_message(data, header_addr(data, "x"), b"\x08\x00\x18\x00\x00\x00\x00\x00\x03\x01") + 10
    data[pos:pos + 8] = struct.pack("<Q", 10 ** 12)
    with hdf5.File(bytes(data)) as f, pytest.raises(hdf5.HDF5Error):
        f["x"].read()


@pytest.mark.parametrize("name", ["keras_functional.weights.h5", "latest.h5", "chunked.h5"])
def test_random_damage_gives_hdf5_errors_only(name):
    with open(fixture(name), "rb") as fh:
        base = fh.read()
    rng = random.Random(1234)
    for _ in range(120):
        data = bytearray(base)
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            read_all(data)
        except (hdf5.HDF5Error, KeyError):
            pass


def test_data_is_never_code():
    w = hdf5.FileWriter(None)
    payload = "__import__('os').system('echo pwned')"
    w.attrs["code"] = payload
    w["pickle"] = np.frombuffer(b"\x80\x04\x95cos\nsystem\n", np.uint8)
    with hdf5.File(w.tobytes()) as f:
        assert f.attrs["code"] == payload
        assert f["pickle"].read().tobytes().startswith(b"\x80\x04")
