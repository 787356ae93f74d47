"""model.summary(): Keras 3's table, character for character as it prints when not on a TTY."""
import numpy as np

from ...framework import nest
from ..layers.input_layer import InputLayer

# Column widths (padding included) Keras 3 ends up with on an 80-column console.
_SEQUENTIAL_WIDTHS = (33, 24, 15)
_FUNCTIONAL_WIDTHS = (21, 19, 12, 19)


def _wrap(text, width):
    """Word-wrap ``text`` to ``width`` columns; a word too long for a line is cut with '…'."""
    lines, line = [], ""
    for word in text.split(" "):
        if len(word) > width:
            if line:
                lines.append(line)
            lines.append(word[:width - 1] + "…")
            line = ""
            continue
        candidate = word if not line else f"{line} {word}"
        if len(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    return lines


def _shape_text(shape):
    dims = ", ".join(str(d) for d in shape)
    return f"({dims},)" if len(shape) == 1 else f"({dims})"


def _output_shape(layer):
    nodes = getattr(layer, "_inbound_nodes", None)
    if nodes:
        outs = nest.flatten(nodes[0].outputs) if nodes[0].outputs is not None else []
        shapes = [_shape_text(t.shape.as_list()) for t in outs]
        return shapes[0] if len(shapes) == 1 else "[" + ", ".join(shapes) + "]"
    shapes = getattr(layer, "_build_shapes", None)
    if layer.built and shapes is not None:
        try:
            out = layer.compute_output_shape(shapes.as_list() if hasattr(shapes, "as_list") else shapes)
            flat = out if isinstance(out, list) and out and isinstance(out[0], tuple) else [out]
            texts = [_shape_text(list(s)) for s in flat]
            return texts[0] if len(texts) == 1 else "[" + ", ".join(texts) + "]"
        except Exception:
            return "?"
    return "?"


def _param_text(layer):
    if not getattr(layer, "built", True):
        return "0 (unbuilt)"
    return f"{_count(layer.weights):,}"


def _count(variables):
    return int(sum(np.prod(v.shape.as_list()) for v in variables))


def _bytes(variables):
    return int(sum(np.prod(v.shape.as_list()) * v.dtype.size for v in variables))


def readable_memory_size(n):
    units = ["B", "KB", "MB", "GB", "TB"]
    scale = 1024
    for unit in units:
        if n / scale < 1:
            return f"{n:.2f} {unit}"
        n /= scale
    return f"{n:.2f} PB"


def _connections(op, model):
    texts = []
    for node in op._inbound_nodes[:1]:
        for t in node.input_tensors:
            h = getattr(t, "_keras_history", None)
            if h is not None:
                texts.append(f"{h[0].name}[{h[1]}][{h[2]}]")
    return ", ".join(texts) if texts else "-"


def _is_sequential_like(model):
    """Keras drops the "Connected to" column when the graph is a plain chain."""
    from .functional import Functional
    if not isinstance(model, Functional) or type(model).__name__ == "Sequential":
        return True
    if sum(isinstance(op, InputLayer) for op in model.operations) > 1:
        return False
    consumers = {}
    for node in model._nodes:
        if len(node.input_tensors) > 1:
            return False
        for t in node.input_tensors:
            consumers[id(t)] = consumers.get(id(t), 0) + 1
    return all(c <= 1 for c in consumers.values())


def _rule(left, mid, right, fill, widths):
    return left + mid.join(fill * w for w in widths) + right


def _row(cells, widths, aligns, bar="│"):
    wrapped = [_wrap(c, w - 2) for c, w in zip(cells, widths)]
    height = max(len(w) for w in wrapped)
    lines = []
    for i in range(height):
        parts = []
        for lines_of_cell, w, align in zip(wrapped, widths, aligns):
            text = lines_of_cell[i] if i < len(lines_of_cell) else ""
            parts.append(" " + (text.rjust(w - 2) if align == "right" else text.ljust(w - 2)) + " ")
        lines.append(bar + bar.join(parts) + bar)
    return lines


def print_summary(model, line_length=None, positions=None, print_fn=None, expand_nested=False,
                  show_trainable=False, layer_range=None):
    from .functional import Functional
    from .sequential import Sequential
    emit = print_fn or print
    sequential_like = _is_sequential_like(model)
    if isinstance(model, Sequential):
        ops = model.layers
    elif isinstance(model, Functional):
        ops = model.operations
    else:
        ops = model.layers
    headers = ["Layer (type)", "Output Shape", "Param #"]
    aligns = ["left", "left", "right"]
    widths = _SEQUENTIAL_WIDTHS
    if not sequential_like:
        headers.append("Connected to")
        aligns.append("left")
        widths = _FUNCTIONAL_WIDTHS
    lines = [f'Model: "{model.name}"', _rule("┏", "┳", "┓", "━", widths)]
    lines += _row(headers, widths, aligns, bar="┃")
    lines.append(_rule("┡", "╇", "┩", "━", widths))
    for i, op in enumerate(ops):
        cls = getattr(op, "class_name", None) or type(op).__name__
        cells = [f"{op.name} ({cls})", _output_shape(op),
                 _param_text(op) if hasattr(op, "weights") else "0"]
        if not sequential_like:
            cells.append(_connections(op, model))
        if i:
            lines.append(_rule("├", "┼", "┤", "─", widths))
        lines += _row(cells, widths, aligns)
    lines.append(_rule("└", "┴", "┘", "─", widths))
    trainable = model.trainable_variables
    non_trainable = model.non_trainable_variables
    optimizer = getattr(model, "optimizer", None)
    opt_vars = list(getattr(optimizer, "variables", []) or []) if optimizer is not None else []
    total = trainable + non_trainable + opt_vars
    lines.append(f" Total params: {_count(total):,} ({readable_memory_size(_bytes(total))})")
    lines.append(f" Trainable params: {_count(trainable):,} ({readable_memory_size(_bytes(trainable))})")
    lines.append(f" Non-trainable params: {_count(non_trainable):,} "
                 f"({readable_memory_size(_bytes(non_trainable))})")
    if opt_vars:
        lines.append(f" Optimizer params: {_count(opt_vars):,} ({readable_memory_size(_bytes(opt_vars))})")
    for line in lines:
        emit(line)
