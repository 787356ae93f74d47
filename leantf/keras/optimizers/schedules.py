"""keras.optimizers.schedules: learning rates that change with the optimizer's step.

A schedule is called with the step (the optimizer's ``iterations`` variable, a tensor or a
Python int) and returns a scalar tensor. The built-in schedules compute their value with
NumPy scalars in the dtype of ``initial_learning_rate`` (float32 for a Python float),
following Keras's operation order so results match TensorFlow's float32 arithmetic; the
optimizer calls their ``_value_at`` directly so a schedule costs no tensor wrapping per step.
"""
import math

import numpy as np

from ...framework import dtypes
from ...framework.tensor import convert_to_tensor, wrap_as
from ..saving import serialization as _serialization

__all__ = ["LearningRateSchedule", "ExponentialDecay", "PiecewiseConstantDecay", "PolynomialDecay",
           "InverseTimeDecay", "CosineDecay", "CosineDecayRestarts", "serialize", "deserialize"]

_MODULE = "keras.optimizers.schedules"


def _raw(x):
    """A value (tensor, variable, NumPy or Python number) as an array with TF's dtype inference."""
    v = getattr(x, "_value", None)
    if v is not None and hasattr(x, "_dtype"):
        return np.asarray(v)
    return np.asarray(convert_to_tensor(x)._value)


def _cast(value, t):
    """``ops.cast`` on TF: a Python float passes through float32 on its way to the dtype."""
    return t(np.float32(value)) if type(value) is float else t(value)


def _float_type(initial_learning_rate):
    """The NumPy scalar type a schedule computes in: the dtype TF gives ``initial_learning_rate``."""
    dt = convert_to_tensor(initial_learning_rate).dtype
    return dt.np_dtype.type


class LearningRateSchedule:
    """Base class: subclasses implement ``__call__(step)`` and ``get_config()``."""

    def __call__(self, step):
        raise NotImplementedError(f"Learning rate schedule '{self.__class__.__name__}' must override "
                                  "`__call__(self, step)`.")

    def get_config(self):
        raise NotImplementedError(f"Learning rate schedule '{self.__class__.__name__}' must override "
                                  "`get_config()` in order to be serializable.")

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class _NumpySchedule(LearningRateSchedule):
    """Built-in schedules: ``_value_at(step_array)`` returns a NumPy scalar; ``__call__`` wraps it."""

    def __call__(self, step):
        value = self._value_at(_raw(step))
        return wrap_as(value, dtypes.from_numpy(value.dtype))


def _check_steps(arg, value):
    if value <= 0:
        raise ValueError(f"Argument `{arg}` must be > 0. Received: {arg}={value}")


class _RateDecay(_NumpySchedule):
    """ExponentialDecay and InverseTimeDecay: the same arguments, config and decay progress
    ``p = step / decay_steps`` (floored with ``staircase``); ``_decayed(t, p)`` is the rate."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase, name):
        super().__init__()
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name
        _check_steps("decay_steps", decay_steps)

    def _value_at(self, step):
        t = _float_type(self.initial_learning_rate)
        p = t(step) / _cast(self.decay_steps, t)
        if self.staircase:
            p = np.floor(p)
        return self._decayed(t, p)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "decay_rate": self.decay_rate, "staircase": self.staircase, "name": self.name}


class ExponentialDecay(_RateDecay):
    """``initial_learning_rate * decay_rate ** (step / decay_steps)`` (floored with ``staircase``)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name="ExponentialDecay"):
        super().__init__(initial_learning_rate, decay_steps, decay_rate, staircase, name)

    def _decayed(self, t, p):
        return t(self.initial_learning_rate) * np.power(_cast(self.decay_rate, t), p)


class PiecewiseConstantDecay(_NumpySchedule):
    """``values[i]`` on the i-th interval: ``step <= boundaries[0]``, then ``(b[i-1], b[i]]``, ..."""

    def __init__(self, boundaries, values, name="PiecewiseConstant"):
        super().__init__()
        if len(boundaries) != len(values) - 1:
            raise ValueError("The length of boundaries should be 1 less than the length of values. Received: "
                             f"boundaries={boundaries} of length {len(boundaries)}, and values={values} "
                             f"of length {len(values)}.")
        self.boundaries = boundaries
        self.values = values
        self.name = name

    def _value_at(self, step):
        # Keras casts the boundaries to the step's dtype (an int64 step truncates float boundaries).
        bounds = [_raw(b).astype(step.dtype) for b in self.boundaries]
        out_type = _raw(self.values[0]).dtype.type
        k = 0
        while k < len(bounds) and step > bounds[k]:
            k += 1
        return out_type(_raw(self.values[k]))

    def get_config(self):
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}


