"""The rules of Heat Timer: pure functions over plain data.

Nothing here imports Qt, sqlite3 or platformdirs, touches a file, or reads the
clock: the current instant and the local time zone are always arguments.
"""
