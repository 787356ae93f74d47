"""keras.optimizers.Adam: adaptive moment estimation (Kingma & Ba), optionally AMSGrad."""
import numpy as np

from .base_optimizer import Optimizer, _cast
from .in_place import MIN_SIZE, CHUNK, chunk_bounds, exclusively_owned

__all__ = ["Adam"]


class _AdamFamily(Optimizer):
    """What Adam, Adamax and Nadam share: the ``beta_1``, ``beta_2`` and ``epsilon`` arguments
    and their config entries; all three use the step in their coefficients. Each subclass
    still spells out its own ``__init__`` (Keras's signature, forwarded here by keyword) so
    that argument errors name it, as in Keras."""
    _coefficients_use_step = True

    def __init__(self, learning_rate, beta_1, beta_2, epsilon, weight_decay, clipnorm, clipvalue, global_clipnorm,
                 use_ema, ema_momentum, ema_overwrite_frequency, loss_scale_factor, gradient_accumulation_steps,
                 name, **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config


class Adam(_AdamFamily):
    """``m += (g - m)(1 - b1); v += (g^2 - v)(1 - b2); w -= alpha m / (sqrt(v) + eps)`` with
    ``alpha = lr sqrt(1 - b2^t) / (1 - b1^t)``."""

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(learning_rate=learning_rate, beta_1=beta_1, beta_2=beta_2, epsilon=epsilon, name=name,
                         weight_decay=weight_decay, clipnorm=clipnorm, clipvalue=clipvalue,
                         global_clipnorm=global_clipnorm, use_ema=use_ema, ema_momentum=ema_momentum,
                         ema_overwrite_frequency=ema_overwrite_frequency, loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        self.amsgrad = amsgrad

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(var_list, ["momentum", "velocity"])
        if self.amsgrad:
            self._velocity_hats = self.add_optimizer_variables(var_list, "velocity_hat")
            self._slots = list(zip(self._momentums, self._velocities, self._velocity_hats))
        else:
            self._slots = list(zip(self._momentums, self._velocities))

    def _coefficients(self, t, lr, step):
        local_step = t(step + 1)
        beta_1_power = np.power(_cast(self.beta_1, t), local_step)
        beta_2_power = np.power(_cast(self.beta_2, t), local_step)
        alpha = t(lr) * np.sqrt(1 - beta_2_power) / (1 - beta_1_power)
        # ``1 - beta`` is a Python float in Keras, rounded to the dtype when it multiplies.
        return t(1 - self.beta_1), t(1 - self.beta_2), -alpha, t(self.epsilon)

    def _update_raw(self, var, g, slots, c):
        m_var, v_var = slots[0], slots[1]
        if (g.size >= MIN_SIZE and not self.amsgrad and g.flags.c_contiguous and exclusively_owned(var)
                and exclusively_owned(m_var) and exclusively_owned(v_var)):
            _update_in_chunks(var._value.reshape(-1), g.reshape(-1), m_var._value.reshape(-1),
                              v_var._value.reshape(-1), c)
            return
        m0, v0 = m_var._value, v_var._value
        m = g - m0
        m *= c[0]
        m += m0                 # m + (g - m) * (1 - beta_1)
        v = g * g
        v -= v0
        v *= c[1]
        v += v0                 # v + (g^2 - v) * (1 - beta_2)
        m_var._assign_raw(m)
        v_var._assign_raw(v)
        if self.amsgrad:
            v = np.maximum(slots[2]._value, v)
            slots[2]._assign_raw(v)
        d = np.sqrt(v)
        d += c[3]
        step = m * c[2]
        step /= d
        step += var._value      # w - (m * alpha) / (sqrt(v) + eps)
        var._assign_raw(step)

    def get_config(self):
        config = super().get_config()
        config["amsgrad"] = self.amsgrad
        return config


def _update_in_chunks(w, g, m, v, c):
    """``_update_raw``'s operations, in the same order, in place on cache-sized chunks
    (see in_place.py): bit-identical results at about a third of the memory traffic."""
    t_buf = np.empty(min(CHUNK, w.size), w.dtype)
    u_buf = np.empty_like(t_buf)
    for a, b in chunk_bounds(w.size):
        gc, mc, vc, wc = g[a:b], m[a:b], v[a:b], w[a:b]
        t, u = t_buf[:b - a], u_buf[:b - a]
        np.subtract(gc, mc, out=t)
        t *= c[0]
        mc += t                 # m + (g - m) * (1 - beta_1)
        np.multiply(gc, gc, out=t)
        t -= vc
        t *= c[1]
        vc += t                 # v + (g^2 - v) * (1 - beta_2)
        np.sqrt(vc, out=t)
        t += c[3]
        np.multiply(mc, c[2], out=u)
        u /= t
        wc += u                 # w - (m * alpha) / (sqrt(v) + eps)
