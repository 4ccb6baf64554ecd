"""The layering holds: core/ is pure, Qt stays in gui/, and the CLI pays nothing for Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "heattimer"
QT = ("PySide6", "shiboken6")
FORBIDDEN_IN_CORE = (*QT, "sqlite3", "platformdirs", "time", "os", "pathlib", "heattimer.store")
CLOCK_CALLS = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "monotonic"),
}


def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def _imports(tree: ast.AST) -> list[tuple[str, ast.AST]]:
    found: list[tuple[str, ast.AST]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node))
    return found


def _top_level_imports(tree: ast.Module) -> list[str]:
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _is(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


@pytest.mark.parametrize("path", _modules(PACKAGE / "core"), ids=lambda p: p.name)
def test_core_imports_no_qt_sqlite_platformdirs_or_clock(path: Path) -> None:
    tree = ast.parse(path.read_text())
    bad = [name for name, _ in _imports(tree) if _is(name, FORBIDDEN_IN_CORE)]
    assert not bad, f"{path.name} imports {bad}: core/ must stay pure"


@pytest.mark.parametrize("path", _modules(PACKAGE / "core"), ids=lambda p: p.name)
def test_core_never_reads_the_clock(path: Path) -> None:
    tree = ast.parse(path.read_text())
    calls = [
        f"{node.func.value.id}.{node.func.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and (node.func.value.id, node.func.attr) in CLOCK_CALLS
    ]
    assert not calls, f"{path.name} reads the clock via {calls}: pass `now` in instead"


def test_core_opens_no_files() -> None:
    for path in _modules(PACKAGE / "core"):
        tree = ast.parse(path.read_text())
        opens = [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "open"
        ]
        assert not opens, f"{path.name} opens a file"


def test_qt_is_imported_only_under_gui() -> None:
    for path in _modules(PACKAGE):
        if "gui" in path.relative_to(PACKAGE).parts:
            continue
        tree = ast.parse(path.read_text())
        qt = [name for name, _ in _imports(tree) if _is(name, QT)]
        assert not qt, f"{path.relative_to(PACKAGE)} imports Qt ({qt}); Qt belongs in gui/"


def test_only_the_cli_gui_command_reaches_into_gui() -> None:
    for path in _modules(PACKAGE):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] == "gui":
            continue
        tree = ast.parse(path.read_text())
        assert not [n for n in _top_level_imports(tree) if _is(n, ("heattimer.gui",))], rel
        lazy = [name for name, _ in _imports(tree) if _is(name, ("heattimer.gui",))]
        if lazy:
            assert rel == Path("cli/__init__.py"), f"{rel} imports the GUI"


EVERYWHERE = ("heattimer.i18n",)
"""What every layer may import, core included: the translations (gettext loads the
catalogue, in heattimer/i18n.py; core opens no file itself)."""
LAYERS: dict[str, tuple[str, ...]] = {
    # package: what it may import of Heat Timer (besides itself, heattimer's constants and
    # EVERYWHERE)
    "core": (),
    "platform": ("heattimer.core",),
    "store": ("heattimer.core", "heattimer.platform"),
    "service.py": ("heattimer.core", "heattimer.platform", "heattimer.store"),
    "cli": ("heattimer.core", "heattimer.platform", "heattimer.store", "heattimer.service",
            "heattimer.exits", "heattimer.gui.app"),
    "gui": ("heattimer.core", "heattimer.platform", "heattimer.store", "heattimer.service",
            "heattimer.exits"),
    "i18n.py": (),
}  # fmt: skip
STORE_INSIDES = (
    "heattimer.store.tables",
    "heattimer.store.schema",
    "heattimer.store.files",
    "heattimer.store.repair",
    "heattimer.store.connection",
)


def _layer(rel: Path) -> str:
    return rel.parts[0] if len(rel.parts) > 1 else rel.name


@pytest.mark.parametrize("layer", list(LAYERS))
def test_each_layer_imports_only_the_layers_below_it(layer: str) -> None:
    own = f"heattimer.{layer.removesuffix('.py')}"
    allowed = (own, *LAYERS[layer], *EVERYWHERE)
    for path in _modules(PACKAGE):
        rel = path.relative_to(PACKAGE)
        if _layer(rel) != layer:
            continue
        names = [n for n, _ in _imports(ast.parse(path.read_text())) if n.startswith("heattimer.")]
        bad = [n for n in names if not _is(n, allowed)]
        assert not bad, f"{rel} imports {bad}: {layer} may use only {LAYERS[layer]}"


def test_the_translations_import_nothing_of_heat_timer_nor_qt() -> None:
    tree = ast.parse((PACKAGE / "i18n.py").read_text())
    names = [name for name, _ in _imports(tree)]
    assert all(name in ("__future__", "gettext", "os") for name in names), names


def test_the_gui_and_the_cli_never_reach_into_the_stores_tables() -> None:
    for path in _modules(PACKAGE):
        rel = path.relative_to(PACKAGE)
        if _layer(rel) not in ("gui", "cli", "service.py"):
            continue
        names = [n for n, _ in _imports(ast.parse(path.read_text()))]
        inside = [n for n in names if _is(n, STORE_INSIDES)]
        if _layer(rel) == "service.py":
            inside = [n for n in inside if n != "heattimer.store.tables"]  # its transactions
        assert not inside, f"{rel} reaches into the store: {inside}"


def test_only_the_two_entry_points_open_a_store() -> None:
    openers = set()
    for path in _modules(PACKAGE):
        tree = ast.parse(path.read_text())
        names = {"Store"} | {  # and whatever else a module calls it
            alias.asname
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
            if alias.name == "Store" and alias.asname
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and (
                (isinstance(node.func, ast.Name) and node.func.id in names)
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "Store")
            ):
                openers.add(path.relative_to(PACKAGE))
    assert openers == {Path("cli/commands.py"), Path("gui/app.py")}


@pytest.mark.parametrize(
    "argv",
    [["status", "--json"], ["start"], ["injury", "list"], ["history"], ["settings", "show"]],
)
def test_cli_commands_load_no_qt(tmp_path: Path, argv: list[str]) -> None:
    code = (
        "import sys\n"
        "from heattimer.cli import main\n"
        f"main(['--data-dir', {str(tmp_path)!r}, *{argv!r}])\n"
        "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print('QT:' + ','.join(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    marker = [line for line in out.stdout.splitlines() if line.startswith("QT:")]
    assert marker == ["QT:"], f"Qt loaded by {argv}: {marker}"
