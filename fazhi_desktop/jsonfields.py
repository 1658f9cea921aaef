"""A dataclass row as the JSON object the command line prints: its fields by name, a few renamed or left out."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


def json_fields(
    row: DataclassInstance, *, rename: Mapping[str, str] | None = None, omit: Collection[str] = ()
) -> dict[str, Any]:
    """`row`'s fields in the order they are declared, values as they are (not copied or recursed into);
    a field in `rename` under its JSON name, one in `omit` left out."""
    names = rename or {}
    return {names.get(f.name, f.name): getattr(row, f.name) for f in fields(row) if f.name not in omit}
