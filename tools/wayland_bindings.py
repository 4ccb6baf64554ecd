"""Generate the Python bindings of the Wayland protocols pywayland does not ship, from their
XML descriptions under heattimer/platform/protocols/, with pywayland's own scanner.

Run after changing an XML file; tests/platform/test_wayland_toplevels.py fails until you do:

    python tools/wayland_bindings.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from pywayland.scanner.protocol import Protocol

PROTOCOLS = Path(__file__).resolve().parent.parent / "heattimer" / "platform" / "protocols"
CORE = ("wl_output", "wl_seat", "wl_surface")
"""The core interfaces the XML files name: imported from pywayland (protocols/wayland.py)."""


def generate(output: Path, source: Path = PROTOCOLS) -> list[Path]:
    """Write one module per XML file in ``source`` into ``output``; the paths written."""
    written = []
    for xml in sorted(source.glob("*.xml")):
        protocol = Protocol.parse_file(str(xml))
        imports = dict.fromkeys(CORE, "wayland")
        imports.update({interface.name: protocol.name for interface in protocol.interface})
        protocol.output(str(output), imports)
        written.append(output / f"{protocol.name}.py")
    return written


if __name__ == "__main__":
    for path in generate(PROTOCOLS):
        print(path)
    sys.exit(0)
