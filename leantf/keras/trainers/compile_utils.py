"""What compile() was given, resolved against the model's outputs on the first batch.

CompileLoss: one loss per output, summed with the loss weights; with several outputs it also
tracks each output's own loss (``o1_loss``). CompileMetrics: the ``metrics`` (unweighted) and
``weighted_metrics`` (given the sample weights) of each output, logged as ``mae`` for one
output and ``o1_mae`` for several, as Keras 3 does.
"""
from ...framework import nest
from ...framework.tensor import convert_to_tensor
from ...ops.basic_ops import cast, stack
from ...ops.math_ops import multiply
from ...ops.reduction_ops import reduce_sum

__all__ = ["CompileLoss", "CompileMetrics", "resolve_metric"]


def output_names(model, n):
    names = getattr(model, "output_names", None)
    if names and len(names) == n:
        return list(names)
    return [f"output_{i + 1}" for i in range(n)]


def _flat_targets(y, names):
    """Targets in output order: a dict of targets is read by output name."""
    if isinstance(y, dict):
        return [y.get(n) for n in names]
    return nest.flatten(y)


def _as_loss_object(identifier):
    from .. import losses
    obj = losses.get(identifier)
    if obj is None:
        return None
    if isinstance(obj, losses.Loss):
        return obj
    return losses.LossFunctionWrapper(obj, name=getattr(obj, "__name__", "loss"))


class CompileLoss:
    def __init__(self, loss, loss_weights=None):
        self._spec = loss
        self._weights_spec = loss_weights
        self.built = False
        self.metrics = []

    def build(self, model, y_true, y_pred):
        from .. import metrics
        n = len(nest.flatten(y_pred))
        names = output_names(model, n)
        self.names = names
        spec = self._spec
        if isinstance(spec, dict):
            if sorted(spec) != sorted(names) and any(k not in names for k in spec):
                raise ValueError(f"Expected keys {names} in loss dict, but found loss.keys()={list(spec)}")
            per_output = [spec.get(k) for k in names]
        elif isinstance(spec, (list, tuple)) and n > 1:
            if len(spec) != n:
                raise ValueError(f"For a model with multiple outputs, when providing the `loss` argument as a list, "
                                 f"it should have as many entries as the model has outputs. Received:\nloss={spec}\n"
                                 f"of length {len(spec)} whereas the model has {n} outputs.")
            per_output = list(spec)
        elif isinstance(spec, (list, tuple)):
            per_output = [spec[0] if spec else None]
        else:
            per_output = [spec] * n  # one loss applies to every output
        self.losses = [_as_loss_object(l) for l in per_output]
        weights = self._weights_spec
        if weights is None:
            self.weights = [None] * n
        elif isinstance(weights, dict):
            self.weights = [weights.get(k) for k in names]
        else:
            weights = nest.flatten(weights)
            self.weights = list(weights) + [None] * (n - len(weights))
        multi = n > 1 and sum(l is not None for l in self.losses) > 1
        self.trackers = [metrics.Mean(name=f"{name}_loss") if (multi and l is not None) else None
                         for name, l in zip(names, self.losses)]
        self.metrics = [t for t in self.trackers if t is not None]
        self.built = True

    def __call__(self, y_true, y_pred, sample_weight=None):
        flat_true = _flat_targets(y_true, self.names)
        flat_pred = nest.flatten(y_pred)
        if isinstance(sample_weight, dict):
            flat_sw = [sample_weight.get(n) for n in self.names]
        else:
            flat_sw = nest.flatten(sample_weight) if sample_weight is not None else [None] * len(flat_pred)
            if len(flat_sw) == 1 and len(flat_pred) > 1:
                flat_sw = flat_sw * len(flat_pred)
        values = []
        for loss, w, yt, yp, sw, tracker in zip(self.losses, self.weights, flat_true, flat_pred, flat_sw,
                                                self.trackers):
            if loss is None or yt is None:
                continue
            value = loss(convert_to_tensor(yt), yp, sample_weight=sw)
            if tracker is not None:
                tracker.update_state(value, sample_weight=int(yp.shape[0]))
            if w is not None:
                value = multiply(value, cast(w, value.dtype))
            values.append(value)
        if not values:
            return None
        return values[0] if len(values) == 1 else reduce_sum(stack(values))


