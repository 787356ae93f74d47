"""keras.optimizers.Adamax: Adam with the infinity norm in place of the second moment."""
import numpy as np

from .adam import _AdamFamily
from .base_optimizer import _cast

__all__ = ["Adamax"]


class Adamax(_AdamFamily):
    """``m += (g - m)(1 - b1); u = max(b2 u, |g|); w -= lr m / ((1 - b1^t)(u + eps))``."""

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None, gradient_accumulation_steps=None,
                 name=None, **kwargs):
        super().__init__(learning_rate=learning_rate, beta_1=beta_1, beta_2=beta_2, epsilon=epsilon, name=name,
                         weight_decay=weight_decay, clipnorm=clipnorm, clipvalue=clipvalue,
                         global_clipnorm=global_clipnorm, use_ema=use_ema, ema_momentum=ema_momentum,
                         ema_overwrite_frequency=ema_overwrite_frequency, loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._m, self._u = self.add_optimizer_variables(var_list, ["momentum", "norm"])
        self._slots = list(zip(self._m, self._u))

    def _coefficients(self, t, lr, step):
        beta_1_power = np.power(_cast(self.beta_1, t), t(step + 1))
        return t(1 - self.beta_1), t(self.beta_2), -t(lr), t(self.epsilon), 1 - beta_1_power

    def _update_raw(self, var, g, slots, c):
        one_minus_b1, b2, neg_lr, eps, bias = c
        m_var, u_var = slots
        m0 = m_var._value
        m = g - m0
        m *= one_minus_b1
        m += m0
        u = np.maximum(u_var._value * b2, np.abs(g))
        m_var._assign_raw(m)
        u_var._assign_raw(u)
        d = u + eps
        d *= bias
        step = m * neg_lr
        step /= d
        step += var._value                  # w - lr m / ((1 - b1^t)(u + eps))
        var._assign_raw(step)
