"""keras.utils.get_file: Keras's cache layout and texts, plus leantf's safe download and
extraction. Files are served from file:// URLs or a local http.server thread."""
import hashlib
import http.server
import io
import os
import socket
import tarfile
import threading
import zipfile

import pytest

import leantf as tf
from leantf.keras.utils import file_utils

PAYLOAD = bytes(range(256)) * 200   # 51200 bytes: several 8 KiB download blocks


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty Keras home, used through $KERAS_HOME as a user would."""
    folder = tmp_path / "keras_home"
    monkeypatch.setenv("KERAS_HOME", str(folder))
    return folder


@pytest.fixture
def source(tmp_path):
    """A folder of files to download from, and a helper giving their file:// URL."""
    folder = tmp_path / "origin"
    folder.mkdir()

    def put(name, data):
        (folder / name).write_bytes(data)
        return (folder / name).as_uri()
    return put


@pytest.fixture
def http_server(tmp_path):
    """A local HTTP server for tmp_path/'www'; yields its base URL."""
    root = tmp_path / "www"
    root.mkdir()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def do_GET(self):
            if self.path == "/short.bin":   # promises more bytes than it sends
                self.send_response(200)
                self.send_header("Content-Length", "100000")
                self.end_headers()
                self.wfile.write(b"x" * 1000)
                return
            super().do_GET()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_exported_as_tf_keras_utils_get_file():
    assert tf.keras.utils.get_file is file_utils.get_file


def test_download_lands_in_keras_home_datasets_with_progress(home, source, capsys):
    url = source("blob.bin", PAYLOAD)
    path = tf.keras.utils.get_file("blob.bin", origin=url, file_hash=sha256(PAYLOAD))
    assert path == os.path.join(str(home), "datasets", "blob.bin")
    assert open(path, "rb").read() == PAYLOAD
    out = capsys.readouterr().out
    assert out.startswith(f"Downloading data from {url}\n")
    # Keras's byte progress bar, finishing at the file size.
    assert "\x1b[1m51200/51200\x1b[0m" in out and out.endswith("/step\n")
    assert leftovers(home / "datasets") == ["blob.bin"]


def test_cached_file_is_reused_without_download(home, source, capsys):
    url = source("blob.bin", PAYLOAD)
    path = file_utils.get_file("blob.bin", origin=url)
    os.remove(url[len("file://"):])         # the origin is gone: only the cache can answer
    capsys.readouterr()
    assert file_utils.get_file("blob.bin", origin=url, file_hash=sha256(PAYLOAD)) == path
    assert capsys.readouterr().out == ""


def test_fname_defaults_to_url_basename_and_paths_are_refused(home, source):
    url = source("named.txt", b"hello")
    assert file_utils.get_file(origin=url).endswith(os.path.join("datasets", "named.txt"))
    with pytest.raises(ValueError, match=r"Paths are no longer accepted as the `fname` argument. .*"
                                         r"Received: fname=sub/x.txt"):
        file_utils.get_file("sub/x.txt", origin=url)
    with pytest.raises(ValueError, match='Please specify the "origin" argument'):
        file_utils.get_file("x.txt")


def test_cache_dir_and_absolute_cache_subdir(tmp_path, source):
    url = source("a.bin", b"abc")
    path = file_utils.get_file("a.bin", origin=url, cache_dir=str(tmp_path), cache_subdir="mine")
    assert path == os.path.join(str(tmp_path), "mine", "a.bin")
    elsewhere = tmp_path / "abs"
    path = file_utils.get_file("a.bin", origin=url, cache_subdir=str(elsewhere), cache_dir=str(tmp_path))
    assert path == str(elsewhere / "a.bin")


def test_bad_hash_after_download_raises_keras_text_and_leaves_nothing(home, source):
    url = source("blob.bin", PAYLOAD)
    wrong = "0" * 64
    message = ("Incomplete or corrupted file detected. The auto file hash does not match the provided "
               f"value of {wrong}.")
    with pytest.raises(ValueError, match="^" + message + "$"):
        file_utils.get_file("blob.bin", origin=url, file_hash=wrong)
    assert leftovers(home / "datasets") == []     # Keras would keep the bad file here


