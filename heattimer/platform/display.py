"""Can the app show its window here? And if not, the one line that says why and what to do.

Two causes, each with its own remedy: there is no desktop to draw on (over SSH, in a
container, DISPLAY unset), or Qt's system libraries are not installed. Qt's own answer to
either is an abort with a hint that is often wrong ("xcb-cursor0 is needed" when there is
simply no display), so the app asks first where it can and translates where it cannot.
No Qt here: the CLI asks before it loads Qt at all.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping

from heattimer.i18n import _

DEBIAN_PACKAGES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}
"""The Debian/Ubuntu package that holds each system library Qt's desktop plugins load."""

NO_DISPLAY = _(
    "there is no desktop here to show the app on (neither DISPLAY nor WAYLAND_DISPLAY is "
    "set): start it from a desktop session, or use the command line ('heattimer --help')"
)

_SONAME = re.compile(r"\b(lib[\w.+-]*?\.so(?:\.\d+)*)\b")
_HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")


def display_missing(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> bool:
    """True on a Unix desktop system where no display is named (Windows and macOS always have
    one; a platform that draws without one, such as Qt's offscreen, needs none)."""
    if platform in ("win32", "darwin"):
        return False
    wanted = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0]
    if wanted in _HEADLESS_PLATFORMS:
        return False
    return not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY")


def missing_libraries_line(missing: Iterable[str], what: str = "Qt") -> str:
    """The line for system libraries that are not installed, with the packages to install.
    ``what`` needs them: "Qt", or "Qt's desktop plugin" (``PLUGIN``)."""
    names = ", ".join(dict.fromkeys(missing))
    packages = [DEBIAN_PACKAGES[name] for name in dict.fromkeys(missing) if name in DEBIAN_PACKAGES]
    if packages:
        return _(
            "{what} needs {libraries}, not installed on this computer (Debian/Ubuntu: sudo apt "
            "install {packages})"
        ).format(what=what, libraries=names, packages=" ".join(dict.fromkeys(packages)))
    return _("{what} needs {libraries}, not installed on this computer").format(
        what=what, libraries=names
    )


PLUGIN = _("Qt's desktop plugin")


def import_error_line(error: ImportError) -> str:
    """The line for Qt failing to load: a missing system library named, or the error itself."""
    found = _SONAME.findall(str(error))
    if found:
        return missing_libraries_line(found)
    return _("Qt could not be loaded ({error}): reinstall Heat Timer").format(error=error)


def qt_start_failure_line(
    messages: Iterable[str], plugins: Iterable[str], environ: Mapping[str, str] = os.environ
) -> str:
    """The line for Qt finding no platform to start on, from what it logged on the way
    (``messages``) and the platform plugins it tried (``plugins``, paths to their files)."""
    text = "\n".join(messages)
    missing = [lib for path in plugins for lib in unresolved_libraries(path)]
    if missing:
        return missing_libraries_line(missing, PLUGIN)
    if "could not connect to display" in text or "Failed to create wl_display" in text:
        shown = ", ".join(
            f"{key}={environ[key]}" for key in ("WAYLAND_DISPLAY", "DISPLAY") if environ.get(key)
        )
        if not shown:
            return _(
                "cannot reach the desktop named by the environment: start the app from that "
                "desktop session (or fix the variable), or use the command line"
            )
        return _(
            "cannot reach the desktop named by {variables}: start the app from that desktop "
            "session (or fix the variable), or use the command line"
        ).format(variables=shown)
    last = text.strip().splitlines()[-1] if text.strip() else _("no reason given")
    return _("Qt could not start on this desktop: {reason}").format(reason=last)


def unresolved_libraries(path: str) -> list[str]:
    """The libraries the shared object at ``path`` needs that the system cannot find
    (what ``ldd`` reports as "not found"; [] if ldd is not there to ask)."""
    import subprocess  # only when Qt has already failed

    try:
        out = subprocess.run(
            ["ldd", path], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.split()[0] for line in out.splitlines() if "not found" in line]
