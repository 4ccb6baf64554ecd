"""Many `heattimer` commands at once on a damaged file: one of them repairs it, the others
wait and follow, and every command that said it logged an injury really did."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest

from tests.store.helpers import (
    HEATTIMER,
    column,
    damaged_files,
    db_path,
    integrity,
    query,
)
from tests.store.scenes import filled_folder, overwrite_page

pytestmark = pytest.mark.slow

WRITERS = 50
ROUNDS = 4


def garbage_over_the_header(path: Path) -> None:
    with open(path, "r+b") as file:
        file.write(random.Random(3).randbytes(512))


def damaged_deep_page(path: Path) -> None:
    """The injuries table's root page: every `injury add` trips over it."""
    overwrite_page(path, "injuries")


def damaged_page_only_the_check_finds(path: Path) -> None:
    """The breaks table's root page: an injury is written without touching it, so only the
    day's integrity check, before the first write, finds the damage."""
    overwrite_page(path, "breaks")


DAMAGE = {
    "header": garbage_over_the_header,
    "deep-page": damaged_deep_page,
    "unread-page": damaged_page_only_the_check_finds,
}


def add_injuries_at_once(data_dir: Path, tag: str) -> list[tuple[str, int, str]]:
    """WRITERS `heattimer injury add --note TAG-N` started together: (note, exit code,
    stderr) of each."""
    notes = [f"{tag}-{n}" for n in range(WRITERS)]
    commands = [
        subprocess.Popen(
            [str(HEATTIMER), "--data-dir", str(data_dir), "injury", "add", "--note", note],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for note in notes
    ]
    errors = [command.communicate(timeout=120)[1] for command in commands]
    return [(n, c.returncode, e) for n, c, e in zip(notes, commands, errors, strict=True)]


@pytest.mark.parametrize("kind", DAMAGE)
def test_fifty_commands_on_a_damaged_file_restore_it_once_and_lose_no_write(
    kind: str, tmp_path: Path
) -> None:
    for round_ in range(ROUNDS):
        data_dir = tmp_path / f"round-{round_}"
        in_backup = filled_folder(data_dir)
        DAMAGE[kind](db_path(data_dir))

        results = add_injuries_at_once(data_dir, f"r{round_}")

        failed = [(note, code, err) for note, code, err in results if code != 0]
        assert failed == [], f"round {round_}: {len(failed)} commands failed: {failed[:3]}"
        live = db_path(data_dir)
        notes = column(live, "SELECT note FROM injuries")
        lost = [note for note, _, _ in results if note not in notes]
        assert lost == [], f"round {round_}: {len(lost)} logged injuries are not in the file"
        ids = column(live, "SELECT id FROM injuries")
        assert in_backup <= ids, f"round {round_}: the backup was not what work went on from"
        assert integrity(live) == "ok"
        set_aside = [p for p in damaged_files(data_dir) if not p.name.endswith("-journal")]
        assert len(set_aside) == 1, f"round {round_}: moved aside {set_aside}"
        told = [
            line
            for _, _, err in results
            for line in err.splitlines()
            if line.startswith("heattimer: ")
        ]
        assert len(told) == 1, f"round {round_}: {told}"
        assert "could not be used" in told[0] and set_aside[0].name in told[0]
        held = query(live, "SELECT value FROM state WHERE key = 'recovery.moved_to'")
        assert held == [(set_aside[0].name,)], f"round {round_}: no recovery hold"
