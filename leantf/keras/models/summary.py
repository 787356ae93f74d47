"""model.summary(): Keras 3's table, character for character as it prints when not on a TTY.

Keras builds a `rich` table and prints it through a rich console; this module reproduces
the text that comes out (no colours: those appear only on a terminal):

- Column widths. Keras asks for ``min(88, terminal columns - 4)`` total columns
  (108 with a "Connected to" column, +12 with a "Trainable" one), splits that at
  ``positions`` and hands each column its share as a fixed width. The table is that wide
  overall, so rich takes the two border columns, the inner dividers and each cell's 1+1
  padding out of it: the widths (padding included) are shrunk evenly with rounding carried
  from column to column (``_reduce_evenly``), or grown in proportion when they fall short.
  On an 80-column console that gives 33/24/15 and 21/19/12/19.
- Cell text is word-wrapped the way rich does it: whitespace stays attached to the word
  before it, a word that cannot fit on any line is left whole and then cut with '…', and
  cells are left/right/centre justified to the column. Headers sit at the bottom of their
  row, body cells at the top.
- The console crops every printed line at its own width (COLUMNS, else the size of the
  first of stdin/stdout/stderr that is a terminal, else 80) and folds the "Model:" and
  total lines at it.
- Text that Keras passes as rich markup (the "Connected to" cells, where layer names are
  not escaped) loses anything that looks like a ``[tag]``.
"""
import os
import re
import shutil
import sys
import unicodedata

import numpy as np

from ..layers.input_layer import InputLayer

__all__ = ["print_summary", "readable_memory_size", "count_params", "weight_memory_size"]

# rich's HEAVY_HEAD box and the ASCII box it falls back to on a console that cannot encode
# box-drawing characters. Rows: top, header, header rule, body, row rule, (foot rule),
# (foot), bottom; each row is left, fill, divider, right.
_HEAVY_HEAD = ("┏━┳┓", "┃ ┃┃", "┡━╇┩", "│ ││", "├─┼┤", "├─┼┤", "│ ││", "└─┴┘")
_ASCII = ("+--+", "| ||", "|-+|", "| ||", "|-+|", "|-+|", "| ||", "+--+")

# Bits per element, as Keras's dtype_utils counts them (bool is one bit).
_DTYPE_BITS = {**{f"float{i}": i for i in (16, 32, 64)}, **{f"int{i}": i for i in (8, 16, 32, 64)},
               **{f"uint{i}": i for i in (8, 16, 32, 64)}, "bfloat16": 16, "bool": 1}


# -- text measuring and wrapping (what rich does with a cell's text) -------------------------
def _char_cells(ch):
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    code = ord(ch)
    if (code and code < 32) or 0x7F <= code < 0xA0:
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _cell_len(text):
    return sum(_char_cells(ch) for ch in text)


def _set_cell_size(text, total):
    """Crop or pad ``text`` to exactly ``total`` cells; a wide character cut in half
    becomes a space."""
    if total <= 0:
        return ""
    out, used = [], 0
    for ch in text:
        width = _char_cells(ch)
        if used + width > total:
            break
        out.append(ch)
        used += width
    return "".join(out) + " " * (total - used)


def _chop_cells(word, width):
    lines, line, used = [], "", 0
    for ch in word:
        w = _char_cells(ch)
        if used + w > width and line:
            lines.append(line)
            line, used = "", 0
        line += ch
        used += w
    if used or not lines:
        lines.append(line)
    return lines


_WORD = re.compile(r"\s*\S+\s*")


