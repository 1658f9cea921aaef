"""The self-check itself: the unit, its periods, assessments, history and progress (no Qt)."""
