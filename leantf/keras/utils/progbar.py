"""keras.utils.Progbar: the training progress bar, byte for byte as Keras 3 prints it.

Under POSIX Keras always redraws in place ("dynamic display"), even into a pipe: each
update backspaces over the previous line, returns the carriage and writes the new one.

The clock is read exactly once when a bar is made and once per ``update`` call (skipped
redraws included), as in Keras: ETAs, the time per step and the 0.05 s redraw throttle all
follow from those readings, and tests replace ``time`` in this module with a fake clock
that advances per reading.
"""
import logging
import math
import os
import sys
import time

import numpy as np

__all__ = ["Progbar"]

_BOLD, _GREEN, _GREY, _RESET = "\x1b[1m", "\x1b[32m", "\x1b[37m", "\x1b[0m"
# How many characters of escape codes each styled piece adds (they take no screen width):
# a bold span is "\x1b[1m" + "\x1b[0m" = 8, a coloured span "\x1b[32m"/"\x1b[37m" + reset = 9.
_BOLD_LEN, _COLOR_LEN = 8, 9

_logger = logging.getLogger("absl")


def _interactive():
    from .. import config
    return config.is_interactive_logging_enabled()


def print_msg(message, line_break=True):
    """Keras's io_utils.print_msg: stdout while interactive logging is on, else the log."""
    message = str(message)
    if not _interactive():
        _logger.info(message)
        return
    if line_break:
        message += "\n"
    try:
        sys.stdout.write(message)
    except UnicodeEncodeError:
        # A console that cannot encode the bar character gets Keras 2's '=' instead, and
        # whatever else it cannot show is dropped.
        encoding = sys.stdout.encoding or "utf-8"
        message = message.replace("━", "=").encode(encoding, errors="ignore").decode(encoding)
        sys.stdout.write(message)
    sys.stdout.flush()


def _dynamic_display():
    return (hasattr(sys.stdout, "isatty") and sys.stdout.isatty()) or "ipykernel" in sys.modules \
        or "posix" in sys.modules or "PYCHARM_HOSTED" in os.environ


def _mean_value(entry):
    """The number shown for a metric: its accumulated total over its count.

    Non-float totals (ints, NumPy arrays, float32 scalars) are reduced with np.mean first,
    as Keras does, so an array metric shows the mean of its running total."""
    total, count = entry
    if not isinstance(total, float):
        total = np.mean(total)
    return total / max(1, count)


def _format_time(seconds_per_unit, unit_name):
    if seconds_per_unit >= 1 or seconds_per_unit == 0:
        return f" {seconds_per_unit:.0f}s/{unit_name}"
    if seconds_per_unit >= 1e-3:
        return f" {seconds_per_unit * 1000.0:.0f}ms/{unit_name}"
    return f" {seconds_per_unit * 1000000.0:.0f}us/{unit_name}"


