"""What compile() was given, resolved against the model's outputs on the first batch:
one loss per output (summed with weights), metrics per output, and their log names."""
from ...framework import nest
from ...framework.tensor import convert_to_tensor
from ...ops.math_ops import add, multiply

__all__ = ["CompiledLoss", "CompiledMetrics", "resolve_metric"]


def _output_names(model, n):
    names = getattr(model, "output_names", None)
    if names and len(names) == n:
        return list(names)
    outs = getattr(model, "_output_tensors", None)
    if outs and len(outs) == n:
        return [t._keras_history[0].name for t in outs]
    return [f"output_{i + 1}" for i in range(n)]


def _per_output(spec, names, what):
    """Spread a compile argument over outputs: one value, a list, or a dict keyed by output name."""
    if isinstance(spec, dict):
        unknown = [k for k in spec if k not in names]
        if unknown:
            raise ValueError(f"In the dict argument `{what}`, key '{unknown[0]}' does not correspond to any model "
                             f"output. Received:\n{what}={spec}")
        return [spec.get(n) for n in names]
    if isinstance(spec, (list, tuple)) and len(names) > 1:
        if len(spec) != len(names):
            raise ValueError(f"For a model with multiple outputs, when providing the `{what}` argument as a "
                             f"list, it should have as many entries as the model has outputs. Received:\n"
                             f"{what}={spec}\nof length {len(spec)} whereas the model has {len(names)} outputs.")
        return list(spec)
    return [spec] + [None] * (len(names) - 1) if len(names) > 1 and what != "loss" else [spec] * len(names)


def _as_loss_object(identifier):
    from .. import losses
    obj = losses.get(identifier)
    if obj is None:
        return None
    if isinstance(obj, losses.Loss):
        return obj
    return losses.LossFunctionWrapper(obj, name=getattr(obj, "__name__", "loss"))


class CompiledLoss:
    def __init__(self, loss, loss_weights=None):
        self._spec = loss
        self._weights_spec = loss_weights
        self.built = False

    def build(self, model, y_true, y_pred):
        from .. import metrics
        flat_pred = nest.flatten(y_pred)
        names = _output_names(model, len(flat_pred))
        self.names = names
        self.losses = [_as_loss_object(l) for l in _per_output(self._spec, names, "loss")]
        if self._weights_spec is None:
            self.weights = [1.0] * len(names)
        else:
            self.weights = [1.0 if w is None else float(w)
                            for w in _per_output(self._weights_spec, names, "loss_weights")]
        multi = len([l for l in self.losses if l is not None]) > 1
        self.trackers = [metrics.Mean(name=f"{n}_loss") if (multi and l is not None) else None
                         for n, l in zip(names, self.losses)]
        self.built = True

    def __call__(self, y_true, y_pred, sample_weight=None):
        flat_true = nest.flatten(y_true) if not isinstance(y_true, dict) else [y_true[n] for n in self.names]
        flat_pred = nest.flatten(y_pred)
        flat_sw = nest.flatten(sample_weight) if sample_weight is not None else [None] * len(flat_pred)
        if len(flat_sw) == 1 and len(flat_pred) > 1:
            flat_sw = flat_sw * len(flat_pred)
        total = None
        for loss, w, yt, yp, sw, tracker in zip(self.losses, self.weights, flat_true, flat_pred, flat_sw,
                                                self.trackers):
            if loss is None or yt is None:
                continue
            value = loss(convert_to_tensor(yt), yp, sample_weight=sw)
            if tracker is not None:
                tracker.update_state(value)
            if w != 1.0:
                value = multiply(value, w)
            total = value if total is None else add(total, value)
        return total


def resolve_metric(identifier, y_true, y_pred):
    """Keras's resolution of one compile metric; 'accuracy' picks the variant the data calls for."""
    from .. import metrics
    if identifier is None:
        return None
    if isinstance(identifier, str) and identifier.lower() in ("accuracy", "acc"):
        true_shape, pred_shape = y_true.shape, y_pred.shape
        if pred_shape[-1] == 1:
            fn = metrics.binary_accuracy
        elif len(true_shape) == len(pred_shape) - 1 or (true_shape[-1] == 1 and pred_shape[-1] != 1):
            fn = metrics.sparse_categorical_accuracy
        else:
            fn = metrics.categorical_accuracy
        obj = metrics.MeanMetricWrapper(fn, name=identifier)
    else:
        obj = metrics.get(identifier)
        if not isinstance(obj, metrics.Metric):
            name = identifier if isinstance(identifier, str) else getattr(obj, "__name__", "metric")
            obj = metrics.MeanMetricWrapper(obj, name=name)
    return obj


class CompiledMetrics:
    def __init__(self, metrics, weighted_metrics=None):
        self._spec = metrics
        self._weighted_spec = weighted_metrics
        self.built = False
        self.metrics = []

    def build(self, model, y_true, y_pred):
        flat_pred = nest.flatten(y_pred)
        names = _output_names(model, len(flat_pred))
        flat_true = nest.flatten(y_true) if not isinstance(y_true, dict) else [y_true[n] for n in names]
        multi = len(flat_pred) > 1
        self._per_output = []
        spec = self._spec
        if multi and not isinstance(spec, (dict, list, tuple)):
            spec = [spec] * len(names)
        elif multi and isinstance(spec, (list, tuple)) and spec and not isinstance(spec[0], (list, tuple, dict)) \
                and len(spec) != len(names):
            spec = [spec] * len(names)
        per_output = _per_output(spec, names, "metrics") if multi else [spec]
        for i, (name, ms) in enumerate(zip(names, per_output)):
            objs = []
            for ident in nest.flatten(ms) if ms is not None else []:
                obj = resolve_metric(ident, convert_to_tensor(flat_true[i]), flat_pred[i])
                if multi:
                    obj.name = f"{name}_{obj.name}"
                objs.append(obj)
            self._per_output.append(objs)
        self.metrics = [m for objs in self._per_output for m in objs]
        self.built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        flat_pred = nest.flatten(y_pred)
        flat_true = nest.flatten(y_true) if not isinstance(y_true, dict) else list(y_true.values())
        for objs, yt, yp in zip(self._per_output, flat_true, flat_pred):
            for m in objs:
                m.update_state(yt, yp, sample_weight=sample_weight)
