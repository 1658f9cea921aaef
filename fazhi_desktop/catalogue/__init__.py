"""The plan catalogue: tasks, indicators, adjustment items, units and how names resolve."""

from fazhi_desktop.catalogue.model import (
    Adjustment,
    Area,
    Collective,
    Heading,
    Indicator,
    Item,
    Plan,
    PlanMeta,
    Section,
    Task,
    Unit,
)

__all__ = [
    "Adjustment",
    "Area",
    "Collective",
    "Heading",
    "Indicator",
    "Item",
    "Plan",
    "PlanMeta",
    "Section",
    "Task",
    "Unit",
]
