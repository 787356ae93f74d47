"""Primitives and composite ops, by family. Importing this package registers every primitive
and installs the tensor operators."""
from . import basic_ops, math_ops, reduction_ops, linalg_ops, operators  # noqa: F401
