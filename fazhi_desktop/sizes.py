"""Sizes as clerks read them: binary units (1 MB = 1024×1024 bytes), as Windows Explorer shows them.

The one size formatter of the program; every message, report and window uses it.
"""

from __future__ import annotations

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB


def format_size(n: int) -> str:
    """`1.5 GB`, `200 MB`, `12 KB`, `900 B`: the largest unit that fits, one decimal where it helps."""
    for unit, factor in (("GB", GIB), ("MB", MIB), ("KB", KIB)):
        if abs(n) >= factor:
            value = n / factor
            return f"{value:.0f} {unit}" if value >= 100 or value == int(value) else f"{value:.1f} {unit}"
    return f"{n} B"


def format_mb(n: int) -> str:
    """`35.2 MB` always in megabytes: for figures shown side by side or as they grow (`5.0 MB / 20.0 MB`)."""
    return f"{n / MIB:.1f} MB"
