"""keras.utils.get_file: download a file into the Keras cache, check its hash, extract it.

Cache layout, file names, hashes, printed text and error texts follow Keras 3.15, so a
cache filled by real Keras (``$KERAS_HOME`` or ``~/.keras``) is reused as it is. Where
Keras can leave a bad file behind, leantf is stricter:

- A download goes to a hidden temporary file in the cache folder and is renamed onto the
  target only after the hash check passed. A failed check, an interrupted or failed
  download never leaves a file under the target name, and an older cached copy survives
  a failed ``force_download``.
- Extraction checks every member *before* writing anything: an absolute path, a ``..``
  that climbs out, a symlink, a hard link or a device/FIFO rejects the whole archive with
  a ValueError (Keras skips such members with a warning).
- A fetch failure names the URL and the exact path where a manually fetched copy can be
  placed, so offline users know what to do.
"""
import hashlib
import os
import shutil
import stat
import tarfile
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import warnings
import zipfile

__all__ = ["get_file", "validate_file", "hash_file", "extract_archive"]

_URL_FETCH_FAILURE = "URL fetch failure on {}: {} -- {}"


def keras_home():
    """Keras's cache root: ``$KERAS_HOME``, else ``~/.keras``, else ``/tmp/.keras`` when the
    home folder is not writable. Read on every call (Keras reads it once at import) so a
    program or test can point it elsewhere after ``import leantf``."""
    if "KERAS_HOME" in os.environ:
        return os.environ["KERAS_HOME"]
    base = os.path.expanduser("~")
    if not os.access(base, os.W_OK):
        base = "/tmp"
    return os.path.join(base, ".keras")


def _path_to_string(path):
    return os.fspath(path) if isinstance(path, os.PathLike) else path


# ---------------------------------------------------------------------------- hashes

def resolve_hasher(algorithm, file_hash=None):
    """hashlib object for ``algorithm``; "auto" means SHA-256 for a 64-character hash and
    MD5 otherwise (Keras keeps MD5 for the legacy hashes some datasets still pin)."""
    if algorithm == "sha256":
        return hashlib.sha256()
    if algorithm == "auto" and file_hash is not None and len(file_hash) == 64:
        return hashlib.sha256()
    return hashlib.md5()


