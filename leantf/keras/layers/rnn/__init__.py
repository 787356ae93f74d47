"""Recurrent layers: cells, the RNN loop, SimpleRNN / LSTM / GRU, Bidirectional, TimeDistributed."""
from .cells import GRUCell, LSTMCell, SimpleRNNCell  # noqa: F401
from .rnn import RNN  # noqa: F401
from .recurrent import GRU, LSTM, SimpleRNN  # noqa: F401
from .bidirectional import Bidirectional  # noqa: F401
from .time_distributed import TimeDistributed  # noqa: F401
