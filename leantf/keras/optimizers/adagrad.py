"""keras.optimizers.Adagrad: per-coordinate learning rates from the sum of squared gradients."""
import numpy as np

from .base_optimizer import Optimizer

__all__ = ["Adagrad"]


def _constant(value):
    def init(shape, dtype=None):
        return np.full(shape, value, dtype=dtype)
    return init


class Adagrad(Optimizer):
    """``a += g^2; w -= lr g / sqrt(a + eps)``, with ``a`` starting at ``initial_accumulator_value``."""
    _shape_error = ("AssignAddVariableOp", False, True)

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None, gradient_accumulation_steps=None,
                 name=None, **kwargs):
        super().__init__(learning_rate=learning_rate, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        self.initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._accumulators = self.add_optimizer_variables(
            var_list, "accumulator", initializer=_constant(self.initial_accumulator_value))
        self._slots = [(a,) for a in self._accumulators]

    def _coefficients(self, t, lr, step):
        return -t(lr), t(self.epsilon)

    def _update_raw(self, var, g, slots, c):
        acc_var = slots[0]
        acc = g * g
        acc += acc_var._value
        acc_var._assign_raw(acc)
        d = g * c[0]
        d /= np.sqrt(acc + c[1])
        d += var._value                     # w - lr g / sqrt(a + eps)
        var._assign_raw(d)

    def get_config(self):
        config = super().get_config()
        config.update({"initial_accumulator_value": self.initial_accumulator_value, "epsilon": self.epsilon})
        return config
