"""keras.optimizers.RMSprop: divide the gradient by a running root-mean-square of recent gradients."""
import numpy as np

from .base_optimizer import Optimizer

__all__ = ["RMSprop"]


class RMSprop(Optimizer):
    """``s = rho s + (1 - rho) g^2; w -= lr g / sqrt(s + eps)``; ``centered`` subtracts the squared
    running mean of g from s; ``momentum`` accumulates the increments."""
    _shape_error = ("AddV2", False, True)

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(learning_rate=learning_rate, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        # Separate calls, so Keras's variable order is all velocities, then momentums, then averages.
        self._velocities = self.add_optimizer_variables(var_list, "velocity")
        self._momentums = []
        if self.momentum > 0:
            self._momentums = self.add_optimizer_variables(var_list, "momentum")
        self._average_gradients = []
        if self.centered:
            self._average_gradients = self.add_optimizer_variables(var_list, "average_gradient")
        none = [None] * len(var_list)
        self._slots = list(zip(self._velocities, self._momentums or none, self._average_gradients or none))

    def _coefficients(self, t, lr, step):
        lr = t(lr)
        return t(self.rho), t(1 - self.rho), lr, -lr, t(self.epsilon), t(self.momentum)

    def _update_raw(self, var, g, slots, c):
        rho, one_minus_rho, lr, neg_lr, eps, momentum = c
        vel_var, mom_var, avg_var = slots
        vel = g * g
        vel *= one_minus_rho
        vel += vel_var._value * rho         # rho s + (1 - rho) g^2
        vel_var._assign_raw(vel)
        if avg_var is not None:
            avg = g * one_minus_rho
            avg += avg_var._value * rho
            avg_var._assign_raw(avg)
            denominator = vel - avg * avg
            denominator += eps
        else:
            denominator = vel + eps
        if mom_var is not None:
            increment = g * lr
            increment /= np.sqrt(denominator)
            mom = mom_var._value * momentum
            mom += increment
            mom_var._assign_raw(mom)
            var._assign_raw(var._value - mom)
        else:
            d = g * neg_lr
            d /= np.sqrt(denominator)
            d += var._value                 # w - lr g / sqrt(denominator)
            var._assign_raw(d)

    def get_config(self):
        config = super().get_config()
        config.update({"rho": self.rho, "momentum": self.momentum, "epsilon": self.epsilon,
                       "centered": self.centered})
        return config