def test_md5_hashes_and_validate_file(home, source, tmp_path):
    url = source("blob.bin", PAYLOAD)
    md5 = hashlib.md5(PAYLOAD).hexdigest()
    path = file_utils.get_file("blob.bin", origin=url, md5_hash=md5)
    assert file_utils.validate_file(path, md5)
    assert file_utils.validate_file(path, sha256(PAYLOAD))
    assert file_utils.validate_file(path, sha256(PAYLOAD), algorithm="sha256")
    assert not file_utils.validate_file(path, md5, algorithm="sha256")
    assert not file_utils.validate_file(path, "f" * 32)
    with pytest.raises(ValueError, match="The md5 file hash does not match"):
        file_utils.get_file("other.bin", origin=url, md5_hash="f" * 32)


def test_stale_cached_file_is_replaced(home, source, capsys):
    url = source("blob.bin", PAYLOAD)
    (home / "datasets").mkdir(parents=True)
    (home / "datasets" / "blob.bin").write_bytes(b"truncated")
    path = file_utils.get_file("blob.bin", origin=url, file_hash=sha256(PAYLOAD))
    assert open(path, "rb").read() == PAYLOAD
    out = capsys.readouterr().out
    assert out.startswith("A local file was found, but it seems to be incomplete or outdated because the auto "
                          f"file hash does not match the original value of {sha256(PAYLOAD)} so we will "
                          "re-download the data.\nDownloading data from ")


def test_failed_forced_download_keeps_the_cached_copy(home, source):
    url = source("blob.bin", PAYLOAD)
    path = file_utils.get_file("blob.bin", origin=url)
    source("blob.bin", b"tampered")
    with pytest.raises(ValueError, match="Incomplete or corrupted file detected"):
        file_utils.get_file("blob.bin", origin=url, file_hash=sha256(PAYLOAD), force_download=True)
    assert open(path, "rb").read() == PAYLOAD
    assert leftovers(home / "datasets") == ["blob.bin"]


def test_http_download_and_http_error(home, http_server):
    root, base = http_server
    (root / "data.bin").write_bytes(PAYLOAD)
    path = file_utils.get_file("data.bin", origin=f"{base}/data.bin", file_hash=sha256(PAYLOAD))
    assert open(path, "rb").read() == PAYLOAD
    target = os.path.join(str(home), "datasets", "missing.bin")
    with pytest.raises(Exception, match=f"^URL fetch failure on {base}/missing.bin: 404 -- File not found") as e:
        file_utils.get_file("missing.bin", origin=f"{base}/missing.bin")
    assert type(e.value) is Exception
    assert target in str(e.value)                  # where to put a manually fetched copy
    assert leftovers(home / "datasets") == ["data.bin"]


def test_partial_download_never_stays(home, http_server):
    _, base = http_server
    with pytest.raises(Exception, match="retrieval incomplete"):
        file_utils.get_file("short.bin", origin=f"{base}/short.bin")
    assert leftovers(home / "datasets") == []


def _unused_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_offline_error_names_url_and_cache_path(home):
    url = f"http://127.0.0.1:{_unused_port()}/tf-keras-datasets/thing.npz"
    with pytest.raises(Exception, match=f"^URL fetch failure on {url}: None -- ") as e:
        file_utils.get_file("thing.npz", origin=url)
    assert os.path.join(str(home), "datasets", "thing.npz") in str(e.value)
    assert leftovers(home / "datasets") == []


# ---------------------------------------------------------------------------- extraction

