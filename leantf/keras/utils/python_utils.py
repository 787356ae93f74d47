"""Python-function (de)serialization used by ``__lambda__`` configs and the Lambda layer.

``func_load`` RUNS CODE: it rebuilds a function from marshalled bytecode. It must only be
reached after the caller checked that safe mode is off (``deserialize_keras_object`` and
``Lambda.from_config`` do). The format is Keras's: ``(base64 marshal of __code__, defaults,
closure values)``; marshalled code only loads on the CPython minor version that wrote it.
"""
import base64
import binascii
import marshal
import os
import types

__all__ = ["func_dump", "func_load", "to_list"]


def func_dump(func):
    """``(code, defaults, closure)`` of a Python function, ``code`` as base64 text."""
    raw = marshal.dumps(func.__code__)
    if os.name == "nt":  # Keras rewrites backslashes on Windows; kept for identical files
        raw = raw.replace(b"\\", b"/")
    code = base64.encodebytes(raw).decode("ascii")
    closure = tuple(c.cell_contents for c in func.__closure__) if func.__closure__ else None
    return code, func.__defaults__, closure


def _as_cell(value):
    if isinstance(value, types.CellType):
        return value
    return types.CellType(value)


def func_load(code, defaults=None, closure=None, globs=None):
    """Rebuild a function from ``func_dump`` output (unsafe: executes the given bytecode)."""
    if isinstance(code, (tuple, list)):  # the whole dump passed as one value
        code, defaults, closure = code
        if isinstance(defaults, list):
            defaults = tuple(defaults)
    if closure is not None:
        closure = tuple(_as_cell(v) for v in closure)
    try:
        raw = base64.decodebytes(code.encode("ascii"))
    except (UnicodeEncodeError, binascii.Error):
        raw = code.encode("raw_unicode_escape")
    code_obj = marshal.loads(raw)
    if globs is None:
        globs = globals()
    return types.FunctionType(code_obj, globs, name=code_obj.co_name, argdefs=defaults, closure=closure)


def to_list(x):
    """``x`` if it is a list, else ``[x]``."""
    return x if isinstance(x, list) else [x]
