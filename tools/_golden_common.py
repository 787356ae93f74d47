"""The harness that the case-list golden generators share (golden_framework.py,
golden_keras_basics.py, golden_losses_metrics.py): the list of cases, running a case's
source, its outcome record, and the run over all cases into the fixture file.

Each generator keeps its own ``describe`` (what a fixture records of a value differs from
one to the other) and the namespace its sources run in. The tests load the generators by
file path and call their ``run_case`` on leantf, so nothing here needs TensorFlow.
"""
import contextlib
import io
import json
import os
import sys

import numpy as np


class CaseList(list):
    """``(case_id, source)`` pairs in the order they were added."""

    def case(self, case_id, source):
        self.append((case_id, source.strip("\n")))

    def cases(self, prefix, sources):
        """``sources`` as the cases ``{prefix}_00``, ``{prefix}_01`` ..."""
        for i, src in enumerate(sources):
            self.case(f"{prefix}_{i:02d}", src)


def evaluate_source(source, namespace, filename="<string>"):
    """A one-line source is an expression: its value. A multi-line source is executed in
    ``namespace``: the value it left in ``result`` (None if none)."""
    if "\n" in source:
        exec(compile(source, filename, "exec"), namespace)
        return namespace.get("result")
    return eval(compile(source, filename, "eval"), namespace)


def outcome_of(evaluate, describe):
    """``{"result": describe(evaluate())}``, or, if either raises, the exception as
    ``{"error": class name, "message": str}`` (the outcome of an error case is the exception
    itself); plus ``"stdout"`` when ``evaluate`` printed anything."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            value = evaluate()
        outcome = {"result": describe(value)}
    except Exception as e:
        outcome = {"error": type(e).__name__, "message": str(e)}
    printed = out.getvalue()
    if printed:
        outcome["stdout"] = printed
    return outcome


def write_fixture(path, cases, run_case, versions):
    """Runs ``run_case(case_id, source)`` for every case and writes the records, after
    ``versions`` (``{"tensorflow": ..., "keras": ...}``) and NumPy's version, to ``path``."""
    seen = set()
    records = []
    for case_id, source in cases:
        if case_id in seen:
            raise SystemExit(f"duplicate case id {case_id}")
        seen.add(case_id)
        records.append({"id": case_id, "source": source, **run_case(case_id, source)})
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump({**versions, "numpy": np.__version__, "cases": records}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(records)} cases to {os.path.normpath(path)}", file=sys.stderr)
