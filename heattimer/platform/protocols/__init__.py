"""Wayland protocols pywayland does not ship: each an XML description and the bindings
generated from it by pywayland's scanner (`python tools/wayland_bindings.py`)."""
