"""compile / fit / evaluate / predict and the *_on_batch methods of keras.Model.

The steps are plain eager code (a tape around the forward pass); what they return, log and
raise follows Keras 3 on the TensorFlow backend: logs are Python floats in sorted key order,
`evaluate` lists the loss first, `model.metrics` is [loss, compile_metrics, per-output losses].

Where Keras compiles its step with tf.function, the loops here replay it: the stock steps
run through `framework.replay.ReplayedFunction`, which records a step's kernels once and,
after checking the recording against an eager run, replays them for the following batches
(everything but the optimizer's own fused update, which runs eagerly after it). A model
compiled with `run_eagerly=True`, or one whose train/test/predict step is overridden, runs
that step eagerly every time.
"""
import numpy as np

from ...framework import nest
from ...framework.replay import ReplayedFunction
from ...framework.tape import GradientTape
from ...framework.tensor import EagerTensor, convert_to_tensor
from ...ops.basic_ops import stack
from ...ops.reduction_ops import reduce_sum
from ..callbacks.callback import CallbackList
from . import data_adapter
from .compile_utils import CompileLoss, CompileMetrics

__all__ = ["Trainer"]

# Keras-2 compile() arguments the seed's code still passes; they change nothing here.
_LEGACY_COMPILE_KWARGS = {"experimental_run_tf_function"}


def _to_float(v):
    if isinstance(v, dict):
        return {k: _to_float(x) for k, x in v.items()}
    return float(np.asarray(v)) if isinstance(v, EagerTensor) or hasattr(v, "__array__") else float(v)


def _pythonify(logs):
    return {k: _to_float(v) for k, v in sorted(logs.items())}