def _tar(members, mode="w:gz"):
    """A tar archive from ``(TarInfo, bytes or None)`` pairs."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        for info, data in members:
            if data is not None:
                info.size = len(data)
            archive.addfile(info, io.BytesIO(data) if data is not None else None)
    return buffer.getvalue()


def _file(name, data):
    return tarfile.TarInfo(name), data


def _special(name, kind, linkname=""):
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, linkname
    return info, None


def test_extract_tar_gz_keras_layout(home, source):
    data = _tar([_file("pkg/a.txt", b"A"), _file("pkg/sub/b.txt", b"B")])
    url = source("pkg.tar.gz", data)
    # fname without a dot: archive kept as <fname>_archive, extracted into <fname>/
    path = file_utils.get_file("pkg-target", origin=url, extract=True, file_hash=sha256(data))
    datasets = home / "datasets"
    assert path == str(datasets / "pkg-target")
    assert (datasets / "pkg-target_archive").read_bytes() == data
    assert (datasets / "pkg-target" / "pkg" / "sub" / "b.txt").read_bytes() == b"B"
    # fname with a dot: archive kept under fname, extracted into <stem>_extracted/
    path = file_utils.get_file("pkg.tar.gz", origin=url, extract=True)
    assert path == str(datasets / "pkg_extracted")
    assert (datasets / "pkg_extracted" / "pkg" / "a.txt").read_bytes() == b"A"
    # no fname: the URL's name, as a folder
    path = file_utils.get_file(origin=source("other.tgz", data), untar=True)
    assert path == str(datasets / "other.tgz")
    assert (datasets / "other.tgz_archive").exists()
    assert (datasets / "other.tgz" / "pkg" / "a.txt").read_bytes() == b"A"


def test_extract_zip_and_unmatched_format_warns(home, source):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("z/inner.txt", b"zipped")
    url = source("z.zip", buffer.getvalue())
    path = file_utils.get_file("z", origin=url, extract=True)
    assert open(os.path.join(path, "z", "inner.txt"), "rb").read() == b"zipped"
    with pytest.warns(UserWarning, match="Could not extract archive."):
        file_utils.get_file("z2", origin=url, extract=True, archive_format="tar")


@pytest.mark.parametrize("member, reason", [
    (_file("../escape.txt", b"x"), "climbs out"),
    (_file("ok/../../escape.txt", b"x"), "climbs out"),
    (_file("/tmp/absolute.txt", b"x"), "absolute path"),
    (_special("link", tarfile.SYMTYPE, "/etc/passwd"), "symbolic link"),
    (_special("inner_link", tarfile.SYMTYPE, "pkg/a.txt"), "symbolic link"),
    (_special("hard", tarfile.LNKTYPE, "pkg/a.txt"), "hard link"),
    (_special("dev", tarfile.CHRTYPE), "device"),
    (_special("fifo", tarfile.FIFOTYPE), "FIFO"),
])
def test_unsafe_tar_is_rejected_before_writing_anything(home, source, tmp_path, member, reason):
    data = _tar([_file("pkg/a.txt", b"A"), member])
    url = source("evil.tar.gz", data)
    with pytest.raises(ValueError, match=f"Refusing to extract the archive .*{reason}"):
        file_utils.get_file("evil", origin=url, extract=True)
    assert not (home / "datasets" / "evil").exists()      # not even the safe member
    assert not (tmp_path / "keras_home" / "escape.txt").exists()
    assert not (home / "escape.txt").exists()


def test_unsafe_zip_is_rejected(home, source):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("fine.txt", b"ok")
        archive.writestr("../../zip_escape.txt", b"x")
    url = source("evil.zip", buffer.getvalue())
    with pytest.raises(ValueError, match="climbs out"):
        file_utils.get_file("evilzip", origin=url, extract=True)
    assert not (home / "datasets" / "evilzip").exists()
    assert not (home / "zip_escape.txt").exists()


def test_existing_symlink_in_destination_cannot_redirect_writes(home, source, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    dest = home / "datasets" / "pkg"
    dest.mkdir(parents=True)
    os.symlink(outside, dest / "sub")
    url = source("p.tar", _tar([_file("sub/x.txt", b"x")], mode="w"))
    with pytest.raises(ValueError, match="outside the extraction folder"):
        file_utils.get_file("pkg", origin=url, extract=True)
    assert list(outside.iterdir()) == []
