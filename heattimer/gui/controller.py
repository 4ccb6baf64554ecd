"""The app's heart: it asks the service, keeps the latest status, and ticks by the clock.

Time is never counted by timers: every tick reads the clock and asks the
service again, so after a suspend the countdown is right on the first tick
and the alarm rings at once. While a session runs or the alarm rings the tick
comes every second, on the second; otherwise at the next instant what is shown
changes by itself (what the window shows, while it is open; else what the tray
shows), and at least once a minute.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from heattimer.core import alarm
from heattimer.core.heatswitch import (
    ADVICE_WORDING,
    ASK_TITLE,
    COUNT_ACTION,
    OFF_ACTION,
    Advice,
    Fault,
    PlugFault,
    Reading,
    advice,
    off_timer_seconds,
    shortened_timer,
    switch_on,
    try_switch,
)
from heattimer.core.model import Area, Injury, Kind, RedFlag, Session
from heattimer.core.rules import session_length
from heattimer.core.settings import SettingError
from heattimer.core.status import STOP_HEAT, Status, next_change, next_redraw
from heattimer.core.validation import Invalid
from heattimer.gui.translate import translate
from heattimer.platform.ports import Clock, HeatSwitch, Notifier, Sound
from heattimer.service import Refused, Request, Service
from heattimer.store import StoreError

if TYPE_CHECKING:
    from queue import Queue

T = TypeVar("T")

IDLE_TICK = timedelta(minutes=1)
STARTUP_CHORES_MS = 300
"""How long after start the first slow tick's chores run (the window is up by then)."""
PlugJob = tuple[Callable[[Reading], None], bool, Callable[[str], None] | None, int]
"""What comes after a request to the plug: its Reading's use, whether it was an action,
who hears of a fault (the window, if nobody else), and the count of actions asked then."""
ALARM_TAG = "alarm"
PLUG_TAG = "plug"


