"""compile / fit / evaluate / predict and the *_on_batch methods of keras.Model."""
import warnings

import numpy as np

from ...framework import nest
from ...framework.tape import GradientTape
from ...framework.tensor import EagerTensor
from ...ops.math_ops import add
from ..callbacks.callback import CallbackList
from . import data_adapter
from .compile_utils import CompiledLoss, CompiledMetrics

__all__ = ["Trainer"]


def _to_float(v):
    return float(np.asarray(v)) if isinstance(v, EagerTensor) or hasattr(v, "__array__") else float(v)


class Trainer:
    """Mixed into Model. The steps are plain eager code: a tape around the forward pass."""

    _compiled = False

    def compile(self, optimizer="rmsprop", loss=None, loss_weights=None, metrics=None, weighted_metrics=None,
                run_eagerly=False, steps_per_execution=1, jit_compile="auto", auto_scale_loss=True, **kwargs):
        from .. import metrics as metrics_module
        from .. import optimizers
        kwargs.pop("experimental_run_tf_function", None)  # Keras-2 argument, meaningless here
        if kwargs:
            raise TypeError(f"Invalid keyword argument(s) in `compile()`: {tuple(kwargs)}. Valid keyword "
                            "arguments include \"cloning\", \"experimental_run_tf_function\", \"distribute\", "
                            "\"target_tensors\", or \"sample_weight_mode\".")
        self.optimizer = optimizers.get(optimizer)
        self.loss = loss
        self.compiled_loss = CompiledLoss(loss, loss_weights) if loss is not None else None
        self.compiled_metrics = CompiledMetrics(metrics, weighted_metrics)
        self._loss_tracker = metrics_module.Mean(name="loss")
        self._compile_config = {"optimizer": optimizer, "loss": loss, "loss_weights": loss_weights,
                                "metrics": metrics, "weighted_metrics": weighted_metrics,
                                "run_eagerly": run_eagerly, "steps_per_execution": steps_per_execution,
                                "jit_compile": jit_compile}
        self.run_eagerly = run_eagerly
        self._compiled = True
        self.stop_training = False

    def _assert_compiled(self):
        if not self._compiled:
            raise ValueError("You must call `compile()` before using the model.")

    @property
    def metrics(self):
        out = []
        if self._compiled:
            out.append(self._loss_tracker)
            if self.compiled_loss is not None and self.compiled_loss.built:
                out.extend(t for t in self.compiled_loss.trackers if t is not None)
            out.extend(self.compiled_metrics.metrics)
        return out

    @property
    def metrics_names(self):
        return [m.name for m in self.metrics]

    def reset_metrics(self):
        for m in self.metrics:
            m.reset_state()

    # -- one step -----------------------------------------------------------------------------
    def _build_compiled(self, y, y_pred):
        if self.compiled_loss is not None and not self.compiled_loss.built:
            self.compiled_loss.build(self, y, y_pred)
        if not self.compiled_metrics.built and y is not None:
            self.compiled_metrics.build(self, y, y_pred)

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        total = self.compiled_loss(y, y_pred, sample_weight) if self.compiled_loss is not None else None
        for extra in self.losses:
            total = extra if total is None else add(total, extra)
        if total is None:
            raise ValueError("No loss to compute. Provide a `loss` argument in `compile()`.")
        return total

    def _batch_size(self, x):
        first = nest.flatten(x)[0]
        return int(first.shape[0])

    def _logs(self):
        return {m.name: m.result() for m in self.metrics}

    def train_step(self, data):
        x, y, sample_weight = data_adapter.unpack(data)
        variables = self.trainable_variables
        with GradientTape() as tape:
            y_pred = self(x, training=True)
            self._build_compiled(y, y_pred)
            loss = self.compute_loss(x, y, y_pred, sample_weight, training=True)
        grads = tape.gradient(loss, variables)
        self.optimizer.apply_gradients(zip(grads, variables))
        self._loss_tracker.update_state(loss, sample_weight=self._batch_size(x))
        if y is not None:
            self.compiled_metrics.update_state(y, y_pred, sample_weight)
        return self._logs()

    def test_step(self, data):
        x, y, sample_weight = data_adapter.unpack(data)
        y_pred = self(x, training=False)
        self._build_compiled(y, y_pred)
        loss = self.compute_loss(x, y, y_pred, sample_weight, training=False)
        self._loss_tracker.update_state(loss, sample_weight=self._batch_size(x))
        if y is not None:
            self.compiled_metrics.update_state(y, y_pred, sample_weight)
        return self._logs()

    def predict_step(self, data):
        x, _, _ = data_adapter.unpack(data)
        return self(x, training=False)

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
        verbose = 1 if verbose == "auto" else verbose
        cbs = callbacks if isinstance(callbacks, CallbackList) else CallbackList(
            callbacks, add_history=True, add_progbar=verbose != 0, model=self, verbose=verbose, epochs=epochs,
            steps=data.steps)
        self.stop_training = False
        cbs.on_train_begin()
        logs = {}
        for epoch in range(initial_epoch, epochs):
            self.reset_metrics()
            cbs.on_epoch_begin(epoch)
            step = -1
            for step, batch in enumerate(data):
                cbs.on_train_batch_begin(step)
                logs = {k: _to_float(v) for k, v in self.train_step(batch).items()}
                cbs.on_train_batch_end(step, logs)
                if self.stop_training:
                    break
            if step < 0:
                warnings.warn("Your input ran out of data; interrupting training. Make sure that your dataset or "
                              "generator can generate at least `steps_per_epoch * epochs` batches.")
                break
            epoch_logs = dict(sorted(logs.items()))
            if validation_data is not None and (epoch + 1) % validation_freq == 0:
                vx, vy, vsw = data_adapter.unpack(validation_data) if isinstance(validation_data, tuple) \
                    else (validation_data, None, None)
                val_logs = self.evaluate(vx, vy, sample_weight=vsw, batch_size=validation_batch_size or batch_size,
                                         steps=validation_steps, callbacks=cbs, return_dict=True, verbose=0)
                epoch_logs.update({"val_" + k: v for k, v in val_logs.items()})
                epoch_logs = dict(sorted(epoch_logs.items()))
            cbs.on_epoch_end(epoch, epoch_logs)
            logs = epoch_logs
            if self.stop_training:
                break
        cbs.on_train_end(logs)
        return self.history

    def evaluate(self, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None, steps=None,
                 callbacks=None, return_dict=False, **kwargs):
        self._assert_compiled()
        data = data_adapter.make_adapter(x, y, sample_weight, batch_size, False, None, steps)
        verbose = 1 if verbose == "auto" else verbose
        cbs = callbacks if isinstance(callbacks, CallbackList) else CallbackList(
            callbacks, add_progbar=verbose != 0, model=self, verbose=verbose, epochs=1, steps=data.steps)
        self.reset_metrics()
        cbs.on_test_begin()
        logs = {}
        for step, batch in enumerate(data):
            cbs.on_test_batch_begin(step)
            logs = {k: _to_float(v) for k, v in self.test_step(batch).items()}
            cbs.on_test_batch_end(step, logs)
        cbs.on_test_end(logs)
        if return_dict:
            return dict(logs)
        values = [logs[n] for n in self.metrics_names if n in logs]
        return values[0] if len(values) == 1 else values

    def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None):
        data = data_adapter.make_adapter(x, None, None, batch_size, False, None, steps)
        verbose = 1 if verbose == "auto" else verbose
        cbs = CallbackList(callbacks, add_progbar=verbose != 0, model=self, verbose=verbose, epochs=1,
                           steps=data.steps)
        cbs.on_predict_begin()
        outputs = []
        for step, batch in enumerate(data):
            cbs.on_predict_batch_begin(step)
            out = self.predict_step(batch)
            outputs.append(nest.map_structure(np.asarray, out))
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
            cw = data_adapter._class_weights_for(y, class_weight)
            sample_weight = cw if sample_weight is None else np.asarray(sample_weight) * cw
        self.reset_metrics()
        logs = {k: _to_float(v) for k, v in self.train_step((x, y, sample_weight)).items()}
        return self._batch_result(logs, return_dict)

    def test_on_batch(self, x, y=None, sample_weight=None, return_dict=False):
        self._assert_compiled()
        self.reset_metrics()
        logs = {k: _to_float(v) for k, v in self.test_step((x, y, sample_weight)).items()}
        return self._batch_result(logs, return_dict)

    def predict_on_batch(self, x):
        return nest.map_structure(np.asarray, self.predict_step((x, None, None)))

    def _batch_result(self, logs, return_dict):
        if return_dict:
            return logs
        values = [logs[n] for n in self.metrics_names if n in logs]
        return values[0] if len(values) == 1 else values

