"""prefetch (a background producer thread) and cache (in memory or in a file)."""
import os
import queue
import threading

import numpy as np

from . import structure
from .dataset import AUTOTUNE, Dataset, int64_arg

__all__ = ["PrefetchDataset", "CacheDataset", "CACHE_SUFFIX"]

_END = object()
_AUTOTUNE_BUFFER = 2  # what TF's autotuner typically settles on for a CPU pipeline


class PrefetchDataset(Dataset):
    _repr_name = "_PrefetchDataset"

    def __init__(self, input_dataset, buffer_size):
        super().__init__([input_dataset])
        size = int64_arg(buffer_size)
        self._buffer_size = _AUTOTUNE_BUFFER if size == AUTOTUNE else size

    def _cardinality(self):
        return self._inputs[0]._cardinality()

    def _elements(self):
        if self._buffer_size <= 0:
            yield from self._inputs[0]._elements()
            return
        slots = queue.Queue(maxsize=self._buffer_size)
        stop = threading.Event()
        thread = threading.Thread(target=_produce, args=(self._inputs[0], slots, stop), daemon=True,
                                  name="leantf-data-prefetch")
        thread.start()
        try:
            while True:
                item, error = slots.get()
                if error is not None:
                    raise error
                if item is _END:
                    return
                yield item
        finally:
            stop.set()  # the consumer went away (or finished): let the producer exit


def _produce(source, slots, stop):
    def put(item):
        while not stop.is_set():
            try:
                slots.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False
    it = source._elements()
    try:
        for element in it:
            if not put((element, None)):
                return
        put((_END, None))
    except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there
        put((None, exc))
    finally:
        getattr(it, "close", lambda: None)()


# leantf's own cache file: an .npz of raw arrays (never pickled objects), written once an
# iteration has run to the end. TF's cache files (.index/.data-*) are a different format.
CACHE_SUFFIX = ".leantf-cache.npz"
_CACHE_VERSION = 1


class CacheDataset(Dataset):
    _repr_name = "CacheDataset"

    def __init__(self, input_dataset, filename=""):
        super().__init__([input_dataset])
        if hasattr(filename, "numpy"):
            filename = filename.numpy()
        self._filename = filename.decode() if isinstance(filename, bytes) else os.fspath(filename)
        self._memory = None

    def _cardinality(self):
        return self._inputs[0]._cardinality()

    def _elements(self):
        if self._filename:
            path = self._filename + CACHE_SUFFIX
            if os.path.exists(path):
                yield from read_cache(path, self.element_spec)
                return
        elif self._memory is not None:
            yield from self._memory
            return
        collected = []
        for element in self._inputs[0]._elements():
            collected.append(element)
            yield element
        # Only a complete pass is kept: a partial one would silently truncate later epochs.
        if self._filename:
            write_cache(self._filename + CACHE_SUFFIX, collected, self.element_spec)
        else:
            self._memory = collected


def write_cache(path, elements, spec):
    n_components = len(structure.flatten(spec))
    columns = [[structure.flatten(e)[c] for e in elements] for c in range(n_components)]
    arrays = {"version": np.array(_CACHE_VERSION), "count": np.array(len(elements))}
    for c, parts in enumerate(columns):
        shapes = np.zeros((len(parts), parts[0].ndim if parts else 0), dtype=np.int64)
        for i, p in enumerate(parts):
            shapes[i] = p.shape
        arrays[f"c{c}_shapes"] = shapes
        if parts and parts[0].dtype == object:
            blobs = [b for p in parts for b in p.reshape(-1)]
            arrays[f"c{c}_lengths"] = np.array([len(b) for b in blobs], dtype=np.int64)
            arrays[f"c{c}_bytes"] = np.frombuffer(b"".join(blobs), dtype=np.uint8)
        else:
            arrays[f"c{c}_data"] = np.concatenate([p.reshape(-1) for p in parts]) if parts else np.zeros(0)
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    tmp = f"{path}.tmp-{os.getpid()}-{threading.get_ident()}.npz"
    np.savez(tmp, **arrays)
    os.replace(tmp, path)  # readers never see a half-written cache


def read_cache(path, spec):
    with np.load(path, allow_pickle=False) as data:
        if int(data["version"]) != _CACHE_VERSION:
            raise ValueError(f"{path} is not a cache file this version of leantf can read.")
        count = int(data["count"])
        specs = structure.flatten(spec)
        columns = []
        for c in range(len(specs)):
            shapes = data[f"c{c}_shapes"]
            sizes = [int(np.prod(s)) for s in shapes]
            if f"c{c}_bytes" in data.files:
                lengths, blob = data[f"c{c}_lengths"], data[f"c{c}_bytes"].tobytes()
                ends = np.cumsum(lengths)
                strings = [blob[e - n:e] for n, e in zip(lengths, ends)]
                flat = np.empty(len(strings), dtype=object)
                flat[:] = strings
            else:
                flat = data[f"c{c}_data"]
            offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
            columns.append([flat[offsets[i]:offsets[i + 1]].reshape(tuple(shapes[i])) for i in range(count)])
    template = spec
    for i in range(count):
        yield structure.pack(template, [col[i] for col in columns])
