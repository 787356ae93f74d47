"""Keras's automatic names: snake_case of the class name, made unique per session
(``dense``, ``dense_1``, ...). ``clear_session`` starts the counts over."""
import collections
import re

_counts = collections.defaultdict(int)


def to_snake_case(name):
    s = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    s = re.sub(r"([a-z])([A-Z])", r"\1_\2", s).lower()
    return s if not s.startswith("_") else "private" + s


def uniquify(base):
    n = _counts[base]
    _counts[base] += 1
    return base if n == 0 else f"{base}_{n}"


def reset():
    _counts.clear()
