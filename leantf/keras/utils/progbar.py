"""keras.utils.Progbar: the training progress bar, byte for byte as Keras 3 prints it.

Under POSIX Keras always redraws in place ("dynamic display"), even into a pipe: each
update backspaces over the previous line, returns the carriage and writes the new one.
"""
import math
import os
import sys
import time

__all__ = ["Progbar"]


def _dynamic_display():
    return (hasattr(sys.stdout, "isatty") and sys.stdout.isatty()) or "ipykernel" in sys.modules \
        or "posix" in sys.modules or "PYCHARM_HOSTED" in os.environ


def _format_value(avg):
    return f" {avg:.4f}" if abs(avg) > 1e-3 else f" {avg:.4e}"


def _format_time(seconds_per_unit, unit_name):
    if seconds_per_unit >= 1 or seconds_per_unit == 0:
        return f" {seconds_per_unit:.0f}s/{unit_name}"
    if seconds_per_unit >= 1e-3:
        return f" {seconds_per_unit * 1000.0:.0f}ms/{unit_name}"
    return f" {seconds_per_unit * 1000000.0:.0f}us/{unit_name}"


class Progbar:
    def __init__(self, target, width=20, verbose=1, interval=0.05, stateful_metrics=None, unit_name="step"):
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        # Keras 3 metrics are all stateful: the value shown is the value passed, not a running mean.
        self.stateful_metrics = set(stateful_metrics) if stateful_metrics else None
        self._dynamic_display = _dynamic_display()
        self._seen_so_far = 0
        self._values = {}
        self._values_order = []
        self._start = time.time()
        self._last_update = 0.0
        self._time_after_first_step = None
        self._prev_total_width = 0

    def _record(self, current, values):
        for k, v in values or []:
            if k not in self._values_order:
                self._values_order.append(k)
            if self.stateful_metrics is None or k in self.stateful_metrics:
                self._values[k] = [float(v), 1]
            else:
                base = max(current - self._seen_so_far, 1)
                acc = self._values.setdefault(k, [0.0, 0])
                acc[0] += float(v) * base
                acc[1] += base
        self._seen_so_far = current

    def _average(self, k):
        total, count = self._values[k]
        return total / max(1, count)

    def _step_duration(self, current, now):
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
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        self._record(current, values)
        now = time.time()
        per_unit = self._step_duration(current, now)
        if self.verbose == 1:
            if now - self._last_update < self.interval and not finalize:
                return
            message = "\b" * self._prev_total_width + "\r" if self._dynamic_display else "\n"
            special = 0
            if self.target is not None:
                digits = int(math.log10(self.target)) + 1
                bar = f"\x1b[1m{current:{digits}d}/{self.target}\x1b[0m "
                special += 8
                done = int(self.width * float(current) / self.target)
                if done > 0:
                    bar += "\x1b[32m" + "━" * done + "\x1b[0m"
                    special += 9
                bar += "\x1b[37m" + "━" * (self.width - done) + "\x1b[0m"
                special += 9
            else:
                bar = "%7d/Unknown" % current
            message += bar
            if self.target is not None and not finalize:
                eta = per_unit * (self.target - current)
                if eta > 3600:
                    eta_text = "%d:%02d:%02d" % (eta // 3600, (eta % 3600) // 60, eta % 60)
                elif eta > 60:
                    eta_text = "%d:%02d" % (eta // 60, eta % 60)
                else:
                    eta_text = "%ds" % eta
                info = f" \x1b[1m{eta_text}\x1b[0m"
            else:
                info = f" \x1b[1m{now - self._start:.0f}s\x1b[0m"
            special += 8
            info += _format_time(per_unit, self.unit_name)
            for k in self._values_order:
                info += f" - {k}:" + _format_value(self._average(k))
            message += info
            total_width = len(bar) + len(info) - special
            if self._prev_total_width > total_width:
                message += " " * (self._prev_total_width - total_width)
            if finalize:
                message += "\n"
            _write(message)
            self._prev_total_width = total_width
        elif self.verbose == 2 and finalize:
            digits = int(math.log10(self.target)) + 1
            info = f"{current:{digits}d}/{self.target} - {now - self._start:.0f}s -"
            info += _format_time(per_unit, self.unit_name)
            for k in self._values_order:
                info += f" - {k}:" + _format_value(self._average(k))
            _write(info + "\n")
        self._last_update = now

    def add(self, n, values=None):
        self.update(self._seen_so_far + n, values)


def _write(text):
    sys.stdout.write(text)
    sys.stdout.flush()
