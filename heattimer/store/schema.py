"""The state file's tables, and the forward migrations between their versions.

``PRAGMA user_version`` holds the version. Each entry of MIGRATIONS takes the
file from the version before it to its own; they run in one transaction.
"""

from __future__ import annotations

SCHEMA_VERSION = 2
APPLICATION_ID = 0x48544D52  # "HTMR": PRAGMA application_id of a Heat Timer file (from v2)

MIGRATIONS: dict[int, str] = {
    1: """
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('heat', 'cold')),
            started_at TEXT NOT NULL,
            ends_at TEXT NOT NULL,
            ended_at TEXT,
            stopped INTEGER NOT NULL DEFAULT 0,
            confirmed_off_at TEXT,
            warmup INTEGER NOT NULL DEFAULT 0,
            manual INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE INDEX sessions_by_start ON sessions (started_at);
        CREATE INDEX sessions_open ON sessions (ends_at) WHERE ended_at IS NULL;

        CREATE TABLE injuries (
            id TEXT PRIMARY KEY,
            at TEXT NOT NULL,
            area TEXT NOT NULL,
            red_flags TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            logged_at TEXT NOT NULL,
            removed_at TEXT
        );

        CREATE TABLE clearances (
            id TEXT PRIMARY KEY,
            injury_id TEXT NOT NULL REFERENCES injuries (id),
            at TEXT NOT NULL
        );
        CREATE INDEX clearances_by_injury ON clearances (injury_id);

        CREATE TABLE breaks (
            id TEXT PRIMARY KEY,
            at TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('done', 'snoozed', 'skipped', 'missed')),
            exercise TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX breaks_by_time ON breaks (at);

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );

        CREATE TABLE state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
    """,
    # Real-time stamps beside the wall clock's instants (core/moment.py): the boot and the
    # seconds since it, for a session's start (created_at) and stop (ended_at), an injury's
    # logging and removal, a clearance. A session also keeps the end of the local day it
    # started in (where it started) and the cool-down and cap in force when it started.
    2: f"""
        PRAGMA application_id = {APPLICATION_ID};
        ALTER TABLE sessions ADD COLUMN boot TEXT;
        ALTER TABLE sessions ADD COLUMN uptime REAL;
        ALTER TABLE sessions ADD COLUMN stop_boot TEXT;
        ALTER TABLE sessions ADD COLUMN stop_uptime REAL;
        ALTER TABLE sessions ADD COLUMN day_ends_at TEXT;
        ALTER TABLE sessions ADD COLUMN cool_down_minutes INTEGER;
        ALTER TABLE sessions ADD COLUMN daily_cap INTEGER;
        ALTER TABLE injuries ADD COLUMN boot TEXT;
        ALTER TABLE injuries ADD COLUMN uptime REAL;
        ALTER TABLE injuries ADD COLUMN removed_boot TEXT;
        ALTER TABLE injuries ADD COLUMN removed_uptime REAL;
        ALTER TABLE clearances ADD COLUMN boot TEXT;
        ALTER TABLE clearances ADD COLUMN uptime REAL;
        CREATE INDEX injuries_by_time ON injuries (at);
    """,
}

assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION + 1))