class Trainer:
    """Mixed into Model."""

    _compiled = False
    run_eagerly = False

    def compile(self, optimizer="rmsprop", loss=None, loss_weights=None, metrics=None, weighted_metrics=None,
                run_eagerly=False, steps_per_execution=1, jit_compile="auto", auto_scale_loss=True, **kwargs):
        from .. import metrics as metrics_module
        from .. import optimizers
        for k in kwargs:
            if k not in _LEGACY_COMPILE_KWARGS:
                raise TypeError(f"Trainer.compile() got an unexpected keyword argument '{k}'")
        self.optimizer = optimizers.get(optimizer)
        self.loss = loss
        self._compile_loss = CompileLoss(loss, loss_weights) if loss is not None else None
        self._compile_metrics = CompileMetrics(metrics, weighted_metrics) \
            if metrics is not None or weighted_metrics is not None else None
        self._loss_tracker = metrics_module.Mean(name="loss")
        self._compile_config = {"optimizer": optimizer, "loss": loss, "loss_weights": loss_weights,
                                "metrics": metrics, "weighted_metrics": weighted_metrics,
                                "run_eagerly": run_eagerly, "steps_per_execution": steps_per_execution,
                                "jit_compile": jit_compile}
        self.run_eagerly = run_eagerly
        self.__dict__["_step_functions"] = {}  # not through Layer.__setattr__: nothing to track
        self._compiled = True
        self.stop_training = False

    @property
    def compiled(self):
        return self._compiled

    @compiled.setter
    def compiled(self, value):  # deserialize_keras_object sets it after compile_from_config
        self._compiled = bool(value)

    def get_compile_config(self):
        """What ``compile()`` was given, serialized (the optimizer as the object it became, so
        its settings travel); ``{}`` for a model never compiled. Saved in ``.keras`` files."""
        if not self._compiled or "_compile_config" not in self.__dict__:
            return {}
        from ..saving.serialization import serialize_keras_object
        config = {**self._compile_config, "optimizer": self.optimizer}
        if config.get("jit_compile") == "auto":
            config["jit_compile"] = False  # what "auto" resolves to on Keras's TF backend on a CPU
        return serialize_keras_object(config)

    def compile_from_config(self, config):
        """Compile as the saved ``compile_config`` says, then build the optimizer so the
        optimizer variables in the weights file have somewhere to go."""
        import warnings
        if type(self).compile is not Trainer.compile:
            warnings.warn("`compile()` was not called as part of model loading because the model's `compile()` "
                          "method is custom. All subclassed Models that have `compile()` overridden should also "
                          "override `get_compile_config()` and `compile_from_config(config)`. Alternatively, you "
                          "can call `compile()` manually after loading.", stacklevel=2)
            return
        from ..saving.serialization import deserialize_keras_object
        self.compile(**deserialize_keras_object(config))
        if self.built:
            self.optimizer.build(self.trainable_variables)

    # Keras-2 names some code still reads.
    @property
    def compiled_loss(self):
        return self.__dict__.get("_compile_loss")

    @property
    def compiled_metrics(self):
        return self.__dict__.get("_compile_metrics")

    def _assert_compiled(self):
        if not self._compiled:
            raise ValueError("You must call `compile()` before using the model.")

    @property
    def metrics(self):
        out = []
        if self._compiled:
            out.append(self._loss_tracker)
            if self._compile_metrics is not None:
                out.append(self._compile_metrics)
            if self._compile_loss is not None:
                out.extend(self._compile_loss.metrics)
        return out

    @property
    def metrics_names(self):
        return [m.name for m in self.metrics]

    def reset_metrics(self):
        for m in self.metrics:
            m.reset_state()

    # -- one step -----------------------------------------------------------------------------
    def _build_compiled(self, y, y_pred):
        if self._compile_loss is not None and not self._compile_loss.built:
            self._compile_loss.build(self, y, y_pred)
        if self._compile_metrics is not None and not self._compile_metrics.built and y is not None:
            self._compile_metrics.build(self, y, y_pred)

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        losses = []
        if self._compile_loss is not None:
            loss = self._compile_loss(y, y_pred, sample_weight)
            if loss is not None:
                losses.append(loss)
        losses.extend(self.losses)
        if not losses:
            raise ValueError("No loss to compute. Provide a `loss` argument in `compile()`.")
        return losses[0] if len(losses) == 1 else reduce_sum(stack(losses))

    def compute_metrics(self, x, y, y_pred, sample_weight=None):
        if self._compile_metrics is not None and y is not None:
            self._compile_metrics.update_state(y, y_pred, sample_weight)
        return self.get_metrics_result()

    def get_metrics_result(self):
        logs = {}
        for m in self.metrics:
            result = m.result()
            if isinstance(result, dict):
                logs.update(result)
            else:
                logs[m.name] = result
        return logs

    @staticmethod
    def _batch_size(x):
        first = nest.flatten(x)[0]
        return int(first.shape[0])

    def train_step(self, data):
        x, y, sample_weight = data_adapter.unpack(data)
        return self._apply_and_log(*self._gradients_and_logs(x, y, sample_weight))

    def _gradients_and_logs(self, x, y, sample_weight, variables=None):
        """The step up to the optimizer: forward, loss, gradients, metric updates; returns
        ``(grads, logs, variables)``. The metrics see the predictions made before the update,
        as in Keras, so they may come first. ``variables``: the ones to differentiate, when
        fixed by the caller; by default the model's trainable weights as they are now."""
        with GradientTape() as tape:
            if variables is not None:
                tape.watch(variables)  # fixed ones are differentiated even if frozen since
            y_pred = self._step_call(x, True)
            self._build_compiled(y, y_pred)
            loss = self.compute_loss(x, y, y_pred, sample_weight, training=True)
        self._loss_tracker.update_state(loss, sample_weight=self._batch_size(x))
        # Read after the forward pass: a model built by its first call has its weights only now.
        if variables is None:
            variables = self.trainable_weights
        grads = tape.gradient(loss, variables) if variables else []
        return grads, self.compute_metrics(x, y, y_pred, sample_weight), variables

    def _apply_and_log(self, grads, logs, variables):
        if variables:
            self.optimizer.apply_gradients(zip(grads, variables))
        else:
            import warnings
            warnings.warn("The model does not have any trainable weights.", stacklevel=3)
        return logs

    def _step_function(self, kind):
        """What fit/evaluate/predict call per batch: the step itself when it must run eagerly,
        else a replaying wrapper around the stock step (see the module docstring)."""
        cache = self.__dict__.setdefault("_step_functions", {})
        fn = cache.get(kind)
        if fn is not None:
            return fn
        stock = getattr(Trainer, f"{kind}_step")
        if self.run_eagerly or getattr(type(self), f"{kind}_step") is not stock:
            fn = getattr(self, f"{kind}_step")
        elif kind == "train":
            fn = _ReplayedTrainStep(self)
        else:
            fn = _ReplayedStep(lambda x, y, sw: stock(self, (x, y, sw)))
        cache[kind] = fn
        return fn

    def test_step(self, data):
        x, y, sample_weight = data_adapter.unpack(data)
        y_pred = self._step_call(x, False)
        self._build_compiled(y, y_pred)
        loss = self.compute_loss(x, y, y_pred, sample_weight, training=False)
        self._loss_tracker.update_state(loss, sample_weight=self._batch_size(x))
        return self.compute_metrics(x, y, y_pred, sample_weight)

    def predict_step(self, data):
        x, _, _ = data_adapter.unpack(data)
        return self._step_call(x, False)

    def _step_call(self, x, training):
        # As Keras: `training` is passed only to a model whose call() takes it.
        from ..layers._call_info import signature_info
        if signature_info(type(self)).has_training:
            return self(x, training=training)
        return self(x)

    # -- loops -------------------------------------------------------------------------------
    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None,
            validation_split=0.0, validation_data=None, shuffle=True, class_weight=None, sample_weight=None,
            initial_epoch=0, steps_per_epoch=None, validation_steps=None, validation_batch_size=None,
            validation_freq=1):
        self._assert_compiled()
        if validation_split and validation_data is None:
            (x, y, sample_weight), validation_data = data_adapter.split_for_validation(
                x, y, sample_weight, validation_split)
        data = data_adapter.make_adapter(x, y, sample_weight, batch_size, shuffle, class_weight, steps_per_epoch)
        cbs = callbacks if isinstance(callbacks, CallbackList) else CallbackList(
            callbacks, add_history=True, add_progbar=verbose != 0, model=self, verbose=verbose, epochs=epochs,
            steps=data.steps if data.steps is not None else data.num_batches)
        val = None
        if validation_data is not None:
            val = data_adapter.unpack(validation_data) if isinstance(validation_data, tuple) else \
                (validation_data, None, None)
        self.stop_training = False
        cbs.on_train_begin()
        training_logs = None
        logs = {}
        train_step = self._step_function("train")
        for epoch in range(initial_epoch, epochs):
            self.reset_metrics()
            cbs.on_epoch_begin(epoch)
            ran = False
            for step, batch in enumerate(data):
                ran = True
                cbs.on_train_batch_begin(step)
                logs = _pythonify(train_step(batch))
                cbs.on_train_batch_end(step, logs)
                if self.stop_training:
                    break
            if not ran:
                break  # the generator is spent: Keras stops here
            epoch_logs = dict(logs)
            if val is not None and _should_eval(epoch, validation_freq):
                val_logs = self.evaluate(val[0], val[1], sample_weight=val[2],
                                         batch_size=validation_batch_size or batch_size, steps=validation_steps,
                                         callbacks=cbs, return_dict=True)
                epoch_logs.update({"val_" + k: v for k, v in val_logs.items()})
            epoch_logs = dict(sorted(epoch_logs.items()))
            cbs.on_epoch_end(epoch, epoch_logs)
            training_logs = epoch_logs
            if self.stop_training:
                break
        cbs.on_train_end(training_logs)
        return self.history

    def evaluate(self, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None, steps=None,
                 callbacks=None, return_dict=False, **kwargs):
        self._assert_compiled()
        data = data_adapter.make_adapter(x, y, sample_weight, batch_size, False, None, steps)
        cbs = callbacks if isinstance(callbacks, CallbackList) else CallbackList(
            callbacks, add_progbar=verbose != 0, model=self, verbose=verbose, epochs=1,
            steps=data.steps if data.steps is not None else data.num_batches)
        self.reset_metrics()
        cbs.on_test_begin()
        logs = {}
        test_step = self._step_function("test")
        for step, batch in enumerate(data):
            cbs.on_test_batch_begin(step)
            logs = _pythonify(test_step(batch))
            cbs.on_test_batch_end(step, logs)
        cbs.on_test_end(logs)
        if return_dict:
            return dict(logs)
        return self._flatten_metrics_in_order(logs)

    def _flatten_metrics_in_order(self, logs):
        """Keras's order of evaluate()'s list: metric names in `model.metrics` order (the compile
        metrics by their own names), then the remaining log keys sorted."""
        names = []
        for m in self.metrics:
            if isinstance(m, CompileMetrics):
                names.extend(sub.name for sub in m.metrics)
            else:
                names.append(m.name)
        values = [logs[n] for n in names if n in logs]
        values.extend(logs[k] for k in sorted(logs) if k not in names)
        return values[0] if len(values) == 1 else values

    def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None):
        data = data_adapter.make_adapter(x, None, None, batch_size, False, None, steps)
        cbs = CallbackList(callbacks, add_progbar=verbose != 0, model=self, verbose=verbose, epochs=1,
                           steps=data.steps if data.steps is not None else data.num_batches)
        cbs.on_predict_begin()
        outputs = []
        predict_step = self._step_function("predict")
        for step, batch in enumerate(data):
            cbs.on_predict_batch_begin(step)
            out = nest.map_structure(np.asarray, predict_step(batch))
            outputs.append(out)
            cbs.on_predict_batch_end(step, {"outputs": out})
        cbs.on_predict_end()
        if not outputs:
            raise ValueError("Unexpected result of `predict_function` (Empty batch_outputs). Please use "
                             "`Model.compile(..., run_eagerly=True)`, or `tf.config.run_functions_eagerly(True)` "
                             "for more information of where went wrong, or file a issue/bug to `tf.keras`.")
        return nest.map_structure(lambda *parts: np.concatenate(parts, axis=0), *outputs)

    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None, return_dict=False):
        self._assert_compiled()
        if class_weight is not None:
            cw = data_adapter.class_weights_for(y, class_weight)
            sample_weight = cw if sample_weight is None else np.asarray(sample_weight) * cw
        self.reset_metrics()
        logs = _pythonify(self.train_step((x, y, sample_weight)))
        return dict(logs) if return_dict else self._flatten_metrics_in_order(logs)

    def test_on_batch(self, x, y=None, sample_weight=None, return_dict=False):
        self._assert_compiled()
        self.reset_metrics()
        logs = _pythonify(self.test_step((x, y, sample_weight)))
        return dict(logs) if return_dict else self._flatten_metrics_in_order(logs)

    def predict_on_batch(self, x):
        return nest.map_structure(np.asarray, self.predict_step((x, None, None)))


