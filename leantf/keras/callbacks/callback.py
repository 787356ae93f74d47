"""Callback: the hooks fit/evaluate/predict call, and CallbackList that fans them out.

As in Keras 3, CallbackList hands every hook a dict of Python floats (``{}`` when there are no
logs) -- the same dict to each callback in turn, so a callback that adds an entry (a learning
rate) is seen by the ones after it -- and appends History, then ProgbarLogger, after the
user's callbacks.
"""
import numpy as np

__all__ = ["Callback", "CallbackList"]


class Callback:
    def __init__(self):
        self.params = None
        self._model = None
        self.validation_data = None

    def set_params(self, params):
        self.params = params

    def set_model(self, model):
        self._model = model

    @property
    def model(self):
        return self._model

    # Every hook Keras defines; the defaults do nothing (the train-batch ones forward to the
    # older on_batch_* names, as Keras does).
    def on_batch_begin(self, batch, logs=None): pass  # noqa: E704
    def on_batch_end(self, batch, logs=None): pass  # noqa: E704
    def on_epoch_begin(self, epoch, logs=None): pass  # noqa: E704
    def on_epoch_end(self, epoch, logs=None): pass  # noqa: E704
    def on_train_batch_begin(self, batch, logs=None): self.on_batch_begin(batch, logs=logs)  # noqa: E704
    def on_train_batch_end(self, batch, logs=None): self.on_batch_end(batch, logs=logs)  # noqa: E704
    def on_test_batch_begin(self, batch, logs=None): pass  # noqa: E704
    def on_test_batch_end(self, batch, logs=None): pass  # noqa: E704
    def on_predict_batch_begin(self, batch, logs=None): pass  # noqa: E704
    def on_predict_batch_end(self, batch, logs=None): pass  # noqa: E704
    def on_train_begin(self, logs=None): pass  # noqa: E704
    def on_train_end(self, logs=None): pass  # noqa: E704
    def on_test_begin(self, logs=None): pass  # noqa: E704
    def on_test_end(self, logs=None): pass  # noqa: E704
    def on_predict_begin(self, logs=None): pass  # noqa: E704
    def on_predict_end(self, logs=None): pass  # noqa: E704


def pythonify_logs(logs):
    """Scalars become Python floats; nested dicts are merged in; a copy is returned."""
    out = {}
    for k, v in (logs or {}).items():
        if isinstance(v, dict):
            out.update(pythonify_logs(v))
            continue
        try:
            arr = np.asarray(v)
            out[k] = float(arr) if arr.ndim == 0 and arr.dtype.kind in "fiub" else v
        except Exception:
            out[k] = v
    return out


# (hook, takes an index first, passes logs by keyword)
_HOOKS = [("on_batch_begin", True, True), ("on_batch_end", True, True), ("on_epoch_begin", True, False),
          ("on_epoch_end", True, False), ("on_train_batch_begin", True, True), ("on_train_batch_end", True, True),
          ("on_test_batch_begin", True, True), ("on_test_batch_end", True, True),
          ("on_predict_batch_begin", True, True), ("on_predict_batch_end", True, True),
          ("on_train_begin", False, False), ("on_train_end", False, False), ("on_test_begin", False, False),
          ("on_test_end", False, False), ("on_predict_begin", False, False), ("on_predict_end", False, False)]


class CallbackList(Callback):
    def __init__(self, callbacks=None, add_history=False, add_progbar=False, model=None, **params):
        super().__init__()
        from .history import History
        from .progbar_logger import ProgbarLogger
        self.callbacks = list(callbacks) if callbacks else []
        if add_history and not any(isinstance(c, History) for c in self.callbacks):
            self.callbacks.append(History())
        if add_progbar and not any(isinstance(c, ProgbarLogger) for c in self.callbacks):
            self.callbacks.append(ProgbarLogger())
        if model is not None:
            self.set_model(model)
        if params:
            self.set_params(params)

    def append(self, callback):
        self.callbacks.append(callback)

    def set_params(self, params):
        self.params = params
        for c in self.callbacks:
            c.set_params(params)

    def set_model(self, model):
        super().set_model(model)
        for c in self.callbacks:
            c.set_model(model)

    def __iter__(self):
        return iter(self.callbacks)


def _fan_out(name, indexed, by_keyword):
    if indexed and by_keyword:
        def hook(self, index, logs=None):
            logs = pythonify_logs(logs)
            for c in self.callbacks:
                getattr(c, name)(index, logs=logs)
    elif indexed:
        def hook(self, index, logs=None):
            logs = pythonify_logs(logs)
            for c in self.callbacks:
                getattr(c, name)(index, logs)
    else:
        def hook(self, logs=None):
            logs = pythonify_logs(logs)
            for c in self.callbacks:
                getattr(c, name)(logs)
    hook.__name__ = name
    return hook


for _name, _indexed, _kw in _HOOKS:
    setattr(CallbackList, _name, _fan_out(_name, _indexed, _kw))
