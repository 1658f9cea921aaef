"""json_fields: a dataclass row as a JSON object, fields in declaration order, some renamed or left out."""

from __future__ import annotations

from dataclasses import dataclass

from fazhi_desktop.jsonfields import json_fields


@dataclass(frozen=True)
class _Row:
    unit_name: str
    item_id: str
    score: float | None
    tags: tuple[str, ...] = ()

    @property
    def scored(self) -> bool:
        return self.score is not None


def test_fields_in_declaration_order_values_as_they_are() -> None:
    row = _Row("燕店镇", "T01", None, ("a",))
    d = json_fields(row)
    assert list(d.items()) == [("unit_name", "燕店镇"), ("item_id", "T01"), ("score", None), ("tags", ("a",))]
    assert d["tags"] is row.tags  # not copied (unlike dataclasses.asdict)


def test_renamed_and_left_out_fields_keep_their_place() -> None:
    d = json_fields(
        _Row("燕店镇", "T01", 2.5), rename={"unit_name": "unit", "item_id": "item"}, omit={"tags"}
    )
    assert list(d.items()) == [("unit", "燕店镇"), ("item", "T01"), ("score", 2.5)]
    assert "scored" not in d  # properties are the caller's to add