def _format_eta(eta):
    # "%d" truncates toward zero, which is what the displayed digits must do too.
    if eta > 3600:
        return "%d:%02d:%02d" % (eta // 3600, (eta % 3600) // 60, eta % 60)
    if eta > 60:
        return "%d:%02d" % (eta // 60, eta % 60)
    return "%ds" % eta


class Progbar:
    """Displays a progress bar.

    With neither ``stateful_metrics`` nor ``stateless_metrics`` every metric is averaged
    over the steps seen (weighted by how many steps each update covers); names in
    ``stateful_metrics`` are shown as passed. ``stateless_metrics`` inverts the rule: only
    the names it lists are averaged (ProgbarLogger passes an empty set, so Keras 3's
    already-averaged metric results are shown as they are).
    """

    def __init__(self, target, width=20, verbose=1, interval=0.05, stateful_metrics=None,
                 stateless_metrics=None, unit_name="step"):
        if stateful_metrics is not None and stateless_metrics is not None:
            raise ValueError("Only one of `stateful_metrics` or `stateless_metrics` can be provided. "
                             "`stateful_metrics` is used to make metrics stateless by default (with an "
                             "exclusion list), while `stateless_metrics` is used to make metrics stateful by "
                             "default (with an exclusion list).")
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        if stateful_metrics is not None:
            self.stateful_metrics, self.stateless_metrics = set(stateful_metrics), None
        elif stateless_metrics is not None:
            self.stateful_metrics, self.stateless_metrics = None, set(stateless_metrics)
        else:
            self.stateful_metrics, self.stateless_metrics = set(), None
        self._dynamic_display = _dynamic_display()
        self._seen_so_far = 0
        self._values = {}
        self._values_order = []
        self._start = time.time()
        self._last_update = 0
        self._time_at_epoch_start = self._start
        self._time_after_first_step = None
        self._prev_total_width = 0

    def _is_stateless(self, name):
        if self.stateful_metrics is not None:
            return name not in self.stateful_metrics
        return name in self.stateless_metrics

    def _record(self, current, values, finalize):
        for k, v in values:
            if k not in self._values_order:
                self._values_order.append(k)
            if self._is_stateless(k) and not finalize:
                # Weight by the steps this update covers; at least 1, since a bar whose target
                # was unknown gets the same `current` again when it is finalized.
                base = max(current - self._seen_so_far, 1)
                if k in self._values:
                    self._values[k][0] += v * base
                    self._values[k][1] += base
                else:
                    self._values[k] = [v * base, base]
            else:
                # A stateful value, or the final value of a stateless one, is shown as passed.
                self._values[k] = [v, 1]
        self._seen_so_far = current

    def _estimate_step_duration(self, current, now):
        """Seconds per step; the first step (often slow: tracing, warm-up) is left out once
        later steps exist."""
        if not current:
            return 0
        if self._time_after_first_step is not None and current > 1:
            per_unit = (now - self._time_after_first_step) / (current - 1)
        else:
            per_unit = (now - self._start) / current
        if current == 1:
            self._time_after_first_step = now
        return per_unit

    def update(self, current, values=None, finalize=None):
        """Record step ``current`` and redraw (verbose=1) or, when finalizing, print the
        one-line summary (verbose=2). ``values``: ``(name, value)`` pairs for this step."""
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        self._record(current, values or [], finalize)
        now = time.time()
        per_unit = self._estimate_step_duration(current, now)
        known_target = self.target is not None and self.target > 0
        if self.verbose == 1:
            if now - self._last_update < self.interval and not finalize:
                return
            self._draw(current, now, per_unit, finalize, known_target)
        elif self.verbose == 2 and finalize and known_target:
            digits = int(math.log10(self.target)) + 1
            line = f"%{digits}d/%d" % (current, self.target)
            line += f" - {now - self._start:.0f}s -" + _format_time(per_unit, self.unit_name)
            for k in self._values_order:
                avg = _mean_value(self._values[k])
                # No abs() here, unlike verbose=1: negative values print in exponent form.
                line += f" - {k}: {avg:.4f}" if avg > 1e-3 else f" - {k}: {avg:.4e}"
            print_msg(line + "\n", line_break=False)
        self._last_update = now

    def _draw(self, current, now, per_unit, finalize, known_target):
        message = "\b" * self._prev_total_width + "\r" if self._dynamic_display else "\n"
        hidden = 0  # escape-code characters in the line, which take no columns
        if known_target:
            digits = int(math.log10(self.target)) + 1
            bar = f"{_BOLD}" + f"%{digits}d/%d" % (current, self.target) + f"{_RESET} "
            hidden += _BOLD_LEN
            done = int(self.width * (float(current) / self.target))
            if done > 0:
                bar += _GREEN + "━" * done + _RESET
                hidden += _COLOR_LEN
            bar += _GREY + "━" * (self.width - done) + _RESET
            hidden += _COLOR_LEN
        else:
            bar = "%7d/Unknown" % current
        if known_target and not finalize:
            info = f" {_BOLD}{_format_eta(per_unit * (self.target - current))}{_RESET}"
        else:
            info = f" {_BOLD}{now - self._start:.0f}s{_RESET}"  # elapsed time
        hidden += _BOLD_LEN
        info += _format_time(per_unit, self.unit_name)
        for k in self._values_order:
            avg = _mean_value(self._values[k])
            info += f" - {k}: {avg:.4f}" if abs(avg) > 1e-3 else f" - {k}: {avg:.4e}"
        total_width = len(bar) + len(info) - hidden
        line = message + bar + info
        if self._prev_total_width > total_width:
            # Blank out what is left of a longer previous line.
            line += " " * (self._prev_total_width - total_width)
        if finalize:
            line += "\n"
        print_msg(line, line_break=False)
        self._prev_total_width = total_width

    def add(self, n, values=None):
        self.update(self._seen_so_far + n, values)
