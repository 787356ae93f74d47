"""Record TensorFlow's "allowed values" error text for every leantf primitive that checks dtypes.

Run with the TensorFlow virtualenv from the repository root:

    /work/tfenv/bin/python tools/golden_op_defs.py

TF reports an op called with a dtype its op definition does not allow like this:

    Value for attr 'T' of bool is not in the list of allowed values: bfloat16, half, ...
    \t; NodeDef: {{node AddV2}}; Op<name=AddV2; signature=x:T, y:T -> z:T; attr=T:type,allowed=[...];
    is_commutative=true; is_aggregate=true> [Op:AddV2] name:

The order of the types and the trailing attributes come from each op's definition, so
they are recorded here, per op, by calling the op through ``tf.raw_ops`` with a string
(or, where strings are allowed, a bool) tensor. The result is written to
leantf/framework/op_def_texts.py, which Primitive uses on that error path.
"""
import inspect
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "leantf", "framework", "op_def_texts.py")


def primitive_names():
    sys.path.insert(0, ROOT)
    import leantf  # noqa: F401  (registers the primitives)
    from leantf.framework.primitive import PRIMITIVES
    return sorted(n for n, p in PRIMITIVES.items() if p.allowed is not None)


def attr_value(attr):
    """A plausible value for a required attribute, so the dtype check is what fails."""
    if attr.type == "list(int)":
        return [1, 1, 1, 1]
    if attr.type == "int":
        return 1
    if attr.type == "float":
        return 1.0
    if attr.type == "bool":
        return False
    if attr.type == "string":
        allowed = list(attr.allowed_values.list.s)
        return allowed[0].decode() if allowed else "ij->i"
    return None


def record(name, tf, op_def_registry):
    od = op_def_registry.get(name)
    if od is None:
        return None
    allowed = set()
    for a in od.attr:
        if a.type == "type" and a.name == "T":
            allowed = set(a.allowed_values.list.type)
    bad = tf.constant(["a"]) if 7 not in allowed else tf.constant([True])  # 7 is DT_STRING
    kwargs = {}
    # raw_ops may rename inputs (Sum's reduction_indices is ``axis``): match them by position.
    params = list(inspect.signature(getattr(tf.raw_ops, name)).parameters)
    first = od.input_arg[0]
    for arg, pname in zip(od.input_arg, params):
        # inputs typed like the first get the refused value; others (axes, indices) a valid int
        same = (arg.type_attr, arg.type) == (first.type_attr, first.type)
        value = bad if same else tf.constant(0)
        kwargs[pname] = [value, value] if arg.number_attr or arg.type_list_attr else value
    for a in od.attr:
        if not a.HasField("default_value") and a.type not in ("type", "list(type)") and not a.name.startswith("N"):
            v = attr_value(a)
            if v is not None:
                kwargs[a.name] = v
    try:
        getattr(tf.raw_ops, name)(**kwargs)
    except Exception as e:  # the error is the fact being recorded
        text = str(e)
    else:
        return None
    bad_name = "string" if 7 not in allowed else "bool"
    end = text.rfind(" [Op:")
    if end < 0:
        return None
    text = text[:end]
    # Ops with a type attribute name the allowed types; ops of fixed types (LogicalAnd, All)
    # say which type the input should have had.
    for fixed, template in ((f"Value for attr 'T' of {bad_name} is not in the list of allowed values: ",
                             "Value for attr 'T' of {dtype} is not in the list of allowed values: "),
                            (f"but is a {bad_name} tensor", "but is a {dtype} tensor")):
        if fixed in text:
            return text.replace(fixed, template, 1)
    return None


def main():
    names = primitive_names()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    from tensorflow.python.framework import op_def_registry
    texts = {}
    for name in names:
        t = record(name, tf, op_def_registry)
        if t is not None:
            texts[name] = t
    with open(OUT, "w", encoding="utf-8") as f:
        f.write('"""TF\'s "allowed values" error text per op, recorded from TensorFlow 2.21 by\n'
                'tools/golden_op_defs.py (do not edit by hand). ``{dtype}`` marks the refused type."""\n\n')
        f.write("OP_DEF_TEXTS = {\n")
        for name in sorted(texts):
            f.write(f"    {name!r}: (\n")
            text = texts[name]
            for i in range(0, len(text), 100):
                f.write(f"        {text[i:i + 100]!r}\n")
            f.write("    ),\n")
        f.write("}\n")
    missing = sorted(set(names) - set(texts))
    print(f"wrote {len(texts)} op texts to {OUT}; not recorded: {missing}", file=sys.stderr)


if __name__ == "__main__":
    main()
