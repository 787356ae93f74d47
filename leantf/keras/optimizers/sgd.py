"""keras.optimizers.SGD: gradient descent, optionally with (Nesterov) momentum."""
from .base_optimizer import Optimizer, _cast

__all__ = ["SGD"]


class SGD(Optimizer):
    """``w -= lr * g``; with momentum ``m = momentum * m - lr * g; w += m``
    (Nesterov: ``w += momentum * m - lr * g``)."""

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, weight_decay=None, clipnorm=None,
                 clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None, gradient_accumulation_steps=None, name=None,
                 **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        if not isinstance(momentum, float) or momentum < 0 or momentum > 1:
            raise ValueError("`momentum` must be a float between [0, 1].")
        self.momentum = momentum
        self.nesterov = nesterov

    @property
    def _shape_error(self):
        # Without momentum the first op to see the gradient is the variable's assign_sub.
        return ("Sub", False, True) if self.momentum != 0 else ("AssignSubVariableOp", False, True)

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self.momentums = []
        if self.momentum != 0:
            self.momentums = self.add_optimizer_variables(variables, "momentum")
            self._slots = [(m,) for m in self.momentums]

    def _coefficients(self, t, lr, step):
        lr = t(lr)
        return -lr, lr, _cast(self.momentum, t)

    def _update_raw(self, var, g, slots, c):
        if not slots:
            d = g * c[0]        # v - g * lr
            d += var._value
            var._assign_raw(d)
            return
        m_var = slots[0]
        gl = g * c[1]
        m = m_var._value * c[2]
        m -= gl                 # m = m * momentum - g * lr
        m_var._assign_raw(m)
        if self.nesterov:
            d = m * c[2]
            d -= gl
            d += var._value     # v + (m * momentum - g * lr)
            var._assign_raw(d)
        else:
            var._assign_raw(var._value + m)

    def get_config(self):
        config = super().get_config()
        config.update({"momentum": self.momentum, "nesterov": self.nesterov})
        return config
