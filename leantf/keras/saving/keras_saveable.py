"""KerasSaveable: the base of objects Keras saves whole (layers, models, losses, metrics,
optimizers).

Keras resolves a config's ``module.class_name`` by the class's *first* public name; any other
name of a class (``keras.models.Sequential`` for ``keras.Sequential``) resolves only if the
class is a KerasSaveable. Initializers, regularizers, constraints and plain functions are
not. leantf's Layer, Loss, Metric and Optimizer should inherit from this class so their
alias names resolve as in Keras.
"""

__all__ = ["KerasSaveable"]


class KerasSaveable:
    __slots__ = ()

    def _obj_type(self):
        raise NotImplementedError("KerasSaveable subclases must provide an implementation for `obj_type()`")
