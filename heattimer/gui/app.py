"""The composition root: builds the app from its parts and runs it.

Nothing here is a module-level singleton; `HeatTimerApp` takes its
collaborators (service, clock, notifier, sound) so tests can hand in fakes.
"""

from __future__ import annotations

import linecache
import os
import re
import sys
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication, QPixmapCache
from PySide6.QtWidgets import QApplication, QDialog, QSystemTrayIcon, QWidget

from heattimer import APP_ID, APP_NAME
from heattimer.core import alarm, guide, injury_log
from heattimer.core.breaks import (
    ANSWER_KEYS,
    ANSWERS,
    NOTICE_BODY,
    NOTICE_TITLE,
    POPUP_TIMEOUT,
    Pause,
    unanswered,
)
from heattimer.core.exercises import Exercise
from heattimer.core.heatswitch import COUNT_ACTION, OFF_ACTION
from heattimer.core.model import BreakOutcome, Kind
from heattimer.core.offers import Act, Key
from heattimer.core.status import quit_warning
from heattimer.exits import Exit
from heattimer.gui.break_keeper import BreakKeeper
from heattimer.gui.coach_panel import CoachNews, CoachPanel
from heattimer.gui.controller import Controller
from heattimer.gui.desktop.notify import Notifier
from heattimer.gui.desktop.sound import Sound
from heattimer.gui.desktop.watch import StoreWatcher
from heattimer.gui.tray import Tray
from heattimer.gui.widgets.icons import app_icon
from heattimer.gui.window import MainWindow
from heattimer.i18n import _, language
from heattimer.platform.catalogue import catalogue
from heattimer.platform.clock import system_clock
from heattimer.platform.display import qt_start_failure_line
from heattimer.platform.ports import Clock, FullScreenProbe, IdleMonitor

if TYPE_CHECKING:
    from heattimer.gui.break_popup import BreakPopup
    from heattimer.platform.x11 import X11Desktop
from heattimer.gui.translate import install as install_translations
from heattimer.gui.translate import translate
from heattimer.platform.paths import data_dir
from heattimer.platform.single_instance import PROBES_TAKE_THE_LOCK, AppLock
from heattimer.service import Request, Service
from heattimer.store import Store, StoreError

BREAK_TAG = "break"
NOTICE_TAG = "break-notice"


class LazyDesktop:
    """What the desktop tells the app (idle time, a full-screen window), found when first
    asked, not while the app starts: the X server through Qt's own display on X11."""

    def __init__(self) -> None:
        self._monitor: IdleMonitor | None = None
        self._fullscreen: FullScreenProbe | None = None
        self._x11: X11Desktop | None = None
        self._looked = False

    def x11(self) -> X11Desktop | None:
        """The X server behind Qt's display, if the app runs on one."""
        if not self._looked:
            from PySide6.QtGui import QGuiApplication, QNativeInterface

            from heattimer.platform.x11 import X11Desktop

            self._looked = True
            app = QGuiApplication.instance()
            native = app.nativeInterface() if isinstance(app, QGuiApplication) else None
            if isinstance(native, QNativeInterface.QX11Application):
                self._x11 = X11Desktop(native.display())
        return self._x11

    def _real(self) -> IdleMonitor:
        if self._monitor is None:
            from heattimer.gui.desktop.presence import pick_idle_monitor

            self._monitor = pick_idle_monitor(x11=self.x11())
        return self._monitor

    @property
    def name(self) -> str:
        """The idle monitor's name (see heattimer.platform.idle)."""
        return str(self._real().name)

    def idle_seconds(self) -> float | None:
        """Seconds since the last keyboard or mouse input, or None."""
        return self._real().idle_seconds()

    def fullscreen(self) -> bool | None:
        """True if a full-screen window (or a video, a presentation) is in front; None where
        the desktop cannot tell (heattimer/gui/desktop/presence.py)."""
        if self._fullscreen is None:
            from heattimer.gui.desktop.presence import pick_fullscreen_probe

            self._fullscreen = pick_fullscreen_probe(self.x11())
        return self._fullscreen()