class Controller(QObject):
    """Status, actions and the alarm, for the window and the tray to show."""

    changed = Signal(object)  # Status
    alarmChanged = Signal(object)  # the Session whose heat must be turned off, or None
    problem = Signal(str)  # one sentence for the person
    wantsAttention = Signal()  # bring the window forward
    breakRequested = Signal()  # `heattimer break now`
    acting = Signal()  # the person did something: an earlier problem is no longer news
    idleTick = Signal()  # a slow tick (at most once a minute): time for occasional checks
    _plugAnswered = Signal(object, object)  # (what to do next, the plug's Reading or fault)
    plugRead = Signal(object)  # the heat switch's latest Reading (core/heatswitch.py)

    def __init__(
        self,
        service: Service,
        clock: Clock,
        notifier: Notifier,
        sound: Sound,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.clock = clock
        self.notifier = notifier
        self.sound = sound
        self.status: Status | None = None
        self.alarm = alarm.AlarmState()  # core/alarm.py decides; this carries it out
        self.alarm_actions = alarm.actions(click_opens=False)
        """The alarm notification's actions (core/alarm.py; the app says where a click opens
        the window)."""
        self.window_visible = False
        self._last_idle_tick: datetime | None = None
        self.before_tick: list[Callable[[], None]] = []  # e.g. noticing the person was away
        self._hook_errors: dict[int, str] = {}  # the last failure of each, said once
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.tick)
        self.startup_chores_ms = STARTUP_CHORES_MS  # tests, which have no window to wait for, 0
        self._chores = QTimer(self)  # the first slow tick's, once the window is up
        self._chores.setSingleShot(True)
        self._chores.timeout.connect(self.idleTick.emit)
        self._pending_actions = 0
        self._starting: object | None = None
        self._count_when_idle = False
        self._generation = 0
        self._plug_queue: Queue[tuple[Callable[[], Reading], PlugJob]] | None = None
        self._plug_thread: threading.Thread | None = None
        self._plug_reading_now = False
        self._advised: tuple[Advice, str | None] | None = None  # (said once a session)
        self._plugAnswered.connect(self._plug_answered)

    # -- the clock -------------------------------------------------------------

    def tick(self) -> None:
        """Read the clock, ask the service, ring the alarm if due, schedule the next tick.

        Whatever goes wrong in one tick, the next one is scheduled: the alarm must not stop
        because a notification or a record failed."""
        try:
            self._tick()
        except Exception as error:
            self.problem.emit(_went_wrong(error))
            self._schedule(None)

    def _tick(self) -> None:
        for index, hook in enumerate(self.before_tick):
            try:
                hook()
            except Exception as error:  # a helper (the idle probe) must not stop the alarm
                message = _went_wrong(error)
                if self._hook_errors.get(index) != message:  # said once, not every second
                    self._hook_errors[index] = message
                    self.problem.emit(message)
            else:
                self._hook_errors.pop(index, None)
        try:
            status = self.service.status()
        except StoreError as error:
            self.problem.emit(str(error))
            self._schedule(None)
            return
        self.status = status
        self.alarm, effects = alarm.step(self.alarm, status, self.service.zone)
        for effect in effects:
            try:
                self._carry_out(effect)
            except Exception as error:  # one that fails must not drop the ones after it
                self.problem.emit(_went_wrong(error))
        self.changed.emit(status)
        self._schedule(status)
        now = status.now
        if self._last_idle_tick is None:
            # The first one's chores (the coach's news, a look for the tray) wait until
            # the window is up: a person sees the window sooner.
            self._last_idle_tick = now
            self._chores.start(self.startup_chores_ms)
        elif now - self._last_idle_tick >= IDLE_TICK:
            self._last_idle_tick = now
            self.idleTick.emit()

    def set_window_visible(self, visible: bool) -> None:
        """The window is open (or not): the next tick comes when what it shows changes."""
        self.window_visible = visible
        if self.status is not None:
            self._schedule(self.status)

    def tick_interval(self) -> int:
        """Milliseconds until the next tick (for tests and the idle-CPU check)."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def _schedule(self, status: Status | None) -> None:
        if status is None:
            self._timer.start(int(IDLE_TICK.total_seconds() * 1000))
            return
        now = status.now
        if status.session is not None or self.alarm.ringing:
            # On the next whole second of the countdown, so the display never skips one.
            left_ms = (
                (status.session.ends_at - now) // timedelta(milliseconds=1)
                if (status.session is not None)
                else 1000
            )
            delay = left_ms % 1000 or 1000
        else:
            # Nothing counts down by the second: wake when what is shown changes, and at least
            # once a minute (the window's countdowns are in minutes).
            upcoming = next_redraw(status) if self.window_visible else next_change(status)
            wait = IDLE_TICK if upcoming is None else min(IDLE_TICK, upcoming - now)
            delay = max(1000, int(wait.total_seconds() * 1000) + 50)
        self._timer.start(delay)

    # -- the alarm -------------------------------------------------------------

    def _carry_out(self, effect: alarm.Effect) -> None:
        kind = effect.kind
        if kind is alarm.EffectKind.SHOW:
            self.alarmChanged.emit(effect.session)
            switch = self.service.switch
            if switch is not None and effect.session is not None:
                # The deadline: the plug's own timer has cut the power; make sure, and then
                # the heat is off (the alarm rings on until the plug says so).
                self._switch_off_then_confirm(switch)
        elif kind is alarm.EffectKind.END:
            self.notifier.close(ALARM_TAG)
            self.alarmChanged.emit(None)
        elif kind is alarm.EffectKind.RING:
            self.notifier.notify(
                ALARM_TAG, effect.title, effect.body, urgent=True, actions=self.alarm_actions
            )
            self.sound.play()
            self.wantsAttention.emit()
        elif kind is alarm.EffectKind.RECORD_END:
            self._act_quietly(self.service.close_overdue)
        elif kind is alarm.EffectKind.COLD_DONE:
            self.notifier.notify("cold", effect.title, effect.body, urgent=False)
            if effect.chime:
                self.sound.play()

    # -- what the person does --------------------------------------------------

    def _act_quietly(self, action: Callable[[], T]) -> T | None:
        try:
            return action()
        except StoreError as error:
            self.problem.emit(str(error))
            return None

    def read(self, action: Callable[[], T]) -> T | None:
        """Ask the service something (``action``); None, and the reason shown, if the state
        file cannot be read."""
        return self._act_quietly(action)

    def run(self, action: Callable[[], T]) -> T | None:
        """Do ``action`` (a call to the service), show why if it was refused, then tick."""
        return self._act(action)

    def _act(self, action: Callable[[], T]) -> T | None:
        self.acting.emit()
        try:
            result = action()
        except Refused as refused:
            self.problem.emit(refused.decision.message)
            result = None
        except (Invalid, SettingError, ValueError, StoreError) as error:
            self.problem.emit(str(error))
            result = None
        self.tick()
        return result

    def start(
        self, minutes: int | None = None, kind: Kind = Kind.HEAT, warmup: bool = False
    ) -> Session | None:
        """Start a session now, if the rules allow it. With a heat switch, a heat session
        is planned (the rules asked), the plug switched on off this thread, and the
        session started once it says on: None here, the session shows on the next tick."""
        switch = self.service.switch
        if kind is not Kind.HEAT or switch is None:
            return self._act(lambda: self.service.start(kind, minutes, warmup=warmup))
        if self.plug_busy:  # (its answer decides what a start may do: after it)
            self.problem.emit(translate("Controller", "The plug is busy: try again in a moment."))
            return None
        plan = self._act(lambda: self.service.start(kind, minutes, warmup, plan_only=True))
        if plan is None:
            return None
        seconds = off_timer_seconds(plan.ends_at, self.clock.now())
        token = self._starting = object()  # (a Stop meanwhile cancels this start)

        def switched_on(_reading: Reading) -> None:
            if self._starting is not token:  # stopped before the plug said on: no session
                return  # (the Stop's off is queued after this on)
            self._starting = None
            session = self._act(
                lambda: self.service.start(kind, minutes, warmup=warmup, switch=False)
            )
            if session is None:  # the rules changed their mind meanwhile: off again
                self._ask_plug(switch.switch_off, self._said_off)
                return
            left = shortened_timer(plan.ends_at, session.ends_at, self.clock.now())
            if left is not None:
                self._ask_plug(lambda: switch_on(switch, left), lambda _r: None)

        # (core's switch_on: seen on with its timer, or off again and a fault)
        self._ask_plug(lambda: switch_on(switch, seconds), switched_on)
        return None

    def stop(self) -> None:
        """Stop the running session (recorded at once); then the plug off."""
        self._starting = None  # a start still waiting for the plug: cancelled
        stopped = self._act(lambda: self.service.stop(switch=False))
        switch = self.service.switch
        cold = stopped is not None and stopped.session.kind is Kind.COLD
        if switch is not None and not cold:  # (whatever the file said: off is safe)
            self._ask_plug(switch.switch_off, self._said_off)

    def confirm_heat_off(self) -> None:
        """The person says the heat is off: the alarm stops (with a heat switch, once the
        plug says it is off)."""
        switch = self.service.switch
        if switch is None:
            self._act(self.service.confirm_heat_off)
        else:
            self._switch_off_then_confirm(switch)

    def _switch_off_then_confirm(self, switch: HeatSwitch) -> None:
        def answered(reading: Reading) -> None:
            self._said_off(reading)
            if not reading.on:
                self._act(lambda: self.service.confirm_heat_off(switch=False))

        self._ask_plug(switch.switch_off, answered)

    def _said_off(self, reading: Reading) -> None:
        switch = self.service.switch
        if reading.on and switch is not None:
            self.problem.emit(str(PlugFault(Fault.STILL_ON, switch.address)))

    # -- the heat switch, off the GUI's thread -----------------------------------

    def _ask_plug(
        self,
        request: Callable[[], Reading],
        then: Callable[[Reading], None],
        acting: bool = True,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Queue ``request`` (a call to the plug, up to seconds on a slow network) for the
        heat switch's own thread, which runs them one at a time in the order asked; ``then``
        its Reading here, on the GUI's thread; a fault is said. While actions (not mere
        readings) are pending, no Start or Test begins (plug_busy), and a reading taken
        before the latest action is not acted on."""
        if acting:
            self._pending_actions += 1
            self._generation += 1
        else:
            self._plug_reading_now = True
        job: PlugJob = (then, acting, failed, self._generation)
        if self._plug_queue is None:  # (the first request: only where a plug is set)
            from queue import Queue

            self._plug_queue = Queue()
        self._plug_queue.put((request, job))
        if self._plug_thread is None:
            self._plug_thread = threading.Thread(
                target=self._plug_work, name="heat switch", daemon=True
            )
            self._plug_thread.start()

    @property
    def plug_busy(self) -> bool:
        """An action of the heat switch's (on, off, a test) is pending."""
        return self._pending_actions > 0

    def _plug_work(self) -> None:
        assert self._plug_queue is not None
        while True:
            request, job = self._plug_queue.get()
            try:
                answer: Reading | PlugFault = request()
            except PlugFault as fault:
                answer = fault
            except Exception as error:  # (a reply no parser foresaw: said, never a hang)
                address = getattr(self.service.switch, "address", "")
                answer = PlugFault(Fault.NONSENSE, address, str(error) or type(error).__name__)
            self._plugAnswered.emit(job, answer)  # (queued to the GUI's thread)

    def _plug_answered(self, job: PlugJob, answer: object) -> None:
        then, acting, failed, generation = job
        if acting:
            self._pending_actions -= 1
            if not self.plug_busy and self._count_when_idle:
                self._count_when_idle = False
                QTimer.singleShot(0, self.start)  # (after this answer has been dealt with)
        else:
            self._plug_reading_now = False
            if generation != self._generation or self.plug_busy:
                return  # taken before an action since: out of date
        if isinstance(answer, PlugFault):
            (failed or self.problem.emit)(str(answer))
            self.tick()
        elif isinstance(answer, Reading):
            self.plugRead.emit(answer)
            then(answer)

    def check_plug(self) -> None:
        """Read the heat switch (each slow tick: once a minute) and do what the power it
        measures asks (core/heatswitch.py's advice): switch it off, ask, or say."""
        switch = self.service.switch
        if switch is None or self.plug_busy or self._plug_reading_now:
            return
        self._ask_plug(switch.read, self._advise, acting=False)

    def _advise(self, reading: Reading) -> None:
        status, switch = self.status, self.service.switch
        if status is None or switch is None:
            return
        session = status.session
        running = session is not None and session.kind is Kind.HEAT
        age = status.now - session.started_at if session is not None else timedelta(0)
        said = advice(reading, running, status.heat.allowed, age)
        if said is Advice.NOTHING or self.plug_busy:
            return  # (nor while an action is under way: its own answer is news enough)
        key = (said, session.id if session is not None else None)
        news, self._advised = key != self._advised, key  # (each said once: per session or spell)
        if said is Advice.SWITCH_OFF:  # (asked again each minute, until it is off)
            self._ask_plug(switch.switch_off, self._said_off)
        elif said is Advice.ASK_TO_COUNT and news:
            # The plug's own timer first, as long as the session Count it would start:
            # unanswered, the heat ends then.
            length = session_length(Kind.HEAT, None, status.settings, status.heat)
            seconds = int(length.total_seconds())  # (whole seconds, never past it)
            self._ask_plug(lambda: switch_on(switch, seconds), lambda _r: None)
            self.notifier.notify(
                PLUG_TAG, ASK_TITLE, ADVICE_WORDING[said], actions=(COUNT_ACTION, OFF_ACTION)
            )
            self.wantsAttention.emit()
        if news and said is not Advice.ASK_TO_COUNT:
            self.problem.emit(ADVICE_WORDING[said])

    def set_switch(self, switch: HeatSwitch | None) -> bool:
        """Use ``switch`` as the heat switch from now on (the settings changed it); not while
        a session runs or a request is pending (its off must reach the plug it went to)."""
        if self.plug_busy or (self.status is not None and self.status.session is not None):
            return False
        self.service.switch = switch
        self.tick()
        return True

    def try_plug(self, said: Callable[[str], None], wait: Callable[[float], object]) -> None:
        """The settings' Test (core/heatswitch.py's try_switch), off the GUI's thread, if the
        rules allow heat now; ``said`` gets the line it ends with."""
        if self.plug_busy:
            said(translate("Controller", "The plug is busy: try again in a moment."))
            return
        try:
            switch = self.service.check_switch_test()
        except Refused as refused:
            said(refused.decision.message)
            return
        except (Invalid, StoreError) as error:
            said(str(error))
            return
        result: list[str] = []

        def trial() -> Reading:
            result.append(try_switch(switch, wait))
            return switch.read()

        def done(_reading: Reading) -> None:
            said(result[0])

        def failed(message: str) -> None:
            said(message)

        self._ask_plug(trial, done, failed=failed)

    def plug_answer(self, key: str) -> None:
        """The power-draw question's answer: count it (a heat session from now, the plug's
        timer set to it, if the rules allow) or switch it off."""
        self.notifier.close(PLUG_TAG)
        switch = self.service.switch
        if key == COUNT_ACTION[0]:
            if self.plug_busy:  # (its timer being set: counted once that is done)
                self._count_when_idle = True
            else:
                self.start()
        elif key == OFF_ACTION[0] and switch is not None:
            self._ask_plug(switch.switch_off, self._said_off)

    def log_injury(
        self, at: datetime | None, area: Area, flags: list[RedFlag], note: str
    ) -> Injury | None:
        """Log an injury; the status then shows the block (and, mid-session, says to stop)."""
        injury = self._act(lambda: self.service.log_injury(at, area, flags, note))
        if injury is not None and self.status is not None and self.status.heat.stop_heat:
            self.problem.emit(f"{STOP_HEAT}.")
            self.wantsAttention.emit()
        return injury

    def clear_red_flags(self) -> None:
        """Record a professional's clearance for every red-flag injury holding heat."""
        self._act(self.service.clear_red_flags)

    def confirm_injury_log(self) -> None:
        """The person has checked their injury log after the file was restored from a backup."""
        self._act(self.service.confirm_injury_log)

    def data_changed(self) -> None:
        """Another program (the CLI, a second launch) changed the file: show it now."""
        requests = self._act_quietly(self.service.take_requests) or set()
        if Request.SHOW in requests:
            self.wantsAttention.emit()
        if Request.BREAK in requests:
            self.breakRequested.emit()
        self.tick()


def _went_wrong(error: Exception) -> str:
    return translate("Controller", "Something went wrong: {error}").format(error=error)
