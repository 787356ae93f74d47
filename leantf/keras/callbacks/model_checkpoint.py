"""keras.callbacks.ModelCheckpoint: save the model or its weights during ``fit``.

Follows Keras 3.15 (``callbacks/model_checkpoint.py`` and its ``MonitorCallback`` base):
the same arguments, filepath checks, "best" logic, messages and batch counting. Weights go
through ``Model.save_weights`` (``.weights.h5``), whole models through ``Model.save``
(``.keras``); both are written atomically, so an interrupted save never leaves a
half-written checkpoint behind.
"""
import os
import re
import warnings

import numpy as np

from ..utils.progbar import print_msg
from .monitoring import MonitorCallback

__all__ = ["ModelCheckpoint"]


class ModelCheckpoint(MonitorCallback):
    def __init__(self, filepath, monitor="val_loss", verbose=0, save_best_only=False, save_weights_only=False,
                 mode="auto", save_freq="epoch", initial_value_threshold=None):
        super().__init__(monitor, mode, baseline=initial_value_threshold)
        self.verbose = verbose
        self.filepath = os.fspath(filepath) if isinstance(filepath, os.PathLike) else filepath
        self.save_best_only = save_best_only
        self.save_weights_only = save_weights_only
        self.save_freq = save_freq
        self._batches_seen_since_last_saving = 0
        self._last_batch_seen = None
        self._current_epoch = 0
        if self.save_freq != "epoch" and not isinstance(self.save_freq, int):
            raise ValueError(f"Unrecognized save_freq: {self.save_freq}. Expected save_freq are 'epoch' or integer "
                             "values")
        if save_weights_only:
            if not self.filepath.endswith(".weights.h5"):
                raise ValueError("When using `save_weights_only=True` in `ModelCheckpoint`, the filepath provided "
                                 "must end in `.weights.h5` (Keras weights format). Received: "
                                 f"filepath={self.filepath}")
        elif not any(self.filepath.endswith(ext) for ext in (".keras", ".h5")):
            raise ValueError(f"The filepath provided must end in `.keras` (Keras model format). Received: "
                             f"filepath={self.filepath}")

    # -- hooks ----------------------------------------------------------------------------------------
    def on_train_batch_end(self, batch, logs=None):
        if self._should_save_on_batch(batch):
            self._save_model(epoch=self._current_epoch, batch=batch, logs=logs)

    def on_epoch_begin(self, epoch, logs=None):
        self._current_epoch = epoch

    def on_epoch_end(self, epoch, logs=None):
        if self.monitor_op is None:
            self._set_monitor_op()
        if self.save_freq == "epoch":
            self._save_model(epoch=epoch, batch=None, logs=logs)

    def _should_save_on_batch(self, batch):
        if self.save_freq == "epoch":
            return False
        if self._last_batch_seen is None or batch <= self._last_batch_seen:
            add_batches = batch + 1  # batches are zero-indexed
        else:
            add_batches = batch - self._last_batch_seen
        self._batches_seen_since_last_saving += add_batches
        self._last_batch_seen = batch
        if self._batches_seen_since_last_saving >= self.save_freq:
            self._batches_seen_since_last_saving = 0
            return True
        return False

    def _should_save_model(self, epoch, batch, logs, filepath):
        logs = logs or {}
        if not self.save_best_only:
            if self.verbose > 0:
                print_msg(f"\nEpoch {epoch + 1}: saving model to {filepath}")
            return True
        current = logs.get(self.monitor)
        if current is None:
            warnings.warn(f"Can save best model only with {self.monitor} available.", stacklevel=2)
            return True
        if hasattr(current, "shape") and len(current.shape) > 0:
            warnings.warn(f"Can save best model only when `monitor` is a scalar value. Received: {current}. "
                          "Falling back to `save_best_only=False`.")
            return True
        if self.monitor_op is None:  # a batch-level save before the first epoch ended
            self._set_monitor_op()
        current = float(np.asarray(current))
        best_str = "None" if self.best is None else f"{self.best:.5f}"
        if self._is_improvement(current, self.best):
            if self.verbose > 0:
                print_msg(f"\nEpoch {epoch + 1}: {self.monitor} improved from {best_str} to {current:.5f}, "
                          f"saving model to {filepath}")
            self.best = current
            return True
        if self.verbose > 0:
            print_msg(f"\nEpoch {epoch + 1}: {self.monitor} did not improve from {best_str}")
        return False

    def _save_model(self, epoch, batch, logs):
        filepath = self._get_file_path(epoch, batch, logs)
        try:
            if self._should_save_model(epoch, batch, logs, filepath):
                dirname = os.path.dirname(filepath)
                if dirname and not os.path.exists(dirname):
                    os.makedirs(dirname)
                if self.save_weights_only:
                    save = getattr(self.model, "save_weights", None)
                    if save is None:  # until Model.save_weights is wired to the saving module
                        from ..saving.weights_h5 import save_weights
                        save_weights(self.model, filepath, overwrite=True)
                    else:
                        save(filepath, overwrite=True)
                else:
                    self.model.save(filepath, overwrite=True)
                if self.verbose > 0:
                    print_msg(f"\nEpoch {epoch + 1}: finished saving model to {filepath}")
        except IsADirectoryError:
            raise IOError("Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an "
                          f"existing directory: {filepath}")

    def _get_file_path(self, epoch, batch, logs):
        logs = {k: _formattable(v) for k, v in (logs or {}).items()}
        try:
            if batch is None or "batch" in logs:
                return self.filepath.format(epoch=epoch + 1, **logs)
            return self.filepath.format(epoch=epoch + 1, batch=batch + 1, **logs)
        except KeyError as e:
            raise KeyError(f'Failed to format this callback filepath: "{self.filepath}". Reason: {e}')

    def _checkpoint_exists(self, filepath):
        return os.path.exists(filepath)

    def _get_most_recently_modified_file_matching_pattern(self, pattern):
        """The newest file matching ``pattern`` (its ``{...}`` fields as wildcards); ties go to
        the largest name. None when nothing matches."""
        dir_name = os.path.dirname(pattern)
        base_name_regex = f"^{re.sub(r'{.*}', r'.*', os.path.basename(pattern))}$"
        latest_mod_time, latest, n_latest, largest = 0, None, 0, None
        if os.path.exists(dir_name):
            for file_name in os.listdir(dir_name):
                if re.match(base_name_regex, file_name):
                    file_path = os.path.join(dir_name, file_name)
                    mod_time = os.path.getmtime(file_path)
                    if largest is None or file_path > largest:
                        largest = file_path
                    if mod_time > latest_mod_time:
                        latest_mod_time, latest, n_latest = mod_time, file_path, 1
                    elif mod_time == latest_mod_time:
                        n_latest += 1
        return latest if n_latest == 1 else largest


def _formattable(value):
    """Log values as ``str.format`` handles them: a 0-d tensor or array becomes a float."""
    if hasattr(value, "numpy") and not isinstance(value, (int, float)):
        value = value.numpy()
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return value.item()
    return value