class HeatTimerApp(QObject):
    """The window, the tray and the controller, wired together."""

    def __init__(
        self,
        service: Service,
        clock: Clock,
        notifier: Notifier | None = None,
        sound: Sound | None = None,
        tray_available: bool | None = None,
        idle: IdleMonitor | None = None,
        fullscreen: Callable[[], bool | None] | None = None,
        breaks_as_notifications: bool | None = None,
    ) -> None:
        super().__init__()
        if breaks_as_notifications is None:  # Wayland gives every new window the keyboard
            breaks_as_notifications = QGuiApplication.platformName() == "wayland"
        self.breaks_as_notifications = breaks_as_notifications
        self.noted_break: Exercise | None = None
        """The break shown as a notification, until it is answered or missed."""
        self.service = service
        self.clock = clock
        self._tray_override = tray_available
        self.sound = sound or Sound(self)
        self.notifier = notifier or Notifier(None, self)
        self.controller = Controller(service, clock, self.notifier, self.sound, self)
        # First at every tick, before anything that writes: the day's backup and its check
        # begin on a thread of their own (at launch, and on the first tick of each day), so
        # that they come before the person's own writes and never hold the window up.
        self.controller.before_tick.append(service.store.start_back_up_today)
        # On Wayland a click on the alarm's notification is how its window may come up.
        self.controller.alarm_actions = alarm.actions(click_opens=breaks_as_notifications)
        self.window = MainWindow(self.controller, service.zone)
        self.tray = Tray(self.controller, service.zone, self)
        if self.notifier.tray is None:
            self.notifier.tray = self.tray.icon
        self.told_no_tray = False
        self.has_tray = False  # found by _follow_tray, at start and each minute
        desktop = self.desktop = LazyDesktop()
        if idle is None:
            idle = desktop
        if fullscreen is None:
            fullscreen = desktop.fullscreen
        self.idle = idle
        self.exercises = catalogue()
        self.breaks = BreakKeeper(
            self.controller, service, clock, idle, fullscreen, self.exercises, self
        )
        self.popup: object | None = None
        self.coach = CoachPanel(self.exercises, service.zone)
        self.window.add_extra(self.coach)
        self.controller.changed.connect(self.coach.show_status)
        self.coach_news = CoachNews(self.controller, service, self.notifier, self)
        self.breaks.breakDue.connect(self.show_break)
        self.breaks.noticeDue.connect(self._notice_break)
        self.breaks.noticeGone.connect(self._notice_gone)
        self.noticed = False
        """A notice of the coming break is on the screen."""
        for chooser in (self.window, self.tray, self.coach):
            chooser.offerChosen.connect(self.do)
        self.tray.settingsRequested.connect(self.edit_settings)
        self.tray.helpRequested.connect(lambda: self.show_guide("help"))
        self.window.settingsRequested.connect(self.edit_settings)
        self.window.guideRequested.connect(self.show_guide)
        self.welcome_on_start = True
        """Show the first-run welcome at start, until it is answered (tests turn it off)."""
        self.guide_pages: dict[str, QDialog] = {}
        self.history_view: QDialog | None = None
        """The welcome, help and About pages open now, by name (each at most once)."""
        self.window.visibilityChanged.connect(self.controller.set_window_visible)
        self.window.closeRequested.connect(self.close_window)
        self.tray.openRequested.connect(self.window.bring_forward)
        self.tray.quitRequested.connect(self.quit_asking)
        self.window.quitRequested.connect(self.quit_asking)
        self.controller.wantsAttention.connect(self.window.call_attention)
        self.controller.idleTick.connect(self._follow_tray)
        self.controller.idleTick.connect(self.controller.check_plug)
        self.notifier.actionInvoked.connect(self._notification_action)
        self.tray.show()
        self._follow_tray()

    def start(self, show_window: bool = True, defer: bool = False) -> None:
        """Show the window (unless asked not to), take the first look at the clock, and start
        the sitting clock for posture breaks (with ``defer``, once the window is up)."""
        if show_window or not self.has_tray:  # (as found a moment ago)
            self.window.show()
        self.controller.tick()
        if self.welcome_on_start and self.service.welcome_due():
            QTimer.singleShot(0, lambda: self.show_guide("welcome"))
        if defer:
            QTimer.singleShot(0, self.breaks.begin)
        else:
            self.breaks.begin()

    def show_break(self, exercise: Exercise) -> None:
        """A posture break is due: the popup, near the tray, without taking the keyboard; on
        Wayland, where a new window takes it, a notification with Done, Snooze and Skip."""
        self._notice_gone()  # (its notice, if one came, has said its piece)
        if self.breaks_as_notifications:
            self._note_break(exercise)
            return
        self._open_popup(exercise)

    def _notice_break(self) -> None:
        self.noticed = True
        self.notifier.notify(NOTICE_TAG, NOTICE_TITLE, NOTICE_BODY)

    def _notice_gone(self) -> None:
        """The notice goes: its break came, or will not come then (paused, turned off)."""
        if self.noticed:
            self.noticed = False
            self.notifier.close(NOTICE_TAG)

    def _note_break(self, exercise: Exercise) -> None:
        from heattimer.platform.catalogue import picture_png

        self.noted_break = exercise
        steps = "\n".join(f"{n}. {step}" for n, step in enumerate(exercise.steps, 1))
        self.notifier.notify(
            BREAK_TAG,
            translate("App", "Time for a posture break: {name}").format(name=exercise.name),
            steps,
            actions=tuple((key, ANSWERS[outcome]) for key, outcome in ANSWER_KEYS.items()),
            image=Path(picture_png(exercise, 1)).as_uri(),
        )
        # Unanswered, it goes as the popup would; read from the clock when the timer fires.
        shown_at = self.clock.now()
        QTimer.singleShot(
            int(POPUP_TIMEOUT.total_seconds() * 1000) + 500,
            lambda: self._break_unanswered(shown_at),
        )

    def _break_unanswered(self, shown_at: datetime) -> None:
        if self.noted_break is None:
            return
        if not unanswered(shown_at, self.clock.now()):  # (a clock stepped back)
            QTimer.singleShot(1000, lambda: self._break_unanswered(shown_at))
            return
        self._break_answered(BreakOutcome.MISSED)

    def _break_noted_answer(self, outcome: BreakOutcome) -> None:
        exercise = self.noted_break
        if exercise is None:
            return
        if outcome is BreakOutcome.DONE:  # the person asked for it: the countdown's window
            self.notifier.close(BREAK_TAG)
            self.noted_break = None
            popup = self._open_popup(exercise)
            popup.start_exercise()
        else:
            self._break_answered(outcome)

    def _open_popup(self, exercise: Exercise) -> BreakPopup:
        from heattimer.gui.break_popup import BreakPopup  # loaded with the first break

        popup = BreakPopup(exercise, self.clock)
        popup.answered.connect(self._break_answered)
        icon = self.tray.icon.geometry()  # (only an XEmbed tray tells)
        popup.place(icon if icon.isValid() and not icon.isEmpty() else None)
        x11 = self.desktop.x11()
        if x11 is not None:
            x11.keep_off_taskbar(int(popup.winId()))
        popup.show()
        self.popup = popup
        return popup

    def _break_answered(self, outcome: BreakOutcome) -> None:
        if self.noted_break is not None:  # (a server may keep it up after a button)
            self.notifier.close(BREAK_TAG)
        self.popup = None
        self.noted_break = None
        self.breaks.answered(outcome)

    def do(self, key: Key) -> None:
        """Carry out the offer the person picked (core/offers.py), in the window or the tray."""
        act, controller = key.act, self.controller
        if act in (Act.START, Act.WARM_UP):
            controller.start(key.minutes, warmup=act is Act.WARM_UP)
        elif act is Act.COLD:
            controller.start(kind=Kind.COLD)
        elif act is Act.STOP:
            controller.stop()
        elif act is Act.HEAT_OFF:
            controller.confirm_heat_off()
        elif act is Act.CLEARED:
            self.record_clearance()
        elif act is Act.LOG_CHECKED:
            self.confirm_injury_log()
        elif act is Act.LOG_INJURY:
            self.log_injury()
        elif act is Act.UNDO_INJURY:
            self.undo_injury()
        elif act is Act.INJURY_LOG:
            self.show_injury_log()
        elif act is Act.HISTORY:
            self.show_history()
        elif act is Act.BREAK_NOW:
            self.breaks.offer_now()
        elif act is Act.PAUSE and key.pause is not None:
            self.pause_breaks(key.pause)
        elif act is Act.RESUME:
            self.pause_breaks(None)

    def pause_breaks(self, choice: Pause | None) -> None:
        """Pause posture breaks for ``choice``, or with None resume them."""
        if choice is not None:
            self.controller.run(lambda: self.service.pause_breaks_for(choice))
        else:
            self.controller.run(lambda: self.service.pause_breaks(None))

    def show_guide(self, page: str) -> None:
        """The welcome (again, from Help), the help page or the About box, beside the window,
        never blocking it (nor the alarm); one of each, brought forward if it is open."""
        from heattimer.gui.dialogs import guide as pages
        from heattimer.platform import desktop_files
        from heattimer.platform.autostart import autostart

        if page in self.guide_pages:
            self.guide_pages[page].raise_()
            self.guide_pages[page].activateWindow()
            return
        dialog: pages.WelcomeDialog | pages.HelpDialog | pages.AboutDialog
        if page == "welcome":
            dialog = pages.WelcomeDialog(
                self.service.settings(),
                tray=self.has_tray,
                starts_at_login=autostart().enabled(),
                menu_missing=sys.platform.startswith("linux") and not desktop_files.installed(),
                parent=self.window,
            )
            dialog.answered.connect(self._welcomed)
        elif page == "about":
            dialog = pages.AboutDialog(self.service.store.data_dir, self.window)
        else:
            dialog = pages.HelpDialog(self.service.settings(), self.window)
        self.guide_pages[page] = dialog
        dialog.closed.connect(lambda p=page: self.guide_pages.pop(p, None))
        dialog.show()

    @property
    def guide_page(self) -> QDialog | None:
        """The guide's page shown last and still open (tests, screenshots)."""
        return next(reversed(self.guide_pages.values()), None)

    def _welcomed(self, answers: object) -> None:
        """The welcome closed: its choices are kept (also when it was just closed)."""
        from heattimer.gui.dialogs.guide import WelcomeAnswers
        from heattimer.platform import desktop_files
        from heattimer.platform.autostart import autostart, command, switch

        assert isinstance(answers, WelcomeAnswers)
        data = str(self.service.store.data_dir)
        self.controller.run(
            lambda: self.service.finish_welcome(answers.breaks, answers.break_interval_minutes)
        )
        try:
            if answers.start_at_login is not None:
                switch(autostart(), answers.start_at_login, data)
            if answers.add_to_menu:
                desktop_files.install(command(data, tray=False))
        except OSError as error:
            self.window.show_problem(
                translate("App", "Heat Timer could not change the desktop's files: {error}").format(
                    error=error
                )
            )

    def edit_settings(self) -> None:
        """The settings dialog."""
        from heattimer.gui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(
            self.service, self.idle.name, self.window, heat_switch=self.edit_heat_switch
        )
        dialog.changed.connect(self.controller.tick)
        dialog.exec()
        self.controller.tick()

    def edit_heat_switch(self) -> None:
        """The heat switch's settings, and its Test (gui/dialogs/heat_switch.py)."""
        from heattimer.gui.dialogs.heat_switch import HeatSwitchDialog

        parent = QApplication.activeModalWidget() or self.window
        HeatSwitchDialog(self.controller, parent).exec()

    def tray_available(self) -> bool:
        """True if the desktop has a tray to hold the icon (it may appear late)."""
        if self._tray_override is not None:
            return self._tray_override
        return QSystemTrayIcon.isSystemTrayAvailable()

    def _follow_tray(self) -> None:
        available = self.tray_available()
        if available and not self.tray.icon.isVisible():
            self.tray.show()
        if available:
            self.told_no_tray = False  # should it go away, closing will say so again
        self.has_tray = available

    def close_window(self) -> None:
        """The person closed the window: it hides in the tray. With no tray to hide in (a
        tray may have come or gone since the last look), closing quits, and the first time
        it says so (and asks, if a session is running, since then no alarm would sound)."""
        self._follow_tray()
        if self.has_tray:
            self.window.hide()
            return
        warning = self._quit_warning()
        if warning or not self.told_no_tray:
            self.told_no_tray = True
            text = guide.NO_TRAY_ON_CLOSE
            if not self._may_quit(f"{text}\n\n{warning}" if warning else text, safe=not warning):
                return
        self.quit()

    def quit_asking(self) -> None:
        """Quit (the menu, Ctrl+Q); while a session runs or the alarm rings, ask first."""
        warning = self._quit_warning()
        if not warning or self._may_quit(
            translate("App", "Quit Heat Timer?\n\n{warning}").format(warning=warning), safe=False
        ):
            self.quit()

    def _quit_warning(self) -> str:
        """What quitting now would stop (core/status.py), or "" if nothing."""
        return quit_warning(self.controller.status, self.controller.alarm.pending is not None)

    def _may_quit(self, text: str, safe: bool) -> bool:
        """Ask ``text``; Cancel is the default unless quitting is ``safe``."""
        from PySide6.QtWidgets import QMessageBox  # rarely needed: loaded then

        answer = QMessageBox.question(
            self.window,
            APP_NAME,
            text,
            QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Close if safe else QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Close

    def log_injury(self, parent: QWidget | None = None) -> None:
        """Ask for an injury (over ``parent``, the window by default) and log it."""
        from heattimer.gui.dialogs.injury import InjuryDialog

        dialog = InjuryDialog(self.clock.now(), parent or self.window)
        if dialog.exec() == InjuryDialog.DialogCode.Accepted:
            self.controller.log_injury(*dialog.values())
        if parent is None:
            self.window.bring_forward()

    def record_clearance(self) -> None:
        """Ask, saying what it lifts, then record a professional's clearance."""
        from heattimer.gui.dialogs.confirm import confirm

        now = self.clock.now()
        injuries = self.controller.read(self.service.injuries) or []
        question = injury_log.clearance_question(injuries, now, self.service.zone)
        if confirm(
            self.window,
            translate("App", "Cleared by a professional"),
            question,
            translate("App", "Record the clearance"),
        ):
            self.controller.clear_red_flags()

    def confirm_injury_log(self) -> None:
        """Ask, then lift the hold after a restored state file."""
        from heattimer.gui.dialogs.confirm import confirm

        status = self.controller.status
        if status is None or status.hold is None:
            return
        question = injury_log.log_check_question(status.hold, status.now, self.service.zone)
        if confirm(
            self.window,
            translate("App", "Injury log checked"),
            question,
            translate("App", "Lift the hold"),
        ):
            self.controller.confirm_injury_log()

    def undo_injury(self) -> None:
        """Take back the injury logged moments ago (core/injury_log.py's Undo)."""
        status = self.controller.status
        logged = None if status is None else status.just_logged
        if logged is not None:
            self.controller.run(lambda: self.service.remove_injury(logged.id))

    def show_injury_log(self) -> None:
        """The injury log: every injury, to remove one logged by mistake or record a
        clearance."""
        from heattimer.gui.dialogs.injury_log import InjuryLogDialog

        dialog = InjuryLogDialog(self, self.window)
        dialog.exec()
        self.controller.tick()

    def show_history(self) -> None:
        """The History view, beside the window (one; brought forward if it is open)."""
        from heattimer.gui.dialogs.history import HistoryDialog, read_history

        if self.history_view is not None:
            self.history_view.raise_()
            self.history_view.activateWindow()
            return
        names = {e.id: e.name for e in self.exercises}
        read = partial(self.controller.read, partial(read_history, self.service))
        view = HistoryDialog(read, self.service.zone, names, self.window)
        view.closed.connect(lambda: setattr(self, "history_view", None))
        self.history_view = view
        view.show()

    def _notification_action(self, key: str, token: str) -> None:
        """A notification's button (or, ``alarm.OPEN_ACTION``, the notification itself);
        ``token``: the server's activation token with the click, which lets the window take
        the keyboard on Wayland."""
        if key == alarm.HEAT_OFF_ACTION[0]:
            self.do(Key(Act.HEAT_OFF))
            if token:  # the person is at the alarm: the window shows what is next
                self.window.bring_forward(token)
        elif key in ANSWER_KEYS:
            self._break_noted_answer(ANSWER_KEYS[key])
        elif key in (COUNT_ACTION[0], OFF_ACTION[0]):
            self.controller.plug_answer(key)
        else:
            self.window.bring_forward(token)

    def quit(self) -> None:
        """Leave the app."""
        # Hidden first: QApplication.quit() closes each visible window, and a close is the
        # person asking to hide the window (close_window), not to be asked about quitting.
        self.window.hide()
        if isinstance(self.popup, QWidget):
            self.popup.hide()
        for page in self.guide_pages.values():  # a welcome left open is no answer
            page.blockSignals(True)
            page.hide()
        self.tray.icon.hide()
        app = QApplication.instance()
        if app is not None:
            app.quit()


def _start_qt() -> QApplication:
    """The QApplication; where Qt finds no platform to start on (a display it cannot reach,
    a plugin's libraries missing), one line that says which, and exit code 5, instead of
    Qt's abort and its often wrong hint."""
    logged: list[str] = []

    def listen(kind: QtMsgType, _context: object, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg:
            line = qt_start_failure_line(logged, _platform_plugins(logged))
            print(
                _("heattimer: the app cannot start: {reason}").format(reason=line),
                file=sys.stderr,
                flush=True,
            )
            os._exit(Exit.NO_DESKTOP)  # Qt would abort on return; the OS drops the app's lock
        logged.append(message)

    previous = qInstallMessageHandler(listen)
    try:
        app = QApplication(sys.argv[:1])
    finally:
        qInstallMessageHandler(previous)
    for message in logged:  # what Qt said on the way (a Wayland it fell back from, ...)
        print(message, file=sys.stderr)
    return app


def _platform_plugins(messages: list[str]) -> list[str]:
    """The files of the platform plugins Qt says it could not load."""
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    names = re.findall(r'Could not load the Qt platform plugin "(\w+)"', "\n".join(messages))
    return [str(folder / f"libq{name}.so") for name in dict.fromkeys(names)]


def _make_qapp() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else _start_qt()
    if existing is None:
        install_translations(app, language())
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)
    # No pixmap cache: while it holds anything Qt wakes the app every 10 s to age it, and an
    # idle tray app must sleep (benchmarks/bench_gui.py); the app redraws little anyway.
    QPixmapCache.setCacheLimit(0)
    return app


def _acquire(lock: AppLock, tries: int = 5) -> bool:
    """Take the app's lock. Where `heattimer start` can only probe it by taking it for an
    instant (not Linux: instance.PROBES_TAKE_THE_LOCK), a refusal is believed once it lasts."""
    if lock.acquire():
        return True
    if not PROBES_TAKE_THE_LOCK:
        return False
    import time

    for _try in range(tries - 1):
        time.sleep(0.05)
        if lock.acquire():
            return True
    return False


def run_app(data_dir_arg: str | None = None, show_window: bool = True) -> int:
    """Run the app on the data folder; return the exit code. Without ``show_window`` (at
    login) the window stays in the tray, where there is one."""
    # PySide6's import hook kept the source of every module imported after it (see
    # gui/__init__.py); it is only a cache, and a megabyte of it. Dropped before the app
    # is built, so that what the app allocates next fills the room it leaves.
    linecache.clearcache()
    qapp = _make_qapp()  # first: an app that cannot start here touches no file
    folder = data_dir(data_dir_arg)
    warnings: list[str] = []

    def warn(message: str) -> None:
        print(f"heattimer: {message}", file=sys.stderr)
        warnings.append(message)

    try:
        # The day's backup beside the writes, so the window never waits for it (bench_stall.py).
        store = Store(folder, warn=warn, back_up_aside=True)
    except StoreError as error:
        print(f"heattimer: {error}", file=sys.stderr)
        return Exit.STORE_FAILED
    clock = system_clock()
    from heattimer.platform.plugs.config import ConfigError, client, load

    try:
        switch = client(load(folder))  # the heat switch, if one is set (README: Smart plug)
    except ConfigError as error:
        print(f"heattimer: {error}", file=sys.stderr)
        switch = None
        warnings.append(str(error))
    service = Service(store, clock, switch=switch)
    # One app per data folder: the lock decides (the OS drops it if the app dies), and a
    # second launch asks the first, through the state file, to bring its window forward.
    lock = AppLock(folder)
    if not _acquire(lock):
        if not show_window:  # started at login once more: the running app stays as it is
            print(_("heattimer: Heat Timer is already running."), file=sys.stderr)
            return Exit.OK
        try:
            service.request(Request.SHOW)
        except StoreError as error:
            print(f"heattimer: {error}", file=sys.stderr)
            return Exit.STORE_FAILED
        print(  # (asked: on Wayland the desktop may leave the window where it is)
            _("heattimer: Heat Timer is already running: it was asked to show its window."),
            file=sys.stderr,
        )
        return Exit.OK
    app = HeatTimerApp(service, clock)
    watcher = StoreWatcher(store, app)
    watcher.changed.connect(app.controller.data_changed)
    app.start(show_window=show_window, defer=True)
    for message in warnings:
        app.window.show_problem(message)
    if store.read_only_reason:
        app.window.show_problem(store.read_only_reason)
    code = qapp.exec()
    lock.release()
    store.close()
    del app, watcher
    return int(code)
