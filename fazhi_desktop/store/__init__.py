"""The local SQLite store: connection, numbered migrations, backups."""

from fazhi_desktop.store.db import open_database, utc_now, write_transaction

__all__ = ["open_database", "utc_now", "write_transaction"]