def _break_offsets(text, width, fold):
    """Where a line of ``text`` is broken to fit ``width`` cells (character offsets).

    A "word" carries its trailing whitespace. A word too long for any line goes on a line
    of its own, either folded into ``width``-sized pieces or (fold=False) left whole."""
    breaks, used = [], 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = _cell_len(word.rstrip())
        if width - used >= length:
            used += _cell_len(word)
        elif length > width:
            if fold:
                pieces = _chop_cells(word, width)
                for i, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if i == len(pieces) - 1:
                        used = _cell_len(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                used = _cell_len(word)
        elif used and start:
            breaks.append(start)
            used = _cell_len(word)
    return breaks


def _truncate(line, width, overflow):
    if _cell_len(line) > width:
        return _set_cell_size(line, width - 1) + "…" if overflow == "ellipsis" else _set_cell_size(line, width)
    return line


def wrap_text(text, width, justify="default", overflow="fold"):
    """``text`` as the lines rich prints for it in ``width`` cells."""
    out = []
    for paragraph in text.split("\n"):
        offsets = [0, *_break_offsets(paragraph, width, overflow == "fold"), len(paragraph)]
        lines = []
        for a, b in zip(offsets, offsets[1:]):
            line = paragraph[a:b]
            if len(line) > width:
                # Trailing whitespace past the width is dropped, at most as much as overflows.
                trailing = len(line) - len(line.rstrip())
                line = line[:len(line) - min(trailing, len(line) - width)]
            lines.append(line)
        for line in lines:
            if justify == "left":
                line = _truncate(line, width, overflow)
                line += " " * (width - _cell_len(line))
            elif justify in ("center", "right"):
                line = _truncate(line.rstrip(), width, overflow)
                gap = width - _cell_len(line)
                left = gap // 2 if justify == "center" else gap
                line = " " * left + line + " " * (gap - left)
            out.append(_truncate(line, width, overflow))
    return out


_MARKUP_TAG = re.compile(r"(\\*)\[([a-z#/@][^[]*?)]")


def _markup_to_plain(text):
    """What rich shows for markup text: tags go, backslash-escaped tags stay as text."""
    def replace(match):
        slashes, tag = match.group(1), match.group(2)
        kept, escaped = divmod(len(slashes), 2)
        return "\\" * kept + (f"[{tag}]" if escaped else "")
    return _MARKUP_TAG.sub(replace, text)


# -- the table ----------------------------------------------------------------------------
def _reduce_evenly(excess, widths):
    """Take ``excess`` columns off ``widths`` in equal shares (rounded, remainder carried)."""
    out, remaining, shares = [], excess, sum(1 for w in widths if w)
    for w in widths:
        if w and shares:
            cut = min(w, round(remaining / shares))
            out.append(w - cut)
            remaining -= cut
            shares -= 1
        else:
            out.append(w)
    return out


def _grow_proportionally(extra, widths):
    """Hand ``extra`` columns out in proportion to ``widths`` (rounded up, carried)."""
    out, remaining, total = [], extra, sum(widths)
    for w in widths:
        share = -(-w * remaining // total) if total > 0 else remaining
        out.append(w + share)
        total -= w
        remaining -= share
    return out


def _column_widths(requested, table_width):
    """Final widths (padding included, borders not) of columns asked to be ``requested``
    wide in a table ``table_width`` wide overall."""
    room = table_width - (len(requested) + 1)  # two edges and the inner dividers
    if room < 1:
        return [1] * len(requested)
    widths = [min(w + 2, room) for w in requested]
    if sum(widths) > room:
        widths = [max(w, 0) for w in _reduce_evenly(sum(widths) - room, widths)]
    elif sum(widths) < room:
        widths = _grow_proportionally(room - sum(widths), widths)
    return widths


def _render_table(headers, justify, requested, rows, table_width, box):
    widths = _column_widths(requested, table_width)

    def rule(spec):
        return spec[0] + spec[2].join(spec[1] * w for w in widths) + spec[3]

    def render_row(cells, bar, header):
        blocks = []
        for text, w, how in zip(cells, widths, justify):
            # A column with no room inside its padding renders nothing: it stays blank.
            blocks.append([" " + line + " " for line in wrap_text(text, w - 2, how, "ellipsis")] if w > 2 else [])
        height = max([1] + [len(b) for b in blocks])
        for b, w in zip(blocks, widths):
            blank = [" " * w] * (height - len(b))
            b[:] = blank + b if header else b + blank  # headers sit at the bottom
        return [bar[0] + bar[2].join(b[i] for b in blocks) + bar[3] for i in range(height)]

    lines = [rule(box[0])]
    lines += render_row(headers, box[1], True)
    lines.append(rule(box[2]))
    for i, cells in enumerate(rows):
        if i:
            lines.append(rule(box[4]))
        lines += render_row(cells, box[3] if i < len(rows) - 1 else box[6], False)
    lines.append(rule(box[7]))
    return lines


# -- what goes in the cells ---------------------------------------------------------------
def _shape_text(shape):
    # Keras joins the dims itself, so a 1-D shape prints as "(None)", not "(None,)".
    return "(" + ", ".join(str(d) for d in shape) + ")"


def _dims(shape):
    if hasattr(shape, "as_list"):
        return shape.as_list()
    return list(shape)


def _is_shape(value):
    return isinstance(value, (list, tuple)) and all(d is None or isinstance(d, (int, np.integer)) for d in value)


def _structure_text(value):
    """Keras prints several computed shapes as ``str()`` of their structure with the quotes
    taken out: "[(2, 4), (2, 1)]", "((2, 4),)", "{a: (2, 4)}"."""
    if hasattr(value, "as_list"):
        value = value.as_list()
    if _is_shape(value):
        return _shape_text(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_structure_text(v)}" for k, v in value.items()) + "}"
    parts = [_structure_text(v) for v in value]
    if isinstance(value, tuple):
        return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"
    return "[" + ", ".join(parts) + "]"


def _output_shape(layer):
    from ...framework import nest
    nodes = getattr(layer, "_inbound_nodes", None) or []
    if nodes:
        # The layer's last call wins, as in Keras (a shared layer shows its latest output).
        texts = [_shape_text(_dims(t.shape)) for t in nest.flatten(nodes[-1].outputs) if t is not None]
        return texts[0] if len(texts) == 1 else "[" + ", ".join(texts) + "]"
    graph = getattr(layer, "_functional", None)
    if graph is None and hasattr(layer, "_output_tensors"):
        graph = layer
    if graph is not None:
        # Keras formats a model's `output_shape` as one shape: several outputs come out as
        # "((None, 3), (None, 2))" (each one as Python prints a tuple).
        shapes = [tuple(_dims(t.shape)) for t in graph._output_tensors]
        return _shape_text(shapes[0]) if len(shapes) == 1 else "(" + ", ".join(str(s) for s in shapes) + ")"
    build_shapes = getattr(layer, "_build_shapes", None)
    if build_shapes is None:
        return "?"
    try:
        out = layer.compute_output_shape(build_shapes)
    except Exception:
        return "?"
    leaves = _shape_leaves(out)
    if len(leaves) == 1:
        return _shape_text(_dims(leaves[0]))
    return _structure_text(out)


def _shape_leaves(value):
    if hasattr(value, "as_list") or _is_shape(value):
        return [value]
    items = value.values() if isinstance(value, dict) else value
    return [leaf for v in items for leaf in _shape_leaves(v)]


def _param_text(layer):
    if not hasattr(layer, "built"):
        return "0"
    if not layer.built:
        return "0 (unbuilt)"
    return f"{layer.count_params():,}"


def _class_name(layer):
    # A tf op recorded in a graph carries the Keras operation name it stands for (GetItem...).
    name = getattr(layer, "class_name", None)
    return name if isinstance(name, str) else type(layer).__name__


def _connections(layer, relevant):
    parts = []
    for node in getattr(layer, "_inbound_nodes", None) or []:
        if relevant and id(node) not in relevant:
            continue  # a call made outside this model
        for t in node.input_tensors:
            h = getattr(t, "_keras_history", None)
            if h is not None:
                parts.append(f"{h[0].name}[{h[1]}][{h[2]}]")
    return _markup_to_plain(", ".join(parts)) if parts else "-"


def _trainable_text(layer):
    if getattr(layer, "weights", None):
        return "Y" if layer.trainable else "N"
    return "-"


def _is_sequential_like(model):
    """Keras drops "Connected to" when the graph is a plain chain: one node per depth, no
    node with more than one input tensor, and no layer called twice in it. That is: a
    single input, no multi-input node, no repeated layer and no tensor-producing call
    (input included) feeding two nodes."""
    from .functional import Functional
    from .sequential import Sequential
    if isinstance(model, Sequential) or not isinstance(model, Functional):
        return True
    if len(model._input_tensors) > 1:
        return False
    consumers, ops = {}, set()
    for node in model._nodes:
        if len(node.input_tensors) > 1 or id(node.operation) in ops:
            return False
        ops.add(id(node.operation))
        for t in node.input_tensors:
            h = getattr(t, "_keras_history", None)
            producer = (id(h[0]), h[1]) if h is not None else id(t)
            consumers[producer] = consumers.get(producer, 0) + 1
    return all(c <= 1 for c in consumers.values())


def _layer_range_bounds(layers, layer_range):
    if layer_range is None:
        return 0, len(layers)
    if len(layer_range) != 2:
        raise ValueError(f"layer_range must be a list or tuple of length 2. Received: layer_range = "
                         f"{layer_range} of length {len(layer_range)}")
    if not isinstance(layer_range[0], str) or not isinstance(layer_range[1], str):
        raise ValueError(f"layer_range should contain string type only. Received: {layer_range}")
    lower = [i for i, layer in enumerate(layers) if re.match(layer_range[0], layer.name)]
    upper = [i for i, layer in enumerate(layers) if re.match(layer_range[1], layer.name)]
    if not lower or not upper:
        raise ValueError(f"Passed layer_names do not match the layer names in the model. Received: {layer_range}")
    if min(lower) > max(upper):
        return min(upper), max(lower) + 1
    return min(lower), max(upper) + 1


# -- parameter counts ------------------------------------------------------------------------
def count_params(weights):
    return int(sum(int(np.prod(_dims(v.shape))) for v in weights))


def weight_memory_size(weights):
    """Bytes taken by ``weights`` (each counted once), from Keras's bits-per-dtype table."""
    unique = {id(w): w for w in weights}.values()
    bits = 0
    for w in unique:
        dtype = getattr(w.dtype, "name", str(w.dtype))
        per = _DTYPE_BITS.get(dtype)
        if per is None:
            per = getattr(w.dtype, "size", 4) * 8
        bits += int(np.prod(_dims(w.shape))) * per
    return bits / 8


def readable_memory_size(size):
    for unit in ["B", "KB", "MB", "GB", "TB", "PB"]:
        if size / 1024 < 1:
            return f"{size:.2f} {unit}"
        size /= 1024
    return f"{size:.2f} PB"


# -- the console --------------------------------------------------------------------------
def _console_width():
    """The width rich's console measures: COLUMNS, else the first std stream that is a
    terminal, else 80 (a dumb terminal is always 80)."""
    columns = os.environ.get("COLUMNS")
    lines = os.environ.get("LINES")
    if columns is not None and columns.isdigit() and lines is not None and lines.isdigit():
        return int(columns)
    isatty = getattr(sys.stdout, "isatty", None)
    if isatty is not None and isatty() and os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return 80
    if columns is not None and columns.isdigit():
        return int(columns)
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80


def _ascii_only():
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower()
    return not encoding.startswith("utf")


def print_summary(model, line_length=None, positions=None, print_fn=None, expand_nested=False,
                  show_trainable=False, layer_range=None):
    from .functional import Functional
    from .sequential import Sequential
    from ..utils.progbar import _interactive, print_msg
    if not print_fn and not _interactive():
        print_fn = print_msg

    if isinstance(model, Sequential):
        layers = model.layers
    elif isinstance(model, Functional):
        layers = model.operations
    else:
        layers = model.layers  # a subclassed model is shown as a plain list of its layers
    sequential_like = _is_sequential_like(model)
    if sequential_like:
        default_length, positions = 88, positions or [0.45, 0.80, 1.0]
        headers = ["Layer (type)", "Output Shape", "Param #"]
        justify = ["left", "left", "right"]
        relevant = set()
    else:
        default_length, positions = 108, positions or [0.3, 0.56, 0.74, 1.0]
        headers = ["Layer (type)", "Output Shape", "Param #", "Connected to"]
        justify = ["left", "left", "right", "left"]
        relevant = {id(n) for n in model._nodes}
    if show_trainable:
        default_length += 12
        positions = [p * 0.90 for p in positions] + [1.0]
        headers.append("Trainable")
        justify.append("center")
    default_length = min(default_length, shutil.get_terminal_size().columns - 4)
    line_length = line_length or default_length
    requested, used = [], 0
    for pos in positions:
        width = int(pos * line_length) - used
        if width < 4:
            raise ValueError("Insufficient console width to print summary.")
        requested.append(width)
        used += width

    def rows_for(layer, level=0):
        prefix = "   " * level + "└ " if level else ""
        cells = [f"{prefix}{layer.name} ({_class_name(layer)})", _output_shape(layer), _param_text(layer)]
        if not sequential_like:
            cells.append(_connections(layer, relevant))
        if show_trainable:
            cells.append(_trainable_text(layer))
        rows = [cells]
        inner = getattr(layer, "layers", None) if expand_nested else None
        if inner:
            for sub in inner:
                rows += rows_for(sub, level + 1)
        return rows

    lo, hi = _layer_range_bounds(layers, layer_range)
    rows = [row for layer in layers[lo:hi] for row in rows_for(layer)]

    trainable = model.trainable_weights
    non_trainable = model.non_trainable_weights
    optimizer = getattr(model, "optimizer", None)
    opt_vars = list(optimizer.variables) if getattr(model, "_compiled", False) and optimizer is not None \
        and getattr(optimizer, "built", False) else None
    total_count = count_params(trainable) + count_params(non_trainable) + count_params(opt_vars or [])
    total_bytes = weight_memory_size(trainable) + weight_memory_size(non_trainable) \
        + (weight_memory_size(opt_vars) if opt_vars is not None else 0)

    console_width = _console_width()
    out = []

    def emit(text):
        # The console folds text at its width and crops anything wider (the table included).
        for line in wrap_text(text, console_width):
            out.append(_set_cell_size(line, console_width) if _cell_len(line) > console_width else line)

    emit(f'Model: "{model.name}"')
    box = _ASCII if _ascii_only() else _HEAVY_HEAD
    for line in _render_table(headers, justify, requested, rows, line_length, box):
        out.append(_set_cell_size(line, console_width) if _cell_len(line) > console_width else line)
    emit(f" Total params: {total_count:,} ({readable_memory_size(total_bytes)})")
    emit(f" Trainable params: {count_params(trainable):,} ({readable_memory_size(weight_memory_size(trainable))})")
    emit(f" Non-trainable params: {count_params(non_trainable):,} "
         f"({readable_memory_size(weight_memory_size(non_trainable))})")
    if opt_vars is not None:
        emit(f" Optimizer params: {count_params(opt_vars):,} ({readable_memory_size(weight_memory_size(opt_vars))})")
    text = "".join(line + "\n" for line in out)
    if print_fn is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    elif print_fn is print_msg:
        print_fn(text, line_break=False)
    else:
        print_fn(text)  # Keras hands print_fn the whole summary at once, not line by line
