"""What the app draws itself, checked in pixels: the progress ring, the banners, the icons."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from pytestqt.qtbot import QtBot

from heattimer.core.exercises import Exercise
from heattimer.gui.break_popup import PICTURE
from heattimer.gui.widgets import drawing
from heattimer.gui.widgets.banner import Banner
from heattimer.gui.widgets.icons import NAMES, SIZES, png_path
from heattimer.platform.catalogue import catalogue, picture_png, picture_svg
from heattimer.platform.paths import resources_dir

FILL = QColor("#e8590c")
TRACK = QColor(0, 0, 255, 60)


def colour_at(image: QImage, x: float, y: float) -> QColor:
    return QColor.fromRgba(image.pixel(round(x), round(y)))


def near(a: QColor, b: QColor, slack: int = 24) -> bool:
    return all(abs(p - q) <= slack for p, q in zip(a.getRgb(), b.getRgb(), strict=True))


def ring_image(fraction: float, side: int = 120, width: float = 12) -> QImage:
    pixmap = QPixmap(side, side)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    drawing.ring(painter, QRectF(0, 0, side, side), width, fraction, FILL, TRACK)
    painter.end()
    return pixmap.toImage()


def on_ring(image: QImage, clock_hour: float, width: float = 12) -> QColor:
    """The colour in the middle of the ring's band at ``clock_hour`` (12 at the top)."""
    side = image.width()
    radius = (side - width) / 2
    angle = 2 * math.pi * clock_hour / 12
    return colour_at(
        image, side / 2 + radius * math.sin(angle), side / 2 - radius * math.cos(angle)
    )


def test_a_quarter_ring_runs_clockwise_from_twelve(qtbot: QtBot) -> None:
    image = ring_image(0.25)
    for hour in (0.5, 1.5, 2.5):
        assert near(on_ring(image, hour), FILL), hour
    for hour in (4, 6, 8, 10):
        shown = on_ring(image, hour)
        assert not near(shown, FILL) and shown.alpha() > 0, hour  # the faint track
    assert colour_at(image, 60, 60).alpha() == 0  # the middle stays empty


def test_the_ring_ends_are_round_and_an_empty_ring_is_all_track(qtbot: QtBot) -> None:
    quarter = ring_image(0.25)
    # Just past 3 o'clock, inside the round cap's half-disc but beyond the band's end.
    assert near(on_ring(quarter, 3.12), FILL)
    assert not near(on_ring(quarter, 3.6), FILL)
    empty, full = ring_image(0.0), ring_image(1.0)
    for hour in range(12):
        assert not near(on_ring(empty, hour), FILL)
        assert near(on_ring(full, hour), FILL)


def test_a_banner_draws_its_text_in_its_colour_on_a_rounded_tint(qtbot: QtBot) -> None:
    banner = Banner()
    qtbot.addWidget(banner)
    ink, tint = QColor("#c92a2a"), QColor("#fff0e0")
    banner.show_text("Time is up: turn the heat off", ink, tint)
    banner.resize(320, banner.height_for(320))
    image = banner.grab().toImage()
    colours = {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}
    assert any(near(QColor.fromRgba(c), ink, 40) for c in colours)  # the words
    assert near(colour_at(image, 4, image.height() / 2), tint, 4)  # the tint, to the edge
    assert not near(colour_at(image, 0, 0), tint, 4)  # but not in the rounded corner

    banner.show_text("Time is up: turn the heat off")  # back to the window's own colours
    plain = banner.grab().toImage()
    assert not any(
        near(QColor.fromRgba(plain.pixel(x, y)), ink, 40)
        for x in range(plain.width())
        for y in range(plain.height())
    )


def differing_pixels(png: str, svg: str, width: int, height: int) -> float:
    """The share of pixels of the shipped PNG that differ visibly from the SVG rendered
    afresh (every pixel of an icon; every third row and column of a picture)."""
    shipped = QImage(png).convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    fresh = drawing.render_file(svg, width, height).toImage()
    fresh = fresh.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    assert (shipped.width(), shipped.height()) == (width, height), png
    step = 1 if width <= 64 else 3
    points = [(x, y) for x in range(0, width, step) for y in range(0, height, step)]
    off = sum(
        not near(QColor.fromRgba(shipped.pixel(x, y)), QColor.fromRgba(fresh.pixel(x, y)), 16)
        for x, y in points
    )
    return off / len(points)


# The app loads PNGs, not the SVGs (Qt's SVG renderer is a megabyte): they must not drift
# apart. After changing an SVG: python tools/render_pngs.py


@pytest.mark.parametrize("name", NAMES)
def test_the_shipped_icon_pngs_are_their_svgs(qtbot: QtBot, name: str) -> None:
    svg = str(resources_dir() / "icons" / f"{name}.svg")
    for size in SIZES:
        off = differing_pixels(png_path(name, size), svg, size, size)
        assert off <= 0.02, f"{name} at {size} px: run tools/render_pngs.py"


@pytest.mark.parametrize("exercise", catalogue(), ids=lambda e: e.id)
def test_the_shipped_exercise_pictures_are_their_svgs(qtbot: QtBot, exercise: Exercise) -> None:
    for scale in (1, 2):
        width, height = PICTURE.width() * scale, PICTURE.height() * scale
        off = differing_pixels(picture_png(exercise, scale), picture_svg(exercise), width, height)
        assert off <= 0.02, f"{exercise.id} {scale}x: run tools/render_pngs.py"
