"""keras.optimizers.Nadam: Adam with Nesterov momentum (Dozat), with the momentum schedule
``u_t = b1 (1 - 0.5 * 0.96^t)`` and its running product kept in an optimizer variable."""
import numpy as np

from .. import naming
from ..variables import Variable as KerasVariable
from .adam import _AdamFamily
from .base_optimizer import _cast, _floatx

__all__ = ["Nadam"]


class Nadam(_AdamFamily):
    _prepares_step = True

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
        dtype = var_list[0].dtype if var_list else _floatx()
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(var_list, ["momentum", "velocity"])
        self._slots = list(zip(self._momentums, self._velocities))
        # Keras creates this one as an unnamed variable: auto-named, and under the optimizer's
        # name scope only when built from inside apply().
        name = naming.uniquify("variable")
        path = f"{self.name}/{name}" if self._in_apply_scope else name
        self._u_product = KerasVariable(1.0, dtype=dtype, trainable=True, name=name, path=path)

    def _prepare_step(self):
        u = self._u_product
        t = u._value.dtype.type
        step = t(self._local_step() + 1)
        u._assign_raw(u._value * t(self.beta_1) * (t(1.0) - t(0.5) * np.power(t(0.96), step)))

    def _coefficients(self, t, lr, step):
        decay, beta_1, beta_2 = _cast(0.96, t), _cast(self.beta_1, t), _cast(self.beta_2, t)
        local_step, next_step = t(step + 1), t(step + 2)
        u_t = beta_1 * (1.0 - 0.5 * np.power(decay, local_step))
        u_t_1 = beta_1 * (1.0 - 0.5 * np.power(decay, next_step))
        u_product_t = t(self._u_product._value)
        u_product_t_1 = u_product_t * u_t_1
        beta_2_power = np.power(beta_2, local_step)
        # Here Keras subtracts the already-cast betas, so ``1 - beta`` is rounded in the dtype.
        return (1 - beta_1, 1 - beta_2, u_t_1, 1 - u_product_t_1, 1 - u_t, 1 - u_product_t, 1 - beta_2_power,
                -t(lr), t(self.epsilon))

    def _update_raw(self, var, g, slots, c):
        c1, c2, u_t_1, den_next, one_minus_u_t, den, bias_2, neg_lr, eps = c
        m_var, v_var = slots
        m0, v0 = m_var._value, v_var._value
        m = g - m0
        m *= c1
        m += m0
        v = g * g
        v -= v0
        v *= c2
        v += v0
        m_var._assign_raw(m)
        v_var._assign_raw(v)
        m_hat = m * u_t_1
        m_hat /= den_next
        part = g * one_minus_u_t
        part /= den
        m_hat += part                       # u_{t+1} m / (1 - prod_{t+1}) + (1 - u_t) g / (1 - prod_t)
        d = np.sqrt(v / bias_2)
        d += eps
        m_hat *= neg_lr
        m_hat /= d
        m_hat += var._value                 # w - m_hat lr / (sqrt(v_hat) + eps)
        var._assign_raw(m_hat)
