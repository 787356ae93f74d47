"""leantf: TensorFlow 2 with Keras, re-built lean in Python on NumPy.

    import leantf as tf
"""
__version__ = "0.1.0"

from .framework import errors, nest  # noqa: E402
from .framework.dtypes import *  # noqa: F401,F403,E402
from .framework.dtypes import DType, as_dtype  # noqa: E402
from .framework.tensor_shape import TensorShape  # noqa: E402
from .framework.tensor import Tensor, convert_to_tensor, constant, is_tensor  # noqa: E402
from .framework.tensor import register_tensor_conversion_function  # noqa: E402
from .framework.variables import Variable, VariableSynchronization  # noqa: E402
from .framework.variables import VariableAggregationV2 as VariableAggregation  # noqa: E402
from .framework.tape import GradientTape, UnconnectedGradients, custom_gradient  # noqa: E402
from .framework.sparse_tensor import SparseTensor  # noqa: E402
from .framework.tensor_spec import TensorSpec  # noqa: E402
from .framework.function import function  # noqa: E402
from .framework.module import Module  # noqa: E402
from .framework.scopes import name_scope, init_scope  # noqa: E402
from .compat.v1 import executing_eagerly  # noqa: E402  (always True: leantf runs eagerly)

from . import ops as _ops  # noqa: E402  (registers primitives, installs operators)
from . import _api  # noqa: E402

globals().update(_api.collect("TOP"))
from .ops.control_flow import *  # noqa: F401,F403,E402  (cond, case, switch_case, while_loop, py_function, ...)
from . import math, linalg, nn, random, debugging, dtypes, bitwise  # noqa: E402,F401
from . import config  # noqa: E402,F401
from .initializers_compat import *  # noqa: F401,F403,E402

newaxis = None


_LAZY_MODULES = frozenset({"keras", "compat", "data", "io", "image", "train", "sparse", "autograph", "summary"})


def __getattr__(name):
    # Keras and other heavy namespaces load on first use so `import leantf` stays fast.
    if name in _LAZY_MODULES:
        import importlib
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'leantf' has no attribute '{name}'")
