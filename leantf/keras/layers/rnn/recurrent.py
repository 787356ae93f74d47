"""SimpleRNN, LSTM and GRU: an RNN over the matching built-in cell, configured flat.

As in Keras, the layer's config holds the cell's arguments directly (no nested ``cell``),
and the layer exposes them as read-only properties of its cell.
"""
from ..input_spec import InputSpec
from .cells import GRUCell, LSTMCell, SimpleRNNCell
from .rnn import RNN

__all__ = ["SimpleRNN", "LSTM", "GRU"]

_RNN_KEYS = ("return_sequences", "return_state", "go_backwards", "stateful", "unroll")


def _check_use_cudnn(use_cudnn):
    if use_cudnn not in ("auto", True, False):
        raise ValueError("Invalid valid received for argument `use_cudnn`. Expected one of {'auto', True, False}. "
                         f"Received: use_cudnn={use_cudnn}")


class _CellLayer(RNN):
    """An RNN whose cell is made from the layer's own arguments."""
    _cell_class = None
    _cell_name = None

    def __init__(self, units, return_sequences=False, return_state=False, go_backwards=False, stateful=False,
                 unroll=False, activity_regularizer=None, use_cudnn="auto", **kwargs):
        cell_args = {k: kwargs.pop(k) for k in list(kwargs) if k in self._cell_arguments}
        cell = self._cell_class(units, dtype=kwargs.get("dtype"), trainable=kwargs.get("trainable", True),
                                name=self._cell_name, **cell_args)
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.input_spec = InputSpec(ndim=3)
        _check_use_cudnn(use_cudnn)
        self.use_cudnn = use_cudnn  # accepted for compatibility: there is no cuDNN path here

    def __getattr__(self, name):
        # units, activation, dropout, ... read through to the cell, as Keras's properties do.
        if name in type(self)._cell_arguments or name in ("units", "kernel", "recurrent_kernel", "bias"):
            cell = self.__dict__.get("cell")
            if cell is not None:
                return getattr(cell, name)
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def get_config(self):
        config = super().get_config()
        del config["cell"]
        cell_config = self.cell.get_config()
        for key in ("name", "trainable", "dtype"):
            cell_config.pop(key, None)
        order = list(cell_config)
        # Keras lists activity_regularizer among the cell's regularizers.
        at = order.index("bias_regularizer") + 1
        order.insert(at, "activity_regularizer")
        cell_config["activity_regularizer"] = config.pop("activity_regularizer", None)
        return {**config, **{k: cell_config[k] for k in order if k in cell_config and k not in self._omit}}

    _omit = ()

    @classmethod
    def from_config(cls, config):
        return cls(**config)


_COMMON = ("activation", "use_bias", "kernel_initializer", "recurrent_initializer", "bias_initializer",
           "kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "kernel_constraint",
           "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout", "seed", "implementation")


class SimpleRNN(_CellLayer):
    _cell_class = SimpleRNNCell
    _cell_name = "simple_rnn_cell"
    _cell_arguments = _COMMON
    _omit = ("seed",)  # Keras's SimpleRNN leaves its seed out of the config


class LSTM(_CellLayer):
    _cell_class = LSTMCell
    _cell_name = "lstm_cell"
    _cell_arguments = _COMMON + ("recurrent_activation", "unit_forget_bias")


class GRU(_CellLayer):
    _cell_class = GRUCell
    _cell_name = "gru_cell"
    _cell_arguments = _COMMON + ("recurrent_activation", "reset_after")