def resolve_metric(identifier, y_true, y_pred):
    """Keras's resolution of one compile metric: 'accuracy'/'acc' picks the variant the shapes of
    the data call for; a metric given by string is named by that string ('mae' logs as 'mae')."""
    from .. import metrics
    if isinstance(identifier, str) and identifier.lower() in ("accuracy", "acc"):
        t_rank, p_rank = y_true.shape.rank, y_pred.shape.rank
        t_last, p_last = y_true.shape[-1] if t_rank else None, y_pred.shape[-1] if p_rank else None
        if p_last == 1:
            obj = metrics.BinaryAccuracy(name=identifier)
        elif (t_rank is not None and p_rank is not None and t_rank < p_rank) or (t_last == 1 and p_last != 1):
            obj = metrics.SparseCategoricalAccuracy(name=identifier)
        else:
            obj = metrics.CategoricalAccuracy(name=identifier)
        return obj
    obj = metrics.get(identifier)
    if not isinstance(obj, metrics.Metric):
        obj = metrics.MeanMetricWrapper(obj, name=getattr(obj, "__name__", "metric"))
    if isinstance(identifier, str):
        obj.name = identifier
    return obj


class CompileMetrics:
    """The metrics given to compile(), as one entry of `model.metrics` named 'compile_metrics'."""

    name = "compile_metrics"

    def __init__(self, metrics, weighted_metrics=None):
        self._spec = metrics
        self._weighted_spec = weighted_metrics
        self.built = False
        self._entries = []  # (log name, metric, output index, weighted)

    def _spread(self, spec, names, what):
        n = len(names)
        if spec is None:
            return [[] for _ in names]
        if n == 1:
            if isinstance(spec, dict):
                return [nest.flatten(spec.get(names[0], []))]
            return [nest.flatten(spec)]
        if isinstance(spec, dict):
            return [nest.flatten(spec.get(k)) if spec.get(k) is not None else [] for k in names]
        if isinstance(spec, (list, tuple)) and len(spec) == n:
            return [nest.flatten(s) if s is not None else [] for s in spec]
        flat = tuple(nest.flatten(spec))
        raise ValueError(f"tuple arity mismatch; expected: {n}, got: {len(flat)}; tuple: {flat}.\nInvalid `{what}`. "
                         f"`{what}` should contain metrics objects and either be a dict or a list matching the "
                         f"output names of the functional model {names} or match the output structure of the "
                         f"model: {['X'] * n}.\nReceived: {what}={spec}")

    def build(self, model, y_true, y_pred):
        flat_pred = nest.flatten(y_pred)
        names = output_names(model, len(flat_pred))
        self._names = names
        flat_true = _flat_targets(y_true, names)
        multi = len(flat_pred) > 1
        entries = []
        for weighted, spec, what in ((False, self._spec, "metrics"), (True, self._weighted_spec, "weighted_metrics")):
            for i, idents in enumerate(self._spread(spec, names, what)):
                for ident in idents:
                    if ident is None or flat_true[i] is None:
                        continue
                    obj = resolve_metric(ident, convert_to_tensor(flat_true[i]), flat_pred[i])
                    log_name = f"{names[i]}_{obj.name}" if multi else obj.name
                    entries.append((log_name, obj, i, weighted))
        # Metrics listed for every output come in output order, as Keras builds them.
        self._entries = sorted(entries, key=lambda e: (e[3], e[2])) if multi else entries
        self.built = True

    @property
    def metrics(self):
        return [e[1] for e in self._entries]

    @property
    def variables(self):
        return [v for m in self.metrics for v in m.variables]

    def update_state(self, y_true, y_pred, sample_weight=None):
        flat_true = _flat_targets(y_true, self._names)
        flat_pred = nest.flatten(y_pred)
        if isinstance(sample_weight, dict):
            flat_sw = [sample_weight.get(n) for n in self._names]
        else:
            flat_sw = nest.flatten(sample_weight) if sample_weight is not None else [None] * len(flat_pred)
            if len(flat_sw) == 1:
                flat_sw = flat_sw * len(flat_pred)
        for _, metric, i, weighted in self._entries:
            if flat_true[i] is None:
                continue
            metric.update_state(flat_true[i], flat_pred[i], sample_weight=flat_sw[i] if weighted else None)

    def result(self):
        return {name: metric.result() for name, metric, _, _ in self._entries}

    def reset_state(self):
        for m in self.metrics:
            m.reset_state()

    def __repr__(self):
        return f"<CompileMetrics name={self.name}>"
