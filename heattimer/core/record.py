"""Immutable records: typing.NamedTuple to the type checker, collections.namedtuple at run time.

``class Session(Record): ...`` with annotated fields and defaults gives exactly what
``typing.NamedTuple`` gives (a tuple subclass with named fields, ``_replace`` and
methods), without importing ``typing``: that import alone is 3.6 ms of the
16 ms `heattimer status` may take beyond its floor (benchmarks/bench_status.py).
"""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False  # mypy reads this name as true; at run time it keeps typing unloaded

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:

    class _RecordMeta(type):
        def __new__(mcls, name, bases, namespace):
            if not bases:
                return super().__new__(mcls, name, bases, namespace)
            fields = list(namespace.get("__annotations__", {}))
            first = next((i for i, f in enumerate(fields) if f in namespace), len(fields))
            if any(f not in namespace for f in fields[first:]):
                raise TypeError(f"{name}: fields with defaults must come last")
            defaults = [namespace.pop(f) for f in fields[first:]]
            base = namedtuple(name, fields, defaults=defaults, module=namespace["__module__"])
            namespace["__slots__"] = ()
            return type(name, (base,), namespace)

    class Record(metaclass=_RecordMeta):
        """Base of immutable records (see the module docstring)."""


__all__ = ["Record"]
