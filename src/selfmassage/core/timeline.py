"""A routine laid out in time: segments (work, side switches, transitions) and their cues.

The timeline is a plain value computed once per session. Its total always equals
``plan(routine, pacing).total_seconds``. Every spoken cue gets an estimated duration from
its word count, and a priority rule keeps two cues from talking over each other:

1. Cues are placed in priority order, highest first (see ``PRIORITY``).
2. Cues whose moment is their meaning (announce, switch-side, countdown, remaining,
   finish) never move: if the time they need is already taken, they are dropped.
3. A safety cue (the technique's boundary: "Stop above the back of the knee.") is said
   in every side's work as soon as the announcement is over: it starts within
   ``SAFETY_WITHIN`` seconds of the start of that side, and is over before the side ends.
4. The others (custom, next, halfway, prompt) may wait up to ``CueOptions.max_wait``
   seconds for a free moment, inside their own segment; if none comes, they are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from selfmassage.core.anatomy import Side
from selfmassage.core.bounded import bounded_int
from selfmassage.core.breathing import BreathSound
from selfmassage.core.breathing_cues import breath_cues, breathing_announcement
from selfmassage.core.cue_words import FINISH_TEXT as FINISH_TEXT
from selfmassage.core.cue_words import HALFWAY_TEXT as HALFWAY_TEXT
from selfmassage.core.cue_words import announce_text as announce_text
from selfmassage.core.cue_words import capital as _capital
from selfmassage.core.cue_words import finish_text, halfway_text
from selfmassage.core.cue_words import place_words as place_words
from selfmassage.core.cue_words import remaining_text as remaining_text
from selfmassage.core.cue_words import said_place as said_place
from selfmassage.core.cue_words import spoken_seconds as spoken_seconds
from selfmassage.core.cue_words import step_title as step_title
from selfmassage.core.cue_words import switch_text as switch_text
from selfmassage.core.language import _, speaking
from selfmassage.core.routine import CueStyle, Pacing, Routine, Step, plan
from selfmassage.core.step_lines import TechniqueLines as TechniqueLines
from selfmassage.core.step_lines import first_sentence as first_sentence
from selfmassage.core.step_lines import midline_switch, spoken_prompts, start_line
from selfmassage.core.step_lines import shows_own_text as shows_own_text
from selfmassage.core.words import first_side_words, spoken_number


class SegmentKind(StrEnum):
    WORK = "work"
    """One side of a step (or the whole of a midline step)."""
    SWITCH_SIDE = "switch-side"
    """The pause between the left and the right side of one step."""
    TRANSITION = "transition"
    """The get-ready before a step, the first too: time to hear it and get into position."""


class CueKind(StrEnum):
    ANNOUNCE = "announce"
    SAFETY = "safety"
    """Where to stop (the technique's boundary), early in every side."""
    CUSTOM = "custom"
    PROMPT = "prompt"
    HALFWAY = "halfway"
    REMAINING = "remaining"
    COUNTDOWN = "countdown"
    SWITCH_SIDE = "switch-side"
    NEXT = "next"
    FINISH = "finish"
    BREATH = "breath"


class Beep(StrEnum):
    """The short sounds the speech side plays; it generates the WAVs."""

    START = "start"
    COUNTDOWN = "countdown"
    FINISH = "finish"
    BREATH_IN = "breath-in"
    BREATH_OUT = "breath-out"
    SOFT = "soft"


class CueLevel(StrEnum):
    FULL = "full"
    """Every cue is spoken."""
    MINIMAL = "minimal"
    """Only what structures the session is spoken: announce, switch side, next, finish."""
    BEEPS = "beeps"
    """Nothing is spoken; beeps mark start, countdown and finish."""
    SILENT = "silent"
    """No sound at all; cues only appear on screen."""


class CountdownStyle(StrEnum):
    BEEPS = "beeps"
    WORDS = "words"
    OFF = "off"


PRIORITY: dict[CueKind, int] = {
    CueKind.FINISH: 90,
    CueKind.ANNOUNCE: 80,
    CueKind.SWITCH_SIDE: 75,
    CueKind.BREATH: 72,
    CueKind.COUNTDOWN: 70,
    CueKind.SAFETY: 65,
    CueKind.CUSTOM: 60,
    CueKind.REMAINING: 50,
    CueKind.NEXT: 40,
    CueKind.HALFWAY: 30,
    CueKind.PROMPT: 20,
}
"""Higher first. A cue never pushes out one of higher priority."""

FIXED_KINDS = frozenset(
    {CueKind.ANNOUNCE, CueKind.SWITCH_SIDE, CueKind.COUNTDOWN, CueKind.REMAINING, CueKind.FINISH}
).union({CueKind.BREATH})
"""Cues whose moment is their meaning: they are said on time or not at all."""

MINIMAL_KINDS = frozenset(
    {
        CueKind.ANNOUNCE,
        CueKind.SAFETY,
        CueKind.SWITCH_SIDE,
        CueKind.NEXT,
        CueKind.FINISH,
        CueKind.COUNTDOWN,
        CueKind.BREATH,
    }
)

SAFETY_WITHIN = 15.0
"""A side's boundary is said within this many seconds of the start of its work."""

BEEP_SECONDS: dict[Beep, float] = {
    Beep.START: 0.33,
    Beep.COUNTDOWN: 0.07,
    Beep.FINISH: 0.77,
    Beep.BREATH_IN: 0.9,
    Beep.BREATH_OUT: 0.95,
    Beep.SOFT: 0.7,
}
"""How long each beep sounds (the files in assets/sounds; a test holds them to it). A
cue's words follow its beep, so both count in the time the cue takes."""


@dataclass(frozen=True, slots=True)
class CueOptions:
    level: CueLevel = CueLevel.FULL
    countdown: CountdownStyle = CountdownStyle.BEEPS
    remaining: tuple[int, ...] = (10,)
    """Say "N seconds left" this many seconds before the end of each side."""
    halfway: bool = True
    prompts: bool = True
    words_per_minute: float = 160.0
    """For estimating how long a cue takes to say; a little slow, so estimates are safe."""
    max_wait: float = 6.0
    gap: float = 0.2
    """Silence kept between two cues."""
    breath: BreathSound = BreathSound.WORDS


@dataclass(frozen=True, slots=True)
class Cue:
    at: float
    """Seconds from the start of the routine."""
    kind: CueKind
    text: str
    """What is shown on screen and, when ``voice`` is true, spoken."""
    segment: int
    """The index of the segment the cue belongs to."""
    voice: bool = True
    beep: Beep | None = None
    from_end: bool = False
    """Placed relative to the end of its segment: moves when time is added to it."""

    @property
    def sounds(self) -> bool:
        return self.voice or self.beep is not None


@dataclass(frozen=True, slots=True)
class Segment:
    index: int
    kind: SegmentKind
    step_index: int
    """The step it belongs to; for a transition, the step that comes next."""
    side: Side | None
    """The side worked (for a switch, the side that comes next); None for midline steps."""
    start: int
    end: int
    cues: tuple[Cue, ...] = ()

    @property
    def seconds(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Timeline:
    routine: Routine
    pacing: Pacing
    segments: tuple[Segment, ...]
    finish: Cue
    dropped: tuple[Cue, ...] = field(default=())
    """Cues the priority rule left out, for the ``routine timeline`` report and tests."""

    @property
    def total_seconds(self) -> int:
        return self.segments[-1].end if self.segments else 0

    @property
    def cues(self) -> tuple[Cue, ...]:
        """Every cue in time order, the finish last."""
        return (*(cue for segment in self.segments for cue in segment.cues), self.finish)

    def step(self, segment: Segment) -> Step:
        return self.routine.steps[segment.step_index]

    def work_segments(self, step_index: int) -> tuple[Segment, ...]:
        return tuple(
            s for s in self.segments if s.step_index == step_index and s.kind is SegmentKind.WORK
        )


TechniqueLookup = Callable[[str], TechniqueLines | None]


DEFAULT_VOICE_RATE = 170
"""The settings' default speaking rate, words a minute."""


def estimate_rate(voice_rate: int) -> float:
    """Words a minute to plan cues with: a little slower than the voice speaks, so that
    estimates stay safe (160 at the default 170), however slow or fast the voice is set."""
    rate = bounded_int(voice_rate, 80, 300, DEFAULT_VOICE_RATE)
    return float(rate - 10)


def options_from_settings(
    cue_level: str,
    countdown: str,
    transition_seconds: int,
    voice_rate: int = DEFAULT_VOICE_RATE,
) -> tuple[Pacing, CueOptions]:
    """Pacing and cue options from the settings' values; odd values become the defaults.
    The person's speaking rate sets how long each cue is expected to take."""
    try:
        level = CueLevel(cue_level)
    except ValueError:
        level = CueLevel.FULL
    try:
        style = CountdownStyle(countdown)
    except ValueError:
        style = CountdownStyle.BEEPS
    transition = bounded_int(transition_seconds, 0, 60, Pacing().transition_seconds)
    options = CueOptions(level=level, countdown=style, words_per_minute=estimate_rate(voice_rate))
    return Pacing(transition_seconds=transition), options


# Building --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    """A cue before the priority rule has placed it."""

    cue: Cue
    latest: float
    """The latest start it may wait until."""


def build_timeline(
    routine: Routine,
    pacing: Pacing | None = None,
    options: CueOptions | None = None,
    techniques: TechniqueLookup | None = None,
) -> Timeline:
    """Lay a routine out in time, with its cues placed by the priority rule; its cues in
    the routine's language (the app's own when the app has no texts in it)."""
    with speaking(routine.language):
        return _build_timeline(routine, pacing, options, techniques)


def _build_timeline(
    routine: Routine,
    pacing: Pacing | None,
    options: CueOptions | None,
    techniques: TechniqueLookup | None,
) -> Timeline:
    pacing = pacing or Pacing()
    options = options or CueOptions()
    calm = routine.cues is CueStyle.CALM
    if calm:  # the routine's own level: it turns cues down, the person's level still applies
        options = replace(options, countdown=CountdownStyle.OFF, halfway=False, remaining=())
    segments: list[Segment] = []
    drafts: dict[int, list[_Draft]] = {}
    clock = 0
    steps = routine.steps
    for step_index, step in enumerate(steps):
        ready = False
        technique = techniques(step.technique) if techniques and step.technique else None
        if pacing.transition_seconds > 0:
            seg = Segment(
                len(segments),
                SegmentKind.TRANSITION,
                step_index,
                step.sides[0],
                clock,
                clock + pacing.transition_seconds,
            )
            segments.append(seg)
            # Getting ready: what comes and how to get into place, before the clock runs
            # (a pause too short to say even the place leaves it to the work's start).
            text = _announcement(step, step.sides[0], technique, options, seg.seconds, ready=True)
            ready = _fits(text, options, seg.seconds)
            drafts[seg.index] = [_fixed(seg, seg.start, CueKind.ANNOUNCE, text)] if ready else []
            clock = seg.end
        for side_number, side in enumerate(step.sides):
            switch_cue: tuple[float, str] | None = None
            if side_number > 0 and side is not None:
                if pause := pacing.side_switch_seconds(step):
                    seg = Segment(
                        len(segments),
                        SegmentKind.SWITCH_SIDE,
                        step_index,
                        side,
                        clock,
                        clock + pause,
                    )
                    segments.append(seg)
                    drafts[seg.index] = [
                        _fixed(seg, seg.start, CueKind.SWITCH_SIDE, switch_text(side, step.region))
                    ]
                    clock = seg.end
                else:
                    switch_cue = (clock, switch_text(side, step.region))
            seg = Segment(
                len(segments), SegmentKind.WORK, step_index, side, clock, clock + step.seconds
            )
            segments.append(seg)
            if step.is_breathing:
                drafts[seg.index] = _breath_drafts(seg, step, options, ready)
            else:
                drafts[seg.index] = _work_cues(
                    seg, step, side_number, technique, options, switch_cue, ready
                )
            clock = seg.end

    total = plan(routine, pacing).total_seconds
    assert clock == total, "the timeline must agree with plan()"
    finish_seg = segments[-1].index if segments else 0
    finish_beep = Beep.SOFT if calm else Beep.FINISH
    finish = _fixed_cue(finish_seg, float(total), CueKind.FINISH, finish_text(), finish_beep)

    placed, dropped = _place(
        [d for ds in drafts.values() for d in ds], options, reserved=(finish.at, finish)
    )
    if calm:  # soft transitions: a soft tone where a step's start would beep
        placed = [replace(c, beep=Beep.SOFT) if c.beep is Beep.START else c for c in placed]
    by_segment: dict[int, list[Cue]] = {}
    for cue in placed:
        by_segment.setdefault(cue.segment, []).append(cue)
    final_segments = tuple(
        replace(seg, cues=tuple(sorted(by_segment.get(seg.index, []), key=_cue_order)))
        for seg in segments
    )
    finish = _apply_level(finish, options)
    return Timeline(routine, pacing, final_segments, finish, tuple(sorted(dropped, key=_cue_order)))


def _cue_order(cue: Cue) -> tuple[float, int]:
    return (cue.at, -PRIORITY[cue.kind])


def _fixed_cue(segment: int, at: float, kind: CueKind, text: str, beep: Beep | None) -> Cue:
    return Cue(at=float(at), kind=kind, text=text, segment=segment, beep=beep)


def _fixed(seg: Segment, at: float, kind: CueKind, text: str, beep: Beep | None = None) -> _Draft:
    return _Draft(_fixed_cue(seg.index, at, kind, text, beep), float(at))


def _movable(seg: Segment, at: float, kind: CueKind, text: str) -> _Draft:
    return _Draft(Cue(at=float(at), kind=kind, text=text, segment=seg.index), float(seg.end))


def _work_cues(
    seg: Segment,
    step: Step,
    side_number: int,
    technique: TechniqueLines | None,
    options: CueOptions,
    switch_cue: tuple[float, str] | None,
    announced: bool = False,
) -> list[_Draft]:
    """The cues of one side's work; ``announced``: the get-ready pause before it has
    already said the step's name and start line, so the work starts with "Go"."""
    length = seg.seconds
    result: list[_Draft] = []
    if switch_cue is not None:
        result.append(_fixed(seg, seg.start, CueKind.SWITCH_SIDE, switch_cue[1], Beep.START))
    elif side_number == 0 and announced:
        # Translators: the work starts after a get-ready: "Go: your left calf."
        text = _("Go: {place}.").format(place=said_place(step, seg.side))
        result.append(_fixed(seg, seg.start, CueKind.ANNOUNCE, text, Beep.START))
    elif side_number == 0:
        text = _announcement(step, seg.side, technique, options, length)
        result.append(_fixed(seg, seg.start, CueKind.ANNOUNCE, text, Beep.START))
    else:
        text = f"{_capital(said_place(step, seg.side))}."
        result.append(_fixed(seg, seg.start, CueKind.ANNOUNCE, text, Beep.START))

    if technique is not None and technique.boundary:
        cue = Cue(float(seg.start), CueKind.SAFETY, technique.boundary, seg.index)
        said = spoken_seconds(cue.text, options.words_per_minute)
        # It starts within SAFETY_WITHIN seconds, and is over before the side ends.
        latest = min(seg.start + SAFETY_WITHIN, seg.end - said - options.gap)
        result.append(_Draft(cue, latest))

    for own in step.cues:
        if 0 <= own.at < length:
            result.append(_movable(seg, seg.start + own.at, CueKind.CUSTOM, own.say.strip()))

    prompts = spoken_prompts(step, technique)
    switch = midline_switch(step, prompts)
    if switch is not None:
        # A midline step works one side, then the other: the change comes at exactly
        # half, on its own moment, in place of "Halfway".
        result.append(_fixed(seg, seg.start + length / 2, CueKind.SWITCH_SIDE, switch))
        prompts = tuple(line for line in prompts if line != switch)
    elif options.halfway and length >= 40:
        result.append(_movable(seg, seg.start + length / 2, CueKind.HALFWAY, halfway_text()))

    if options.prompts and prompts:
        already = {c.say.strip().casefold() for c in step.cues}
        lines = [line for line in prompts if line.strip().casefold() not in already]
        # Spread the prompts over the side, away from its start and its end.
        for number, line in enumerate(lines, start=1):
            at = seg.start + length * number / (len(lines) + 1) - length / (4 * (len(lines) + 1))
            result.append(_movable(seg, round(at, 3), CueKind.PROMPT, line))

    for before in sorted(set(options.remaining), reverse=True):
        if before > 0 and before * 2 <= length:
            draft = _fixed(seg, seg.end - before, CueKind.REMAINING, remaining_text(before))
            draft.cue = replace(draft.cue, from_end=True)
            result.append(draft)

    if options.countdown is not CountdownStyle.OFF and length >= 10:
        for n in (3, 2, 1):
            words = options.countdown is CountdownStyle.WORDS
            cue = Cue(
                at=float(seg.end - n),
                kind=CueKind.COUNTDOWN,
                text=_capital(spoken_number(n)) if words else str(n),
                segment=seg.index,
                voice=words,
                beep=None if words else Beep.COUNTDOWN,
                from_end=True,
            )
            result.append(_Draft(cue, cue.at))
    return result


def _breath_drafts(seg: Segment, step: Step, options: CueOptions, announced: bool) -> list[_Draft]:
    """A cue at each phase, on its second (core/breathing_cues.py); tones with beeps only."""
    sound = BreathSound.TONES if options.level is CueLevel.BEEPS else options.breath
    cues = breath_cues(step, float(seg.start), sound, announced=announced)
    kind = {True: CueKind.ANNOUNCE, False: CueKind.BREATH}
    return [
        _Draft(
            Cue(c.at, kind[c.first], c.text, seg.index, c.voice, Beep(c.beep) if c.beep else None),
            c.at,
        )
        for c in cues
    ]


def _announcement(
    step: Step,
    side: Side | None,
    technique: TechniqueLines | None,
    options: CueOptions,
    length: int,
    *,
    ready: bool = False,
) -> str:
    """Name, place, tool and start line; over before ``length`` seconds end, so a short
    segment gets a shorter form. The step's own name goes first; in a get-ready (``ready``)
    then the place, since "Go" says it, and the start line last."""
    if step.is_breathing:
        return breathing_announcement(step)
    line = first_sentence(start_line(step, technique))
    text = announce_text(step, side, line)
    shorter_forms = [announce_text(replace(step, name=""), side, line)]
    if line and ready:
        which = first_side_words(step.region, side.value) if side is not None else ""
        shorter_forms.append(f"{which} {line}".strip())
    shorter_forms += [announce_text(step, side, ""), said_place(step, side) + "."]
    for shorter in shorter_forms:
        if _fits(text, options, length):
            break
        text = _capital(shorter)
    return text


def _fits(text: str, options: CueOptions, length: int) -> bool:
    """Said, with its gap, at least a second before ``length`` seconds are over."""
    return spoken_seconds(text, options.words_per_minute) + options.gap <= length - 1


def _apply_level(cue: Cue, options: CueOptions) -> Cue:
    level = options.level
    if level is CueLevel.FULL:
        return cue
    if level is CueLevel.MINIMAL:
        return cue if cue.kind in MINIMAL_KINDS else replace(cue, voice=False, beep=None)
    if level is CueLevel.BEEPS:
        return replace(cue, voice=False)
    return replace(cue, voice=False, beep=None)


def _sound_seconds(cue: Cue, options: CueOptions) -> float:
    beep = BEEP_SECONDS[cue.beep] if cue.beep is not None else 0.0
    if cue.voice:
        return beep + spoken_seconds(cue.text, options.words_per_minute)
    return beep


def _place(
    drafts: list[_Draft], options: CueOptions, reserved: tuple[float, Cue]
) -> tuple[list[Cue], list[Cue]]:
    """The priority rule: place cues highest priority first; the rest wait or drop."""
    busy: list[tuple[float, float]] = []
    placed: list[Cue] = []
    dropped: list[Cue] = []
    finish_at, finish = reserved
    finish_sound = _sound_seconds(_apply_level(finish, options), options)
    if finish_sound:
        busy.append((finish_at, finish_at + finish_sound))
    order = sorted(drafts, key=lambda d: (-PRIORITY[d.cue.kind], d.cue.at))
    for draft in order:
        cue = _apply_level(draft.cue, options)
        length = _sound_seconds(cue, options)
        if length == 0:
            placed.append(cue)  # shown on screen only: it cannot talk over anything
            continue
        latest = draft.latest
        if cue.kind not in FIXED_KINDS and cue.kind is not CueKind.SAFETY:
            latest = min(latest - length, cue.at + options.max_wait)
        start = _free_start(busy, cue.at, length + options.gap, latest)
        if start is None:
            dropped.append(cue)
            continue
        busy.append((start, start + length + options.gap))
        placed.append(replace(cue, at=round(start, 3)))
    return placed, dropped


def _free_start(
    busy: list[tuple[float, float]], earliest: float, length: float, latest: float
) -> float | None:
    """The first start >= earliest where [start, start+length) is free, or None if > latest."""
    start = earliest
    moved = True
    while moved:
        moved = False
        for begin, end in busy:
            if start < end and begin < start + length:
                start = end
                moved = True
    return start if start <= latest + 1e-9 else None
