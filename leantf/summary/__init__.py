"""tf.summary: TensorBoard event files written in TF2's format (loaded lazily by leantf)."""
from . import experimental  # noqa: F401
from .ops import histogram, image, scalar, text  # noqa: F401
from .writer import (SummaryWriter, create_file_writer, create_noop_writer, flush,  # noqa: F401
                     record_if, should_record_summaries)
from .event_pb import read_events  # noqa: F401  (leantf extra: decode an event file)
