"""Reviewer mode for the county justice bureau: its own store, trusted unit keys, bulk import of verified
packages, the county picture, scoring and the county's outputs. Plain Python, no Qt."""