class _ReplayedStep:
    """A stock test or predict step as evaluate/predict call it: the batch as tensors, fed
    to the replaying ``function``."""

    def __init__(self, fn):
        self.function = ReplayedFunction(fn)

    def __call__(self, data):
        return self.function(*nest.map_structure(_as_tensor, data_adapter.unpack(data)))


class _ReplayedTrainStep(_ReplayedStep):
    """The stock training step for fit: gradients and metrics replayed, then the optimizer's
    update run eagerly. The variables differentiated are fixed by the first step (once the
    model has built itself), as Keras's traced step fixes them: a change of `trainable`
    takes effect at the next `compile()`, as in Keras."""

    def __init__(self, model):
        super().__init__(self._gradients_and_logs)
        self.model = model
        self.variables = None

    def _gradients_and_logs(self, x, y, sw):
        grads, logs, self.variables = self.model._gradients_and_logs(x, y, sw, self.variables)
        return grads, logs

    def __call__(self, data):
        grads, logs = super().__call__(data)
        return self.model._apply_and_log(grads, logs, self.variables)


def _as_tensor(value):
    return value if value is None else convert_to_tensor(value)


def _should_eval(epoch, validation_freq):
    if isinstance(validation_freq, int):
        return (epoch + 1) % validation_freq == 0
    return (epoch + 1) in validation_freq
