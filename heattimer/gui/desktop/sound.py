"""The alarm sound: a short chime, played with whatever the platform has.

PySide6-Essentials has no QtMultimedia, so the chime is written once as a WAV
file (synthesised here: three rising tones) and handed to the system's player:
pw-play, paplay or aplay on Linux, afplay on macOS, winsound on Windows. With
none of them, Qt's beep.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

RATE = 22050
PLAYERS = ("pw-play", "paplay", "aplay", "afplay")


def chime() -> bytes:
    """A 0.9 s chime (C6, E6, G6) as WAV bytes."""
    import io
    import math
    import struct
    import wave

    frames = bytearray()
    for index, freq in enumerate((1046.5, 1318.5, 1568.0)):
        length = int(RATE * 0.3)
        for n in range(length):
            t = n / RATE
            envelope = min(1.0, n / 200) * math.exp(-4.0 * t)
            sample = 0.5 * envelope * math.sin(2 * math.pi * freq * t)
            sample += 0.15 * envelope * math.sin(4 * math.pi * freq * t)
            frames += struct.pack("<h", int(sample * 32767 * (0.8 + 0.1 * index)))
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(RATE)
        file.writeframes(bytes(frames))
    return out.getvalue()


class Sound(QObject):
    """Plays the alarm chime without blocking the event loop."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.played = 0
        self._file: Path | None = None
        self._player: str | None = None
        self._looked = False

    def play(self) -> None:
        """Play the chime once."""
        self.played += 1
        if sys.platform == "win32":
            import winsound

            winsound.PlaySound(chime(), winsound.SND_MEMORY | winsound.SND_ASYNC)  # type: ignore[attr-defined,unused-ignore]
            return
        if not self._looked:
            import shutil  # looked for when the first alarm sounds, not at start-up

            self._player = next((p for p in PLAYERS if shutil.which(p)), None)
            self._looked = True
        if self._player is None:
            QApplication.beep()
            return
        if self._file is None:
            import tempfile

            fd, name = tempfile.mkstemp(prefix="heattimer-chime-", suffix=".wav")
            with open(fd, "wb") as file:
                file.write(chime())
            self._file = Path(name)
        from PySide6.QtCore import QProcess

        QProcess.startDetached(self._player, [str(self._file)])
