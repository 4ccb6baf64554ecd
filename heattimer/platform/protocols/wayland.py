"""The core Wayland interfaces, for the generated bindings beside this file: pywayland's."""

from pywayland.protocol.wayland import (
    WlOutput,
    WlOutputProxy,
    WlSeat,
    WlSeatProxy,
    WlSurface,
    WlSurfaceProxy,
)

__all__ = ["WlOutput", "WlOutputProxy", "WlSeat", "WlSeatProxy", "WlSurface", "WlSurfaceProxy"]
