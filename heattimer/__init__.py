"""Heat Timer: safe heat sessions for back and shoulder pain, from a desk."""

__version__ = "0.1.0"
APP_NAME = "Heat Timer"
APP_ID = "heattimer"
