"""The desktop app: the only place Qt is imported. It shows what the service answers."""
