"""Keeping the clerk's work safe: rotating database backups, restore, and the `doctor` check."""
