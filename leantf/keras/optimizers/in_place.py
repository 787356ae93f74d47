"""Updating large optimizer states in place, a cache-sized chunk at a time.

Why: Adam's update is a dozen elementwise passes. For a variable larger than the CPU's
caches (the seed CNN's 3136x1024 kernel is 12.8 MB), each pass streams the arrays from
memory, and the update costs three times what the same passes cost on chunks that stay in
cache. Writing into the existing arrays also saves allocating three new ones per step.

When: only where nothing else can see the arrays. Values are immutable by convention in
leantf (a tensor read from a variable shares its array), so an array is updated in place
only when the variable holds the one reference to it; otherwise the caller's copying path
runs. The results are bit-identical either way: the same operations in the same order.
"""
import sys

import numpy as np

__all__ = ["CHUNK", "MIN_SIZE", "exclusively_owned", "chunk_bounds"]

CHUNK = 65536       # float32 elements per chunk: six 256 KB buffers stay in a 2 MB L2 cache
MIN_SIZE = 262144   # below this the arrays fit in cache anyway, and the copying path is as fast


class _Holder:
    pass


def _baseline_refcount():
    # What sys.getrefcount reports for an array held only by one object attribute, measured
    # the way exclusively_owned measures it (the count differs between Python versions).
    holder = _Holder()
    holder._value = np.zeros(2)
    return _refcount_of_value(holder)


def _refcount_of_value(holder):
    return sys.getrefcount(holder._value)


def exclusively_owned(var):
    """Whether ``var._value`` is a writable, contiguous array referenced by ``var`` alone."""
    a = var._value
    if type(a) is not np.ndarray or a.base is not None or not a.flags.writeable or not a.flags.c_contiguous:
        return False
    del a
    return _refcount_of_value(var) <= _BASELINE


_BASELINE = _baseline_refcount()


def chunk_bounds(n):
    return [(a, min(a + CHUNK, n)) for a in range(0, n, CHUNK)]
