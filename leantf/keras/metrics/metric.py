"""keras.metrics.Metric: state variables plus ``update_state`` / ``result`` / ``reset_state``.

As in Keras 3 a metric is not a layer: it owns non-trainable ``keras.Variable`` objects
(path ``<metric name>/<variable name>``) created with ``add_variable``/``add_weight``,
and any metric objects assigned to its attributes (their variables are its variables).

Metric updates run on every training step and never need gradients, so the built-in
metrics accumulate with NumPy on the variables' arrays (``accumulate``) whenever their
inputs are concrete; the variable's array is replaced, never written in place.
"""
import numpy as np

from ...framework.tensor import EagerTensor
from ...framework.tracing_state import TRACING
from ...ops.basic_ops import cast
from .. import naming
from ..losses.loss import _dtype_name
from ..variables import Variable

__all__ = ["Metric", "accumulate", "assign_array"]


class Metric:
    """Base class of metrics. Subclasses create their variables in ``__init__`` and
    implement ``update_state(...)`` and ``result()``."""

    def __init__(self, dtype=None, name=None):
        self.name = name or naming.uniquify(naming.to_snake_case(self.__class__.__name__))
        self._dtype = _dtype_name(dtype)
        self._metrics = []
        self._variables = []

    # -- state ------------------------------------------------------------------------------
    def __setattr__(self, name, value):
        # Keras tracks variables and metrics assigned to attributes (its Tracker).
        tracked = self.__dict__.get("_variables")
        if tracked is not None:
            if isinstance(value, Variable):
                if not any(v is value for v in tracked):
                    tracked.append(value)
            elif isinstance(value, Metric) and value is not self:
                if not any(m is value for m in self._metrics):
                    self._metrics.append(value)
        object.__setattr__(self, name, value)

    def _check_super_called(self):
        if "_variables" not in self.__dict__:
            raise RuntimeError("You forgot to call `super().__init__()` in the `__init__()` method. Go add it!")

    def add_variable(self, shape, initializer, dtype=None, aggregation="sum", name=None):
        """A non-trainable variable of this metric, at path ``<metric name>/<name>``.

        ``initializer`` is a Keras initializer name (``"zeros"``), an initializer object,
        or any callable ``(shape, dtype) -> value``.
        """
        self._check_super_called()
        from .. import initializers
        initializer = initializers.get(initializer)
        if initializer is None:
            # Keras hands None on to the variable, whose conversion fails with this text.
            raise ValueError("Attempt to convert a value (None) with an unsupported type "
                             "(<class 'NoneType'>) to a Tensor.")
        shape = () if shape is None else tuple(shape)
        if dtype is None:  # Keras variables made from an initializer default to floatx
            from .. import config
            dtype = config.floatx()
        scope = self.name.replace("/", ">")
        var_name = name or "variable"
        variable = Variable(initializer, shape=shape, dtype=dtype, trainable=False, aggregation=aggregation,
                            synchronization="on_read", name=var_name, path=f"{scope}/{var_name}")
        self._variables.append(variable)
        return variable

    def add_weight(self, shape=(), initializer=None, dtype=None, name=None):
        return self.add_variable(shape=shape, initializer=initializer, dtype=dtype, name=name)

    @property
    def variables(self):
        out = list(self._variables)
        for metric in self._metrics:
            out.extend(metric.variables)
        return out

    @property
    def dtype(self):
        return self._dtype

    # -- the protocol -----------------------------------------------------------------------
    def reset_state(self):
        """Set every state variable back to zero (called between epochs)."""
        for v in self.variables:
            assign_array(v, np.zeros(tuple(v.shape), dtype=v.dtype.np_dtype))

    def reset_states(self):
        # Keras 2's name. Keras 3.15 dropped it (its metrics raise AttributeError), but
        # tf.keras-era programs, the seed's among them, still call it; kept as an alias.
        return self.reset_state()

    def update_state(self, *args, **kwargs):
        raise NotImplementedError

    def result(self):
        raise NotImplementedError

    def __call__(self, *args, **kwargs):
        self._check_super_called()
        self.update_state(*args, **kwargs)
        return self.result()

    # -- config -----------------------------------------------------------------------------
    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def _obj_type(self):
        return "Metric"

    def __repr__(self):
        return f"<{self.__class__.__name__} name={self.name}>"

    def __str__(self):
        return self.__repr__()


def assign_array(var, array):
    """Replace ``var``'s value by ``array`` (already of its dtype and shape)."""
    var._assign_raw(array)


def accumulate(var, delta):
    """``var += delta``: in NumPy for concrete values, through ``assign_add`` for symbolic ones
    and while a step is being recorded for replay (framework/replay.py)."""
    if TRACING:
        var.assign_add(cast(delta, var.dtype))
        return
    if type(delta) is EagerTensor:
        delta = delta._value
    elif getattr(delta, "_is_symbolic", False):
        var.assign_add(delta)
        return
    new = var._value + delta
    np_dtype = var.dtype.np_dtype
    if new.dtype != np_dtype:  # e.g. an int64 count added to a float32 total
        new = new.astype(np_dtype)
    var._assign_raw(new)
