"""The state file: one SQLite database, and the only package that touches it.

- ``connection``: the Store (transactions, opening and repairing, the daily backup);
- ``tables``: rows in, records out, inside one transaction;
- ``schema``: the tables and their forward migrations;
- ``files`` and ``repair``: the file itself (private folders, a swap that never leaves the
  path empty, faults in words) and putting a good file in place of a damaged one.
Only the two entry points (the app and the CLI) open a Store; tests/test_architecture.py
keeps it so.
"""

from heattimer.store.connection import (
    BACKUP_DIR,
    DB_NAME,
    LOCK_NAME,
    ReadOnlyStore,
    Store,
    StoreError,
)

__all__ = ["BACKUP_DIR", "DB_NAME", "LOCK_NAME", "ReadOnlyStore", "Store", "StoreError"]
