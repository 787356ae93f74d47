"""The recorders listening to eager execution now (see replay.py), innermost last.

Primitives, variables and tensors test this list's truth value on their hot paths, so it
lives in a module of its own that all of them can import, and it is mutated in place,
never rebound.
"""
TRACING = []