class PolynomialDecay(_NumpySchedule):
    """``(initial - end) * (1 - step / decay_steps) ** power + end``, optionally cycling."""

    def __init__(self, initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0, cycle=False,
                 name="PolynomialDecay"):
        super().__init__()
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name
        _check_steps("decay_steps", decay_steps)

    def _value_at(self, step):
        t = _float_type(self.initial_learning_rate)
        initial, end = t(self.initial_learning_rate), _cast(self.end_learning_rate, t)
        step, decay_steps = t(step), _cast(self.decay_steps, t)
        if self.cycle:
            multiplier = t(1.0) if step == 0 else np.ceil(step / t(self.decay_steps))
            decay_steps = decay_steps * multiplier
        else:
            step = np.minimum(step, decay_steps)
        p = step / decay_steps
        return (initial - end) * np.power(t(1) - p, _cast(self.power, t)) + end

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "end_learning_rate": self.end_learning_rate, "power": self.power, "cycle": self.cycle,
                "name": self.name}


class InverseTimeDecay(_RateDecay):
    """``initial_learning_rate / (1 + decay_rate * step / decay_steps)`` (floored with ``staircase``)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name="InverseTimeDecay"):
        super().__init__(initial_learning_rate, decay_steps, decay_rate, staircase, name)

    def _decayed(self, t, p):
        return t(self.initial_learning_rate) / (t(1) + _cast(self.decay_rate, t) * p)


class CosineDecay(_NumpySchedule):
    """Optional linear warmup to ``warmup_target``, then cosine decay to ``alpha`` times the peak."""

    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name="CosineDecay", warmup_target=None,
                 warmup_steps=0):
        super().__init__()
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.name = name
        self.warmup_steps = warmup_steps
        self.warmup_target = warmup_target
        _check_steps("decay_steps", decay_steps)

    def _decay(self, t, step, decay_steps, peak):
        completed = step / decay_steps
        cosine = 0.5 * (1.0 + np.cos(t(math.pi) * completed))
        # ``1 - alpha`` is a Python float in Keras, rounded to the dtype only when multiplied.
        return peak * (t(1 - self.alpha) * cosine + t(self.alpha))

    def _value_at(self, step):
        t = _float_type(self.initial_learning_rate)
        initial = t(self.initial_learning_rate)
        decay_steps = _cast(self.decay_steps, t)
        step = t(step)
        if self.warmup_target is None:
            return self._decay(t, np.minimum(step, decay_steps), decay_steps, initial)
        target, warmup_steps = _cast(self.warmup_target, t), _cast(self.warmup_steps, t)
        step = np.minimum(step, decay_steps + warmup_steps)
        if step < warmup_steps:
            return (target - initial) * (step / warmup_steps) + initial
        return self._decay(t, step - warmup_steps, decay_steps, target)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "alpha": self.alpha, "name": self.name, "warmup_target": self.warmup_target,
                "warmup_steps": self.warmup_steps}


class CosineDecayRestarts(_NumpySchedule):
    """Cosine decay with warm restarts (SGDR): periods grow by ``t_mul``, peaks shrink by ``m_mul``."""

    def __init__(self, initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0,
                 name="SGDRDecay"):
        super().__init__()
        self.initial_learning_rate = initial_learning_rate
        self.first_decay_steps = first_decay_steps
        self._t_mul = t_mul
        self._m_mul = m_mul
        self.alpha = alpha
        self.name = name
        _check_steps("first_decay_steps", first_decay_steps)

    def _value_at(self, step):
        t = _float_type(self.initial_learning_rate)
        alpha, t_mul, m_mul = _cast(self.alpha, t), _cast(self._t_mul, t), _cast(self._m_mul, t)
        completed = t(step) / _cast(self.first_decay_steps, t)
        if t_mul == 1.0:
            i_restart = np.floor(completed)
            completed = completed - i_restart
        else:
            i_restart = np.floor(np.log(t(1.0) - completed * (t(1.0) - t_mul)) / np.log(t_mul))
            sum_r = (t(1.0) - np.power(t_mul, i_restart)) / (t(1.0) - t_mul)
            completed = (completed - sum_r) / np.power(t_mul, i_restart)
        m_fac = np.power(m_mul, i_restart)
        cosine = t(0.5) * m_fac * (t(1.0) + np.cos(t(math.pi) * completed))
        return t(self.initial_learning_rate) * ((t(1) - alpha) * cosine + alpha)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate, "first_decay_steps": self.first_decay_steps,
                "t_mul": self._t_mul, "m_mul": self._m_mul, "alpha": self.alpha, "name": self.name}


_BUILTINS = {c.__name__: c for c in (LearningRateSchedule, ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay,
                                     InverseTimeDecay, CosineDecay, CosineDecayRestarts)}
for _cls in _BUILTINS.values():
    _serialization.register_builtin(_MODULE, _cls)


def serialize(learning_rate_schedule):
    """Keras 3's dict form: ``{"module", "class_name", "config", "registered_name"}``."""
    return _serialization.serialize_keras_object(learning_rate_schedule)


def deserialize(config, custom_objects=None):
    """A schedule from ``serialize``'s dict. Like Keras, an unknown class name comes back as the
    name itself (Keras treats such a value as "already deserialized")."""
    return _serialization.deserialize_keras_object(config, module_objects=_BUILTINS, custom_objects=custom_objects,
                                                   printable_module_name="decay")
