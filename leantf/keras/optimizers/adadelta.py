"""keras.optimizers.Adadelta: step sizes from running averages of squared gradients and updates."""
import numpy as np

from .base_optimizer import Optimizer

__all__ = ["Adadelta"]


class Adadelta(Optimizer):
    """``Eg = rho Eg + (1 - rho) g^2; dx = -sqrt(Edx + eps) g / sqrt(Eg + eps);
    Edx = rho Edx + (1 - rho) dx^2; w += lr dx``."""
    _shape_error = ("AddV2", False, True)

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-7, weight_decay=None, clipnorm=None,
                 clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None, gradient_accumulation_steps=None, name=None,
                 **kwargs):
        super().__init__(learning_rate=learning_rate, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        self.rho = rho
        self.epsilon = epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._accumulated_grads, self._accumulated_delta_vars = self.add_optimizer_variables(
            var_list, ["accumulated_grad", "accumulated_delta_var"])
        self._slots = list(zip(self._accumulated_grads, self._accumulated_delta_vars))

    def _coefficients(self, t, lr, step):
        return t(self.rho), t(1 - self.rho), -t(lr), t(self.epsilon)

    def _update_raw(self, var, g, slots, c):
        rho, one_minus_rho, neg_lr, eps = c
        eg_var, edx_var = slots
        eg = g * g
        eg *= one_minus_rho
        eg += eg_var._value * rho           # rho Eg + (1 - rho) g^2
        eg_var._assign_raw(eg)
        # |dx| = sqrt(Edx + eps) g / sqrt(Eg + eps), with Edx from before this step; the sign is
        # folded into the two uses below (dx^2 and w + lr dx), which is exact.
        dx = np.sqrt(edx_var._value + eps)
        dx *= g
        dx /= np.sqrt(eg + eps)
        edx = dx * dx
        edx *= one_minus_rho
        edx += edx_var._value * rho
        edx_var._assign_raw(edx)
        dx *= neg_lr
        dx += var._value
        var._assign_raw(dx)

    def get_config(self):
        config = super().get_config()
        config.update({"rho": self.rho, "epsilon": self.epsilon})
        return config
