"""keras.optimizers.Optimizer: the Keras 3 optimizer base, with a fused NumPy update path.

Behaviour (argument checks, messages, variable names, paths and order, config) follows
Keras 3.15 on the TensorFlow backend. Speed comes from the built-in optimizers' fused path:
each step reads the raw arrays of gradients, variables and slots, computes the new values
with NumPy (no tape, no tensor objects), and stores fresh arrays with ``_assign_raw``.
Arrays already stored in a variable are never written to, so a tensor read earlier keeps its
value; in-place NumPy operators are used only on temporaries created in the same step.

The float32 results match TensorFlow's: constants are cast to the variable's dtype exactly
where Keras casts them, and expressions keep Keras's operation order. Two rewrites are
exact in IEEE arithmetic and save an array per update: ``x + y == y + x`` and
``v - a * b == v + a * (-b)``.

A subclass that overrides ``update_step`` (or another per-step hook) runs the generic path:
gradients are passed to its ``update_step`` as tensors, as Keras does.
"""
import re
import warnings

import numpy as np

from ...framework import dtypes, errors
from ...framework.tensor import EagerTensor, convert_to_tensor, wrap_as
from .. import naming
from ..saving import serialization as _serialization
from ..variables import Variable as KerasVariable
from . import schedules as _schedules

__all__ = ["Optimizer"]

_LearningRateSchedule = _schedules.LearningRateSchedule
_ndarray = np.ndarray
_int64 = dtypes.int64


def _floatx():
    try:
        from .. import config as _config
        return _config.floatx()
    except (ImportError, AttributeError):
        return "float32"


def _cast(value, t):
    """``ops.cast(value, dtype)`` as Keras does it on TF: a Python float becomes a float32 tensor
    first, so a float64 variable sees the constant rounded to float32 (``0.999`` -> 0.99900001...)."""
    return t(np.float32(value)) if type(value) is float else t(value)


def _to_raw(value):
    """The NumPy value of a gradient-like object (tensor, variable, IndexedSlices, array, number)."""
    if isinstance(value, EagerTensor) or getattr(value, "_is_variable", False):
        return value._value
    if getattr(value, "_is_symbolic", False):
        raise TypeError("leantf optimizers update variables eagerly: call `apply_gradients` with concrete "
                        "gradients, outside of a traced `tf.function`.")
    if hasattr(value, "indices") and hasattr(value, "values") and hasattr(value, "dense_shape"):
        # IndexedSlices (sparse gradient of a gather): the dense sum gives the same update.
        vals = np.asarray(value.values)
        dense = np.zeros(tuple(int(d) for d in np.asarray(value.dense_shape)), dtype=vals.dtype)
        np.add.at(dense, np.asarray(value.indices), vals)
        return dense
    return convert_to_tensor(value)._value


