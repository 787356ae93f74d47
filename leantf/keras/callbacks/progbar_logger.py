"""ProgbarLogger: prints "Epoch i/N" and drives the progress bar during fit/evaluate/predict.

The bar is made when an epoch (or an evaluate/predict run) begins, so its clock starts
there; batch ends redraw it only at verbose=1, and the epoch end finalizes it (the single
verbose=2 line). Inside fit, validation is silent.
"""
from ..utils.progbar import Progbar, print_msg
from .callback import Callback

__all__ = ["ProgbarLogger"]


class ProgbarLogger(Callback):
    def __init__(self):
        super().__init__()
        self.seen = 0
        self.progbar = None
        self.target = None
        self.verbose = 1
        self.epochs = 1
        self._called_in_fit = False

    def set_params(self, params):
        verbose = params["verbose"]
        self.verbose = 1 if verbose == "auto" else verbose
        self.epochs = params["epochs"]
        self.target = params["steps"]

    def on_train_begin(self, logs=None):
        self._called_in_fit = True

    def on_test_begin(self, logs=None):
        if not self._called_in_fit:
            self._reset_progbar()
            self._maybe_init_progbar()

    def on_predict_begin(self, logs=None):
        self._reset_progbar()
        self._maybe_init_progbar()

    def on_epoch_begin(self, epoch, logs=None):
        self._reset_progbar()
        self._maybe_init_progbar()
        if self.verbose and self.epochs > 1:
            print_msg(f"Epoch {epoch + 1}/{self.epochs}")

    def on_train_batch_end(self, batch, logs=None):
        self._update_progbar(batch, logs)

    def on_test_batch_end(self, batch, logs=None):
        if not self._called_in_fit:
            self._update_progbar(batch, logs)

    def on_predict_batch_end(self, batch, logs=None):
        self._update_progbar(batch, None)  # predictions are not metrics

    def on_epoch_end(self, epoch, logs=None):
        self._finalize_progbar(logs)

    def on_test_end(self, logs=None):
        if not self._called_in_fit:
            self._finalize_progbar(logs)

    def on_predict_end(self, logs=None):
        self._finalize_progbar(logs)

    def _reset_progbar(self):
        self.seen = 0
        self.progbar = None

    def _maybe_init_progbar(self):
        if self.progbar is None:
            # Keras 3 metrics report running results already, so none is averaged again.
            self.progbar = Progbar(target=self.target, verbose=self.verbose, unit_name="step",
                                   stateless_metrics=set())

    def _update_progbar(self, batch, logs=None):
        self._maybe_init_progbar()
        self.seen = batch + 1  # one-indexed
        if self.verbose == 1:
            self.progbar.update(self.seen, _items(logs), finalize=False)

    def _finalize_progbar(self, logs):
        if self.target is None:
            # Unknown length (a generator): the first pass found it; later epochs show it.
            self.target = self.seen
            self.progbar.target = self.target
        self.progbar.update(self.target, _items(logs), finalize=True)


def _items(logs):
    # Keras's trainer hands callbacks its logs with sorted keys, and the bar lists metrics in
    # the order first seen. leantf's trainer passes per-batch logs in metric order, so the
    # keys are sorted here to give the same line.
    return sorted((logs or {}).items())
