"""keras.callbacks.TensorBoard: training curves and weight histograms as event files.

The files, tags and steps are those Keras 3 writes with TF's summary ops:

  <log_dir>/train       epoch_<metric> and epoch_learning_rate at step = epoch index,
                        batch_<metric> at step = global batch number (update_freq),
                        <weight.path>/histogram (and /image) when histogram_freq says so,
                        and "keras" (the model's JSON, TensorBoard's conceptual graph)
  <log_dir>/validation  epoch_<metric> (the val_ prefix dropped) at step = epoch, and
                        evaluation_<metric>_vs_iterations at step = optimizer iterations

Not supported: the traced op graph (leantf has no graphs, so ``write_graph`` only writes
the conceptual model graph), profiling and embeddings.
"""
import contextlib
import os
import time
import warnings

import numpy as np

from .callback import Callback

__all__ = ["TensorBoard"]


class TensorBoard(Callback):
    def __init__(self, log_dir="logs", histogram_freq=0, write_graph=True, write_images=False,
                 write_steps_per_second=False, update_freq="epoch", profile_batch=0,
                 embeddings_freq=0, embeddings_metadata=None):
        super().__init__()
        self.log_dir = str(log_dir)
        self.histogram_freq = histogram_freq
        self.write_graph = write_graph
        self.write_images = write_images
        self.write_steps_per_second = write_steps_per_second
        self.update_freq = 1 if update_freq == "batch" else update_freq
        self.embeddings_freq = embeddings_freq
        self.embeddings_metadata = embeddings_metadata
        self._global_train_batch = 0
        self._global_test_batch = 0
        self._previous_epoch_iterations = 0.0
        self._batch_start_time = 0.0
        self._epoch_start_time = 0.0
        self._writers = {}
        self._pushed = []  # ExitStacks of (writer.as_default, record_if) still entered

    @property
    def summary(self):
        # Imported on first use so `import leantf.keras` does not load tf.summary.
        from ... import summary
        return summary

    def set_model(self, model):
        self._model = model
        self._train_dir = os.path.join(self.log_dir, "train")
        self._val_dir = os.path.join(self.log_dir, "validation")
        self._writers = {}
        if self.write_graph:
            self._write_keras_model_summary()

    def _writer(self, key, directory):
        # Writers open lazily so a run without validation leaves no validation/ folder.
        if key not in self._writers:
            self._writers[key] = self.summary.create_file_writer(directory)
        return self._writers[key]

    @property
    def _train_writer(self):
        return self._writer("train", self._train_dir)

    @property
    def _val_writer(self):
        return self._writer("val", self._val_dir)

    def _write_keras_model_summary(self):
        from ...summary import event_pb, writer
        if type(self.model).__name__ not in ("Functional", "Sequential"):
            return
        with self._train_writer.as_default():
            try:
                json_text = self._model_json()
            except Exception as e:  # a model with unserializable parts still trains
                warnings.warn(f"Model failed to serialize as JSON. Ignoring... {e}", stacklevel=2)
                return
            tensor = event_pb.encode_tensor(event_pb.DT_STRING, (), strings=[json_text.encode("utf-8")])
            # Content b"1" is the graph_keras_model plugin's version marker.
            writer.write_event("keras", tensor, event_pb.encode_metadata("graph_keras_model", b"1"), 0)

    def _model_json(self):
        if hasattr(self.model, "to_json"):
            return self.model.to_json()
        # Keras's Model.to_json is this JSON of the serialized model config.
        import json
        from ..saving import serialize_keras_object
        return json.dumps(serialize_keras_object(self.model))

    # With a batch-level update_freq, Keras keeps a default writer entered whose step is
    # the current batch, recording only when that batch is a multiple of update_freq.
    # The condition stays in force for everything written until the next push, epoch
    # summaries included -- mirrored here so the same points are recorded.
    def _push_writer(self, writer, step):
        if self.update_freq == "epoch":
            return
        freq = self.update_freq
        stack = contextlib.ExitStack()
        stack.enter_context(writer.as_default(step))
        stack.enter_context(self.summary.record_if(lambda: step % freq == 0))
        self._pushed.append(stack)

    def _pop_writer(self):
        if self.update_freq == "epoch" or not self._pushed:
            return
        self._pushed.pop().close()

    def _close_writers(self):
        for w in self._writers.values():
            w.close()

    def on_train_begin(self, logs=None):
        self._global_train_batch = 0
        self._previous_epoch_iterations = 0.0
        self._push_writer(self._train_writer, self._global_train_batch)

    def on_train_end(self, logs=None):
        self._pop_writer()
        self._close_writers()

    def on_test_begin(self, logs=None):
        self._push_writer(self._val_writer, self._global_test_batch)

    def on_test_end(self, logs=None):
        optimizer = getattr(self.model, "optimizer", None)
        if optimizer is not None and hasattr(optimizer, "iterations"):
            with self._val_writer.as_default():
                for name, value in (logs or {}).items():
                    self.summary.scalar(f"evaluation_{name}_vs_iterations", value,
                                        step=optimizer.iterations)
        self._pop_writer()

    def on_train_batch_begin(self, batch, logs=None):
        self._global_train_batch += 1
        if self.update_freq != "epoch":
            self._pop_writer()
            self._push_writer(self._train_writer, self._global_train_batch)
        if self.write_steps_per_second:
            self._batch_start_time = time.time()

    def on_train_batch_end(self, batch, logs=None):
        # These calls are no-ops when update_freq="epoch": no writer is the default then.
        if self.write_steps_per_second:
            elapsed = max(time.time() - self._batch_start_time, 1e-9)
            self.summary.scalar("batch_steps_per_second", 1.0 / elapsed, step=self._global_train_batch)
        if isinstance(logs, dict):
            for name, value in logs.items():
                self.summary.scalar(f"batch_{name}", value, step=self._global_train_batch)

    def on_test_batch_begin(self, batch, logs=None):
        self._global_test_batch += 1
        if self.update_freq != "epoch":
            self._pop_writer()
            self._push_writer(self._val_writer, self._global_test_batch)

    def on_epoch_begin(self, epoch, logs=None):
        if self.write_steps_per_second:
            self._previous_epoch_iterations = float(np.asarray(self.model.optimizer.iterations))
            self._epoch_start_time = time.time()

    def on_epoch_end(self, epoch, logs=None):
        self._log_epoch_metrics(epoch, logs)
        if self.histogram_freq and epoch % self.histogram_freq == 0:
            self._log_weights(epoch)

    def _collect_learning_rate(self, logs):
        optimizer = getattr(self.model, "optimizer", None)
        optimizer = getattr(optimizer, "inner_optimizer", optimizer)  # LossScaleOptimizer
        if optimizer is not None and hasattr(optimizer, "learning_rate"):
            logs["learning_rate"] = float(np.asarray(optimizer.learning_rate))
        return logs

    def _log_epoch_metrics(self, epoch, logs):
        if not logs:
            return
        train_logs = {k: v for k, v in logs.items() if not k.startswith("val_")}
        val_logs = {k: v for k, v in logs.items() if k.startswith("val_")}
        train_logs = self._collect_learning_rate(train_logs)
        if self.write_steps_per_second:
            iterations = float(np.asarray(self.model.optimizer.iterations))
            elapsed = max(time.time() - self._epoch_start_time, 1e-9)
            train_logs["steps_per_second"] = (iterations - self._previous_epoch_iterations) / elapsed
        if train_logs:
            with self._train_writer.as_default():
                for name, value in train_logs.items():
                    self.summary.scalar(f"epoch_{name}", value, step=epoch)
        if val_logs:
            with self._val_writer.as_default():
                for name, value in val_logs.items():
                    self.summary.scalar(f"epoch_{name[4:]}", value, step=epoch)

    def _log_weights(self, epoch):
        with self._train_writer.as_default():
            for layer in self.model.layers:
                for weight in layer.weights:
                    weight_name = weight.path.replace(":", "_")
                    # Suffixes keep the histogram and image tags of one weight apart.
                    self.summary.histogram(f"{weight_name}/histogram", weight, step=epoch)
                    if self.write_images:
                        self._log_weight_as_image(weight, f"{weight_name}/image", epoch)
            self._train_writer.flush()

    def _log_weight_as_image(self, weight, tag, epoch):
        from ..config import image_data_format
        w = np.squeeze(np.asarray(weight))
        if w.ndim == 1:  # a bias: one column
            w = w.reshape(1, w.shape[0], 1, 1)
        elif w.ndim == 2:  # a dense kernel, drawn wider than tall
            if w.shape[0] > w.shape[1]:
                w = w.T
            w = w.reshape(1, w.shape[0], w.shape[1], 1)
        elif w.ndim == 3:  # a conv kernel: one image per output channel
            if image_data_format() == "channels_last":
                w = np.transpose(w, (2, 0, 1))
            w = w.reshape(w.shape[0], w.shape[1], w.shape[2], 1)
        # Other ranks (3-D conv kernels, scalars) cannot be shown as images.
        if w.ndim == 4 and w.shape[-1] in (1, 3, 4):
            self.summary.image(tag, w, step=epoch)