def hash_file(fpath, algorithm="sha256", chunk_size=65535):
    """Hex digest of the file at ``fpath`` (``algorithm`` is a name or a hashlib object)."""
    hasher = resolve_hasher(algorithm) if isinstance(algorithm, str) else algorithm
    with open(fpath, "rb") as f:
        for chunk in iter(lambda: f.read(chunk_size), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def validate_file(fpath, file_hash, algorithm="auto", chunk_size=65535):
    """True when the file's sha256 or md5 digest equals ``file_hash``."""
    hasher = resolve_hasher(algorithm, file_hash)
    return str(hash_file(fpath, hasher, chunk_size)) == str(file_hash)


# ---------------------------------------------------------------------------- extraction

def _unsafe_reason(name, kind, base_dir):
    """Why a member named ``name`` of type ``kind`` may not be written under ``base_dir``
    (None when it may). Checked on the name itself and on the resolved path, so neither a
    '..' nor a symlink already sitting in the destination can lead outside."""
    if kind not in ("file", "dir"):
        return f"a {kind}; only regular files and folders are extracted"
    if not name or "\x00" in name:
        return "an empty or invalid name"
    normalized = name.replace("\\", "/")
    if normalized.startswith("/") or (len(normalized) > 1 and normalized[1] == ":"):
        return "an absolute path"
    if ".." in normalized.split("/"):
        return "a path that climbs out with '..'"
    target = os.path.realpath(os.path.join(base_dir, name))
    if os.path.commonpath([target, base_dir]) != base_dir:
        return "a path outside the extraction folder"
    return None


def _tar_kind(info):
    if info.isfile():
        return "file"
    if info.isdir():
        return "dir"
    if info.issym():
        return "symbolic link"
    if info.islnk():
        return "hard link"
    if info.ischr() or info.isblk():
        return "device"
    if info.isfifo():
        return "FIFO"
    return "special member"


def _zip_kind(info):
    # Unix zips keep the file type in the high bits of external_attr; 0 means "not said".
    file_type = stat.S_IFMT(info.external_attr >> 16)
    if file_type == stat.S_IFLNK:
        return "symbolic link"
    if file_type not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "special member"
    return "dir" if info.is_dir() else "file"


def _extract_checked(archive_path, path, members):
    """Write out ``(name, kind, open_member)`` entries under ``path`` once every one of them has
    passed the safety checks: an unsafe member refuses the whole archive before anything is written."""
    base_dir = os.path.realpath(path)
    for name, kind, _ in members:
        reason = _unsafe_reason(name, kind, base_dir)
        if reason is not None:
            raise ValueError(f"Refusing to extract the archive {archive_path}: its member {name!r} is "
                             f"{reason}. The archive may be corrupted or malicious; nothing was extracted.")
    for name, kind, open_member in members:
        target = os.path.join(base_dir, name)
        if kind == "dir":
            os.makedirs(target, exist_ok=True)
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open_member() as source, open(target, "wb") as out:
            shutil.copyfileobj(source, out)


def _extract_tar(file_path, path):
    with tarfile.open(file_path) as archive:
        _extract_checked(file_path, path, [(m.name, _tar_kind(m), lambda m=m: archive.extractfile(m))
                                           for m in archive.getmembers()])


def _extract_zip(file_path, path):
    with zipfile.ZipFile(file_path) as archive:
        _extract_checked(file_path, path, [(m.filename, _zip_kind(m), lambda m=m: archive.open(m))
                                           for m in archive.infolist()])


def extract_archive(file_path, path=".", archive_format="auto"):
    """Extract a tar (plain, gz, bz2, xz) or zip archive into ``path``.

    ``archive_format`` is "auto" (try tar, then zip), "tar", "zip", a list of those, or
    None. Returns True when an archive of an accepted format was extracted, else False.
    An unsafe member rejects the archive before anything is written (ValueError).
    """
    if archive_format is None:
        return False
    if archive_format == "auto":
        archive_format = ["tar", "zip"]
    if isinstance(archive_format, str):
        archive_format = [archive_format]
    file_path = _path_to_string(file_path)
    path = _path_to_string(path)
    for archive_type in archive_format:
        if archive_type == "tar":
            is_match, extract = tarfile.is_tarfile, _extract_tar
        elif archive_type == "zip":
            is_match, extract = zipfile.is_zipfile, _extract_zip
        else:
            raise NotImplementedError(archive_type)
        if is_match(file_path):
            try:
                extract(file_path, path)
            except (tarfile.TarError, zipfile.BadZipFile, RuntimeError, KeyboardInterrupt):
                # Like Keras: a half-extracted folder is worse than none.
                if os.path.isfile(path):
                    os.remove(path)
                elif os.path.isdir(path):
                    shutil.rmtree(path)
                raise
            return True
    return False


# ---------------------------------------------------------------------------- download

class _DownloadProgress:
    """urlretrieve report hook drawing Keras's download bar: a bar over bytes, created
    on the first report, ending exactly at the total size."""

    def __init__(self):
        self.progbar = None
        self.finished = False

    def __call__(self, block_num, block_size, total_size):
        from .progbar import Progbar
        if total_size == -1:
            total_size = None
        if not self.progbar:
            self.progbar = Progbar(total_size)
        current = block_num * block_size
        if total_size is None:
            self.progbar.update(current)
        elif current < total_size:
            self.progbar.update(current)
        elif not self.finished:
            self.progbar.update(self.progbar.target)
            self.finished = True


def _remove_quietly(path):
    try:
        os.remove(path)
    except OSError:
        pass


def _download_verified(origin, target, file_hash, hash_algorithm, offline_note):
    """Download ``origin`` and move it onto ``target`` only once it is complete and its hash
    (when given) matches; on any failure no file is left under either name."""
    from .progbar import print_msg
    print_msg(f"Downloading data from {origin}")
    folder, name = os.path.split(target)
    fd, partial = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
    os.close(fd)
    try:
        try:
            urllib.request.urlretrieve(origin, partial, _DownloadProgress())
        except urllib.error.HTTPError as e:
            raise Exception(_URL_FETCH_FAILURE.format(origin, e.code, e.msg)
                            + _manual_fetch_hint(origin, target, offline_note)) from None
        except urllib.error.URLError as e:
            raise Exception(_URL_FETCH_FAILURE.format(origin, e.errno, e.reason)
                            + _manual_fetch_hint(origin, target, offline_note)) from None
        if file_hash is not None and not validate_file(partial, file_hash, algorithm=hash_algorithm):
            raise ValueError("Incomplete or corrupted file detected. "
                             f"The {hash_algorithm} file hash does not match the provided value "
                             f"of {file_hash}.")
        os.replace(partial, target)
    except BaseException:
        _remove_quietly(partial)
        raise


def _manual_fetch_hint(origin, target, offline_note):
    hint = (f"\nIf this machine is offline, fetch {origin} elsewhere and place the file at "
            f"{target} ; it is then used without a download.")
    if offline_note:
        hint += "\n" + offline_note
    return hint


def _cache_folder(cache_dir, cache_subdir):
    if cache_dir is None:
        cache_dir = keras_home()
        # Keras creates its home when it is imported; leantf does it on first use.
        try:
            os.makedirs(os.path.expanduser(cache_dir), exist_ok=True)
        except OSError:
            pass
    base = os.path.expanduser(cache_dir)
    if not os.access(base, os.W_OK):
        # As Keras: an unwritable (or missing) cache_dir falls back to /tmp/.keras.
        base = os.path.join("/tmp" if os.path.isdir("/tmp") else tempfile.gettempdir(), ".keras")
    folder = os.path.join(base, cache_subdir)
    os.makedirs(folder, exist_ok=True)
    return folder


def get_file(fname=None, origin=None, untar=False, md5_hash=None, file_hash=None, cache_subdir="datasets",
             hash_algorithm="auto", extract=False, archive_format="auto", cache_dir=None,
             force_download=False):
    """Download ``origin`` into ``<cache_dir>/<cache_subdir>/<fname>`` unless it is cached.

    ``cache_dir`` defaults to ``$KERAS_HOME`` or ``~/.keras``. A cached file is reused; with
    ``file_hash`` (sha256, or md5 for a 32-character hash) it is re-downloaded when its hash
    differs. With ``extract=True`` (or ``untar=True``) the archive is kept as
    ``<fname>_archive`` (or under ``fname`` when it has an extension) and extracted into the
    folder ``<fname>`` (or ``<stem>_extracted``), whose path is returned. Returns the path of
    the file otherwise.

    Only download files you trust, and pass ``file_hash`` when it is known.
    """
    return fetch(fname, origin, untar, md5_hash, file_hash, cache_subdir, hash_algorithm, extract,
                 archive_format, cache_dir, force_download)


def fetch(fname=None, origin=None, untar=False, md5_hash=None, file_hash=None, cache_subdir="datasets",
          hash_algorithm="auto", extract=False, archive_format="auto", cache_dir=None, force_download=False,
          offline_note=None):
    """get_file, plus ``offline_note``: a line added to a fetch-failure message (the
    dataset loaders use it to point at data that ships with leantf)."""
    if origin is None:
        raise ValueError('Please specify the "origin" argument (URL of the file to download).')
    if md5_hash is not None and file_hash is None:
        file_hash = md5_hash
        hash_algorithm = "md5"
    datadir = _cache_folder(cache_dir, cache_subdir)

    provided_fname = fname
    fname = _path_to_string(fname)
    if not fname:
        fname = os.path.basename(urllib.parse.urlsplit(origin).path)
        if not fname:
            raise ValueError(f"Can't parse the file name from the origin provided: '{origin}'."
                             "Please specify the `fname` argument.")
    elif os.sep in fname or (os.altsep and os.altsep in fname):
        raise ValueError("Paths are no longer accepted as the `fname` argument. To specify the file's "
                         f"parent directory, use the `cache_dir` argument. Received: fname={fname}")

    if extract or untar:
        if provided_fname and "." in fname:
            download_target = os.path.join(datadir, fname)
            extraction_dir = os.path.join(datadir, f"{fname[:fname.find('.')]}_extracted")
        else:
            extraction_dir = os.path.join(datadir, fname)
            download_target = os.path.join(datadir, f"{fname}_archive")
    else:
        download_target = os.path.join(datadir, fname)

    download = force_download or not os.path.exists(download_target)
    if not download and file_hash is not None and not validate_file(download_target, file_hash,
                                                                     algorithm=hash_algorithm):
        from .progbar import print_msg
        print_msg("A local file was found, but it seems to be incomplete or outdated because the "
                  f"{hash_algorithm} file hash does not match the original value of {file_hash} so we "
                  "will re-download the data.")
        download = True
    if download:
        _download_verified(origin, download_target, file_hash, hash_algorithm, offline_note)

    if extract or untar:
        if untar:
            archive_format = "tar"
        if not extract_archive(download_target, extraction_dir, archive_format):
            warnings.warn("Could not extract archive.", stacklevel=2)
        return extraction_dir
    return download_target