def _dims(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def _clip_by_norm(a, clip_norm):
    """tf.clip_by_norm: ``a * clip_norm / max(||a||, clip_norm)`` (computed even below the norm)."""
    t = a.dtype.type
    l2sum = np.sum(a * a)
    l2norm = np.sqrt(l2sum) if l2sum > 0 else l2sum
    c = t(clip_norm)
    return (a * c) / np.maximum(l2norm, c)


def _clip_by_global_norm(raws, clip_norm):
    """Keras's clip_by_global_norm: one scale for all gradients; NaN/inf norms make it NaN."""
    norm = np.sqrt(np.sum(np.stack([np.sum(a * a) for a in raws])))
    t = norm.dtype.type
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = t(clip_norm) * np.minimum(t(1.0) / norm, t(1.0 / clip_norm))
        scale = scale + (norm - norm)
    return [a * scale for a in raws]


# Per-step hooks: a class that overrides any of them outside this package takes the generic path.
_HOOKS = ("update_step", "_backend_update_step", "_clip_gradients", "_apply_weight_decay", "assign",
          "assign_add", "assign_sub", "_update_model_variables_moving_average", "_get_current_learning_rate")
_FUSABLE = {}


def _fusable(cls):
    ok = _FUSABLE.get(cls)
    if ok is None:
        ok = getattr(cls, "_update_raw", None) is not None
        for hook in _HOOKS:
            owner = next(k for k in cls.__mro__ if hook in k.__dict__)
            ok = ok and owner.__module__.startswith(__package__)
        _FUSABLE[cls] = ok
    return ok


class Optimizer:
    """Abstract optimizer base class (keras.optimizers.Optimizer).

    Subclasses override ``build`` (create slots with ``add_variable_from_reference`` or
    ``add_optimizer_variables``), ``update_step(gradient, variable, learning_rate)`` and
    ``get_config``. Built-in optimizers instead define ``_coefficients`` and ``_update_raw``,
    the fused NumPy form of the same update.
    """

    # Whether ``_coefficients`` depends on the step (bias corrections) or only on dtype and rate.
    _coefficients_use_step = False
    # TF op whose shape error a mismatched gradient raises: (op, gradient first, " name: " suffix).
    _shape_error = ("Sub", True, False)

    def __init__(self, learning_rate, weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        self._lock = False
        if kwargs.pop("decay", None) is not None:
            warnings.warn("Argument `decay` is no longer supported and will be ignored.")
        if kwargs:
            raise ValueError(f"Argument(s) not recognized: {kwargs}")
        if name is None:
            name = naming.uniquify(naming.to_snake_case(self.__class__.__name__))
        self.name = name
        self.weight_decay = weight_decay
        self.clipnorm = clipnorm
        self.global_clipnorm = global_clipnorm
        self.clipvalue = clipvalue
        self.use_ema = use_ema
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = gradient_accumulation_steps
        if gradient_accumulation_steps and not gradient_accumulation_steps >= 2:
            raise ValueError("`gradient_accumulation_steps` must be an integer >= 2. Received: "
                             f"gradient_accumulation_steps={gradient_accumulation_steps}")
        if use_ema:
            if ema_momentum > 1 or ema_momentum < 0:
                raise ValueError(f"`ema_momentum` must be in the range [0, 1]. Received: ema_momentum={ema_momentum}")
            if ema_overwrite_frequency and (not isinstance(ema_overwrite_frequency, int)
                                            or ema_overwrite_frequency < 1):
                raise ValueError("`ema_overwrite_frequency` must be an integer >= 1 or None. Received: "
                                 f"ema_overwrite_frequency={ema_overwrite_frequency}")
        self.ema_momentum = ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        if sum(a is not None for a in (clipnorm, clipvalue, global_clipnorm)) > 1:
            raise ValueError("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: "
                             f"clipnorm={clipnorm}, clipvalue={clipvalue}, global_clipnorm={global_clipnorm}")
        self.built = False
        self._variables = []
        self._trainable_variables = []
        self._trainable_variables_indices = {}
        self._slots = []
        self._known = None          # (ids of the last variable list, their indices): skips re-checking
        self._in_apply_scope = False
        self._iterations = self._make_variable(0, "int64", "iteration")
        if isinstance(learning_rate, _LearningRateSchedule) or callable(learning_rate):
            self._learning_rate = learning_rate
        else:
            if not isinstance(learning_rate, float):
                raise ValueError("Argument `learning_rate` should be float, or an instance of LearningRateSchedule, "
                                 "or a callable (that takes in the current iteration value and returns the "
                                 f"corresponding learning rate value). Received instead: learning_rate={learning_rate}")
            self._learning_rate = self._make_variable(learning_rate, _floatx(), "learning_rate")

    def _make_variable(self, value, dtype, name):
        var = KerasVariable(value, dtype=dtype, trainable=False, name=name, path=f"{self.name}/{name}")
        self._track_variable(var)
        return var

    # -- variable tracking ----------------------------------------------------
    def __setattr__(self, name, value):
        # Keras tracks every keras.Variable (or list of them) set as an attribute.
        if name != "_lock":
            self._check_super_called()
        if "_variables" in self.__dict__:
            if isinstance(value, KerasVariable):
                self._track_variable(value)
            elif isinstance(value, (list, tuple)) and name != "_trainable_variables":
                for v in value:
                    if isinstance(v, KerasVariable):
                        self._track_variable(v)
        object.__setattr__(self, name, value)
        if not name.startswith("_"):
            # A changed hyperparameter (momentum, beta_1, ...) invalidates the cached update constants.
            object.__setattr__(self, "_coefficient_cache", None)

    def _track_variable(self, variable):
        ids = self.__dict__.setdefault("_tracked_ids", set())
        if id(variable) not in ids:
            ids.add(id(variable))
            self._variables.append(variable)

    def _untrack_variable(self, variable):
        self._tracked_ids.discard(id(variable))
        self._variables[:] = [v for v in self._variables if v is not variable]

    def _check_super_called(self):
        if "_lock" not in self.__dict__:
            raise RuntimeError(f"In optimizer '{self.__class__.__name__}', you forgot to call `super().__init__()` "
                               "as the first statement in the `__init__()` method. Go add it!")

    @property
    def variables(self):
        return self._variables[:]

    @property
    def iterations(self):
        if self.gradient_accumulation_steps:
            return wrap_as(np.int64(int(self._iterations._value) // self.gradient_accumulation_steps), _int64)
        return self._iterations

    def _local_step(self):
        """``iterations`` as an int, as the update formulas see it (accumulation steps counted once)."""
        step = int(self._iterations._value)
        return step // self.gradient_accumulation_steps if self.gradient_accumulation_steps else step

    # -- building -------------------------------------------------------------
    def build(self, variables):
        set_ = object.__setattr__  # Keras does not track the model's variables in the optimizer
        if self.use_ema:
            set_(self, "_model_variables_moving_average", self.add_optimizer_variables(variables, "average"))
        if self.gradient_accumulation_steps:
            set_(self, "_accumulated_gradients", [])
        for i, variable in enumerate(variables):
            self._trainable_variables_indices[self._var_key(variable)] = i
            if self.gradient_accumulation_steps:
                self._accumulated_gradients.append(
                    self.add_variable_from_reference(variable, name="gradient_accumulator"))
        set_(self, "_trainable_variables", variables[:])
        set_(self, "_slots", [()] * len(variables))
        set_(self, "_any_constraint", any(v.constraint is not None for v in variables))
        set_(self, "_any_overwrite", any(self._overwrite_variable_with_gradient(v) for v in variables))
        set_(self, "_known", None)
        set_(self, "_fused", _fusable(type(self)))
        set_(self, "_coefficient_cache", None)
        self.built = True

    def _var_key(self, variable):
        return variable._unique_id

    def _get_variable_index(self, variable):
        return self._trainable_variables_indices[self._var_key(variable)]

    def _overwrite_variable_with_gradient(self, variable):
        return getattr(variable, "overwrite_with_gradient", False)

    def add_variable(self, shape, initializer="zeros", dtype=None, aggregation="none", layout=None, name=None):
        """A non-trainable keras.Variable of the optimizer, at path ``<optimizer name>/<name>``."""
        self._check_super_called()
        dtype = dtypes.as_dtype(dtype if dtype is not None else _floatx())
        shape = tuple(int(d) for d in shape)
        if isinstance(initializer, str) and initializer in ("zeros", "ones"):
            value = (np.zeros if initializer == "zeros" else np.ones)(shape, dtype.np_dtype)
        else:
            if isinstance(initializer, str):
                from .. import initializers
                initializer = initializers.get(initializer)
            value = np.asarray(initializer(shape, dtype=dtype.name), dtype=dtype.np_dtype)
        if name is None:
            name = naming.uniquify("variable")
        variable = KerasVariable(value, dtype=dtype, trainable=False, aggregation=aggregation, name=name,
                                 path=f"{self.name}/{name}")
        self._track_variable(variable)
        return variable

    def add_variable_from_reference(self, reference_variable, name=None, initializer="zeros"):
        """A slot shaped like ``reference_variable``, named after its path (or its TF name)."""
        name = name or "var"
        if hasattr(reference_variable, "path"):
            name = f"{reference_variable.path.replace('/', '_')}_{name}"
        else:
            name = f"{str(reference_variable.name).replace('/', '_').replace(':', '_')}_{name}"
        return self.add_variable(shape=reference_variable.shape, initializer=initializer,
                                 dtype=reference_variable.dtype, name=name)

    def add_optimizer_variables(self, trainable_variables, name, initializer="zeros"):
        """One slot per variable for each name; several names are created interleaved per variable."""
        names = [name] if isinstance(name, str) else list(name)
        if isinstance(name, str):
            inits = [initializer]
        elif isinstance(initializer, str) or not isinstance(initializer, (list, tuple)):
            inits = [initializer] * len(names)
        else:
            inits = list(initializer)
        if len(names) != len(inits):
            raise ValueError("The number of provided names must match the number of provided initializers.  "
                             f"Received name='{name}', initializer='{initializer}'")
        out = tuple([] for _ in names)
        for variable in trainable_variables:
            overwrite = self._overwrite_variable_with_gradient(variable)
            for k, (n, init) in enumerate(zip(names, inits)):
                out[k].append(None if overwrite else
                              self.add_variable_from_reference(variable, name=n, initializer=init))
        return out[0] if isinstance(name, str) else out

    def _check_variables_are_known(self, variables):
        for v in variables:
            if self._var_key(v) not in self._trainable_variables_indices:
                raise ValueError(f"Unknown variable: {v}. This optimizer can only be called for the variables it "
                                 "was originally built with. When working with a new set of variables, you should "
                                 "recreate a new optimizer instance.")

    # -- assignment helpers (generic path; Keras's API for custom optimizers) ---
    def assign(self, variable, value):
        variable.assign(self._cast_for(variable, value))

    def assign_add(self, variable, value):
        variable.assign_add(self._cast_for(variable, value))

    def assign_sub(self, variable, value):
        variable.assign_sub(self._cast_for(variable, value))

    @staticmethod
    def _cast_for(variable, value):
        raw = _to_raw(value)
        dt = variable._value.dtype
        raw = raw if raw.dtype == dt else raw.astype(dt)
        return wrap_as(raw, dtypes.from_numpy(dt))

    # -- applying gradients -----------------------------------------------------
    def apply_gradients(self, grads_and_vars):
        grads, trainable_variables = zip(*grads_and_vars)
        self.apply(grads, trainable_variables)
        return self._iterations  # tf.keras compatibility

    def apply(self, grads, trainable_variables=None):
        """Updates the variables from their gradients (``None`` gradients are skipped with a warning).

        This is the per-step hot path, so it is written as one flat method: a Python call costs
        about as much as a scalar update.
        """
        if len(grads) == 0:
            return
        if trainable_variables is None:
            if not self.built:
                raise ValueError("When passing `grads` without `variables`, the optimizer must already be built on "
                                 "a list of variables. Call `optimizer.build(trainable_variables)` first. ")
            if len(grads) != len(self._trainable_variables_indices):
                raise ValueError("When passing `grads` as a list of gradient tensors, the gradients must match "
                                 f"`optimizer.variables` one-to-on. Received a list of {len(grads)} gradients, but "
                                 f"the optimizer is tracking {len(self._trainable_variables)} trainable variables.")
            variables = self._trainable_variables
            indices = range(len(variables))
        else:
            variables = trainable_variables if type(trainable_variables) in (list, tuple) \
                else list(trainable_variables)
            # The same variables as last step (by identity) were already checked: reuse their indices.
            known = self._known
            hit = known is not None and len(known[0]) == len(variables)
            if hit:
                for x, y in zip(known[0], variables):
                    if x is not y:
                        hit = False
                        break
            if hit:
                indices = known[1]
            else:
                indices = self._index_variables(variables)

        # Raw gradient arrays in the variables' dtypes, for the variables that have one.
        raws, vs, ix = [], [], []
        missing = None
        for g, v, i in zip(grads, variables, indices):
            if g is None:
                if missing is None:
                    missing = []
                missing.append(v)
                continue
            a = g._value if type(g) is EagerTensor else _to_raw(g)
            val = v._value
            if a.dtype is not val.dtype and a.dtype != val.dtype:
                a = a.astype(val.dtype)
            if a.shape != val.shape:
                a = self._fit_shape(a, val.shape)
            elif type(a) is _ndarray and not a.ndim:
                a = a[()]  # NumPy scalars compute ~5x faster than 0-d arrays
            raws.append(a)
            vs.append(v)
            ix.append(i)
        val = None  # a reference to a variable's array would keep it from being updated in place
        if not raws:
            raise ValueError("No gradients provided for any variable.")
        if missing is not None:
            names = [getattr(v, "path", None) or v.name for v in missing]
            warnings.warn(f"Gradients do not exist for variables {names} when minimizing the loss. If using "
                          "`model.compile()`, did you forget to provide a `loss` argument?")
        if self._any_overwrite:
            raws, vs, ix = self._overwrite_variables_directly_with_gradients(raws, vs, ix)

        if raws:
            if self.loss_scale_factor is not None:
                raws = [a / self.loss_scale_factor for a in raws]
            if self.gradient_accumulation_steps:
                self._accumulate_or_update(raws, vs, ix)
            elif self._fused:
                self._update_fused(raws, vs, ix)
            else:
                self._update_generic(raws, vs)
            if self.use_ema:
                self._ema_step()
            if self._any_constraint:
                for v in vs:
                    if v.constraint is not None:
                        v.assign(v.constraint(v))
        it = self._iterations
        it._assign_raw(it._value + 1)

    def _index_variables(self, variables):
        """Builds on first use, checks the variables are known, and remembers them for the next step."""
        if not self.built:
            object.__setattr__(self, "_in_apply_scope", True)
            try:
                self.build(list(variables))
            finally:
                object.__setattr__(self, "_in_apply_scope", False)
            self.built = True
        self._check_variables_are_known(variables)
        indices = [self._get_variable_index(v) for v in variables]
        object.__setattr__(self, "_known", (tuple(variables), indices))
        return indices

    def _fit_shape(self, a, var_shape):
        """Broadcast a gradient where TF's update would; otherwise raise the first failing op's error."""
        op, grad_first, named = self._shape_error
        try:
            fits = np.broadcast_shapes(a.shape, var_shape) == tuple(var_shape)
        except ValueError:
            fits = False
        if fits and not op.startswith("Assign"):
            return np.broadcast_to(a, var_shape)
        if op.startswith("Assign"):
            detail = (f"Cannot update variable with shape {_dims(var_shape)} using a Tensor with shape "
                      f"{_dims(a.shape)}, shapes must be equal.")
        else:
            first, second = (a.shape, var_shape) if grad_first else (var_shape, a.shape)
            detail = f"Incompatible shapes: {_dims(first)} vs. {_dims(second)}"
        raise errors.InvalidArgumentError(None, None, errors.eager_message(op, detail, name="" if named else None))

    def _overwrite_variables_directly_with_gradients(self, raws, vs, ix):
        keep = ([], [], [])
        for a, v, i in zip(raws, vs, ix):
            if self._overwrite_variable_with_gradient(v):
                v._assign_raw(a)
            else:
                for lst, x in zip(keep, (a, v, i)):
                    lst.append(x)
        return keep

    def _update(self, raws, vs, ix):
        """Clipping, weight decay and the update step, for gradients of variables ``vs``."""
        if self._fused:
            self._update_fused(raws, vs, ix)
        else:
            self._update_generic(raws, vs)

    def _update_generic(self, raws, vs):
        grads = [wrap_as(a, dtypes.from_numpy(a.dtype)) for a in raws]
        grads = self._clip_gradients(grads)
        self._apply_weight_decay(vs)
        self._backend_update_step(grads, vs, self.learning_rate)

    def _update_fused(self, raws, vs, ix):
        if self.clipnorm or self.global_clipnorm or self.clipvalue:
            raws = self._clip_raw(raws)
        lr = self._learning_rate
        lr = lr._value[()] if type(lr) is KerasVariable else self._lr_raw()
        if self.weight_decay is not None:
            self._decay_raw(vs, lr)
        if self._prepares_step:
            self._prepare_step()
        step = self._local_step() if self._coefficients_use_step else 0
        slots = self._slots
        update = self._update_raw
        # The per-step constants, recomputed only when the dtype, rate or step changes.
        cached = self._coefficient_cache
        for a, v, i in zip(raws, vs, ix):
            dt = a.dtype
            if cached is None or cached[0] is not dt or cached[1] != lr or cached[2] != step:
                cached = (dt, lr, step, self._coefficients(dt.type, lr, step))
                object.__setattr__(self, "_coefficient_cache", cached)
            update(v, a, slots[i], cached[3])

    # Whether the class has per-step work before the per-variable updates (``_prepare_step``).
    _prepares_step = False

    def _prepare_step(self):
        """Per-step work before the per-variable updates (Nadam's momentum-schedule product)."""

    def _backend_update_step(self, grads, trainable_variables, learning_rate):
        self._prepare_step()
        for grad, var in zip(grads, trainable_variables):
            self.update_step(grad, var, learning_rate)

    def update_step(self, gradient, variable, learning_rate):
        """One variable's update. Built-in optimizers run their fused form on raw values."""
        if getattr(self, "_update_raw", None) is None:
            raise NotImplementedError
        a = _to_raw(gradient)
        val = variable._value
        if a.dtype != val.dtype:
            a = a.astype(val.dtype)
        if a.shape != val.shape:
            a = self._fit_shape(a, val.shape)
        lr = np.asarray(_to_raw(learning_rate))[()]
        c = self._coefficients(val.dtype.type, lr, self._local_step())
        self._update_raw(variable, a, self._slots[self._get_variable_index(variable)], c)

    def _accumulate_or_update(self, raws, vs, ix):
        steps = self.gradient_accumulation_steps
        accs = [self._accumulated_gradients[i] for i in ix]
        if (int(self._iterations._value) + 1) % steps == 0:
            raws = [(a + acc._value) / steps for a, acc in zip(raws, accs)]
            self._update(raws, vs, ix)
            for acc in self._accumulated_gradients:
                if acc is not None:
                    acc._assign_raw(np.zeros_like(acc._value))
        else:
            for a, acc in zip(raws, accs):
                acc._assign_raw(a + acc._value)

    def stateless_apply(self, optimizer_variables, grads, trainable_variables):
        raise ValueError("stateless_apply is not supported with the TensorFlow backend (as it is incompatible "
                         "with tf.distribute).")

    def minimize(self, loss, var_list, tape=None):
        """Computes gradients of ``loss`` (a callable, or a tensor recorded on ``tape``) and applies them.

        Keras 3 dropped this tf.keras 2 method; leantf keeps it for code written against tf.keras 2.
        """
        from ...framework.tape import GradientTape
        if not callable(loss) and tape is None:
            raise ValueError(f"`tape` is required when a `Tensor` loss is passed. Received: loss={loss}, "
                             f"tape={tape}.")
        if callable(loss):
            tape = tape if tape is not None else GradientTape()
            with tape:
                if not callable(var_list):
                    tape.watch(var_list)
                loss = loss()
        if callable(var_list):
            var_list = var_list()
        var_list = list(var_list)
        grads = tape.gradient(loss, var_list)
        return self.apply_gradients(zip(grads, var_list))

    def scale_loss(self, loss):
        if self.loss_scale_factor is not None:
            return loss * self.loss_scale_factor
        return loss

    # -- learning rate ----------------------------------------------------------
    @property
    def learning_rate(self):
        return self._get_current_learning_rate()

    @learning_rate.setter
    def learning_rate(self, learning_rate):
        prev = self._learning_rate if isinstance(self._learning_rate, KerasVariable) else None
        if isinstance(learning_rate, _LearningRateSchedule) or callable(learning_rate):
            object.__setattr__(self, "_learning_rate", learning_rate)
        else:
            if isinstance(self._learning_rate, _LearningRateSchedule):
                raise TypeError("This optimizer was created with a `LearningRateSchedule` object as its "
                                "`learning_rate` constructor argument, hence its learning rate is not settable. If "
                                "you need the learning rate to be settable, you should instantiate the optimizer "
                                "with a float `learning_rate` argument.")
            self._learning_rate.assign(learning_rate)
        if prev is not None and not isinstance(self._learning_rate, KerasVariable):
            self._untrack_variable(prev)

    def _get_current_learning_rate(self):
        lr = self._learning_rate
        if isinstance(lr, _LearningRateSchedule):
            return lr(self._iterations)
        if isinstance(lr, KerasVariable):
            return lr
        if callable(lr):
            return lr()
        return lr

    def _lr_raw(self):
        """The current learning rate as a NumPy scalar, without building tensors."""
        lr = self._learning_rate
        if type(lr) is KerasVariable:
            return lr._value[()]
        if type(lr).__call__ is _schedules._NumpySchedule.__call__:
            return lr._value_at(np.asarray(self._iterations._value))
        return np.asarray(_to_raw(self._get_current_learning_rate()))[()]

    # -- clipping and weight decay ----------------------------------------------
    def _clip_raw(self, raws):
        if self.clipnorm and self.clipnorm > 0:
            return [_clip_by_norm(a, self.clipnorm) for a in raws]
        if self.global_clipnorm and self.global_clipnorm > 0:
            return _clip_by_global_norm(raws, self.global_clipnorm)
        if self.clipvalue and self.clipvalue > 0:
            v = self.clipvalue
            return [np.clip(a, -v, v) for a in raws]
        return raws

    def _clip_gradients(self, grads):
        raws = [None if g is None else _to_raw(g) for g in grads]
        clipped = iter(self._clip_raw([a for a in raws if a is not None]))
        out = []
        for a in raws:
            if a is None:
                out.append(None)
            else:
                c = next(clipped)
                out.append(wrap_as(c, dtypes.from_numpy(c.dtype)))
        return out

    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        """Variables (or variables whose name contains one of ``var_names``) that skip weight decay."""
        object.__setattr__(self, "_exclude_from_weight_decay",
                           set(self._var_key(v) for v in var_list) if var_list else set())
        object.__setattr__(self, "_exclude_from_weight_decay_pattern",
                           re.compile("|".join(set(var_names))) if var_names else None)
        object.__setattr__(self, "_exclude_from_weight_decay_cache", {})

    def _use_weight_decay(self, variable):
        key = self._var_key(variable)
        cache = self.__dict__.get("_exclude_from_weight_decay_cache")
        if cache is None:
            cache = {}
            object.__setattr__(self, "_exclude_from_weight_decay_cache", cache)
        use = cache.get(key)
        if use is None:
            pattern = self.__dict__.get("_exclude_from_weight_decay_pattern")
            use = not (key in self.__dict__.get("_exclude_from_weight_decay", ())
                       or (pattern is not None and re.search(pattern, variable.name) is not None))
            cache[key] = use
        return use

    def _decay_raw(self, variables, lr):
        wd = self.weight_decay
        for v in variables:
            if self._use_weight_decay(v):
                val = v._value
                t = val.dtype.type
                d = val * -_cast(wd, t)    # v - (v * wd) * lr, written as v + (v * -wd) * lr
                d *= t(lr)
                d += val
                v._assign_raw(d)

    def _apply_weight_decay(self, variables):
        if self.weight_decay is None:
            return
        self._decay_raw(variables, self._lr_raw())

    # -- exponential moving average of the weights --------------------------------
    def _ema_step(self):
        self._update_model_variables_moving_average(self._trainable_variables)
        freq = self.ema_overwrite_frequency
        if freq and (self._local_step() + 1) % freq == 0:
            self._overwrite_model_variables_with_average_value(self._trainable_variables)

    def _update_model_variables_moving_average(self, trainable_variables):
        if not self.use_ema:
            return
        first = self._local_step() == 0
        for var, average in zip(trainable_variables, self._model_variables_moving_average):
            if average is None:
                continue
            t = var._value.dtype.type
            momentum = t(0.0 if first else 1.0) * t(self.ema_momentum)
            new = average._value * momentum
            new += (t(1) - momentum) * var._value
            average._assign_raw(new)

    def _overwrite_model_variables_with_average_value(self, trainable_variables):
        if len(trainable_variables) != len(self._model_variables_moving_average):
            raise ValueError(f"The length of model variables ({len(trainable_variables)}) to override does not "
                             "match the length of model variables stored in the optimizer "
                             f"({len(self._model_variables_moving_average)}). Please check if the optimizer was "
                             "called on your model.")
        for var, average in zip(trainable_variables, self._model_variables_moving_average):
            if average is not None:
                var._assign_raw(average._value)

    def finalize_variable_values(self, var_list):
        if self.use_ema:
            self._overwrite_model_variables_with_average_value(var_list)

    # -- state ----------------------------------------------------------------------
    def set_weights(self, weights):
        if not self.built:
            raise ValueError("You are calling `set_weights()` on an optimizer that has not yet been built. Please "
                             "call `optimizer.build(trainable_variables)` to create the optimizer weights before "
                             "calling `set_weights()`.")
        for variable, weight in zip(self._variables, weights):
            if tuple(variable.shape) != tuple(np.shape(weight)):
                raise ValueError(f"Optimizer variable {self._var_key(variable)} has shape {variable.shape} not "
                                 f"compatible with provided weight shape {np.shape(weight)}.")
            variable.assign(weight)

    def save_own_variables(self, store):
        for i, variable in enumerate(self.variables):
            store[str(i)] = variable.numpy()

    def load_own_variables(self, store):
        if len(store.keys()) != len(self.variables):
            msg = (f"Skipping variable loading for optimizer '{self.name}', because it has {len(self.variables)} "
                   f"variables whereas the saved optimizer has {len(store.keys())} variables. ")
            if len(self.variables) == 0:
                msg += "This is likely because the optimizer has not been called/built yet."
            warnings.warn(msg, stacklevel=2)
            return
        for i, variable in enumerate(self.variables):
            variable.assign(store[str(i)])

    def _obj_type(self):
        return "Optimizer"

    # -- config ---------------------------------------------------------------------
    def get_config(self):
        lr = self._learning_rate
        if isinstance(lr, _LearningRateSchedule):
            lr = _schedules.serialize(lr)
        elif isinstance(lr, KerasVariable) or isinstance(lr, EagerTensor):
            lr = float(np.asarray(lr._value))
        elif callable(lr):
            lr = _serialization.serialize_keras_object(lr)
        else:
            lr = 0.5
        return {"name": self.name, "learning_rate": lr, "weight_decay": self.weight_decay,
                "clipnorm": self.clipnorm, "global_clipnorm": self.global_clipnorm, "clipvalue": self.clipvalue,
                "use_ema": self.use_ema, "ema_momentum": self.ema_momentum,
                "ema_overwrite_frequency": self.ema_overwrite_frequency,
                "loss_scale_factor": self.loss_scale_factor,
                "gradient_accumulation_steps": self.gradient_accumulation_steps}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        if isinstance(config.get("learning_rate"), dict):
            config["learning_rate"] = _serialization.deserialize_keras_object(config["learning_rate"],
                                                                              custom_objects=custom_objects)
        return cls(**config)
