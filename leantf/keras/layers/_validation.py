"""Argument checks shared by the layers, with Keras 3's exact messages.

Keras normalises ``kernel_size=3`` to ``(3, 3)`` (and so on) before anything else; its
configs then hold those tuples, which is why ``get_config`` returns tuples and JSON lists.
"""
import numpy as np

from ..config import standardize_data_format  # noqa: F401  (re-exported for the layers)

__all__ = ["standardize_tuple", "standardize_padding", "standardize_data_format", "shape_tuple"]


def standardize_tuple(value, n, name, allow_zero=False):
    """``value`` as a tuple of ``n`` ints (an int is repeated); Keras's texts on failure."""
    error_msg = f"The `{name}` argument must be a tuple of {n} integers. Received {name}={value}"
    if isinstance(value, int):
        value_tuple = (value,) * n
    else:
        try:
            value_tuple = tuple(value)
        except TypeError:
            raise ValueError(error_msg) from None
        if len(value_tuple) != n:
            raise ValueError(error_msg)
        for single_value in value_tuple:
            try:
                int(single_value)
            except (ValueError, TypeError):
                # Keras appends this with no separator; kept so the text matches.
                raise ValueError(error_msg + f"including element {single_value} of type "
                                             f"{type(single_value)}") from None
    if allow_zero:
        bad, req = {v for v in value_tuple if v < 0}, ">= 0"
    else:
        bad, req = {v for v in value_tuple if v <= 0}, "> 0"
    if bad:
        raise ValueError(error_msg + f", including values {bad} that do not satisfy `value {req}`")
    return value_tuple


def standardize_padding(value, allow_causal=False):
    if isinstance(value, (list, tuple)):
        return value
    padding = value.lower()
    # Keras prints the allowed values as a Python set literal; fixed order here so the
    # text does not depend on string hashing.
    if allow_causal:
        allowed, shown = ("valid", "same", "causal"), "{'valid', 'same', 'causal'}"
    else:
        allowed, shown = ("valid", "same"), "{'valid', 'same'}"
    if padding not in allowed:
        raise ValueError(f"The `padding` argument must be a list/tuple or one of {shown}. Received: {padding}")
    return padding


def shape_tuple(shape):
    """A TensorShape (or any shape) as the plain tuple Keras shows in its messages."""
    if hasattr(shape, "as_list"):
        return tuple(shape.as_list())
    return tuple(shape)


def np_repr(values):
    """How Keras prints an int sequence it turned into a NumPy array (``[1 1]``)."""
    return str(np.array(values))
