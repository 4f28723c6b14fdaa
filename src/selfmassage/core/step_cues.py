"""Every cue one step of a routine says, for the routine editor: laid out by the timeline
itself, so the editor shows exactly what will be spoken, the catalog's start line,
prompts and safety boundary and the cues of the timing included, with the step's own
cues among them (and those of its own the timeline leaves out, and why).

Said with the default cue settings (every cue, a countdown in beeps): the person's own
settings can say less, never more.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfmassage.core.anatomy import Side, region
from selfmassage.core.catalog import Catalog
from selfmassage.core.language import N_, _, pgettext
from selfmassage.core.routine import (
    Cue,
    CueStyle,
    Pacing,
    Routine,
    Step,
    StepSide,
    Tool,
    breathing_step,
)
from selfmassage.core.routine_draft import StepDraft
from selfmassage.core.step_lines import TechniqueLines, first_sentence, shows_own_text
from selfmassage.core.timeline import CueKind, CueOptions, SegmentKind, build_timeline


@dataclass(frozen=True, slots=True)
class StepPart:
    """A part of the step in time: getting ready, one side's work, the switch."""

    kind: SegmentKind
    side: Side | None
    seconds: int

    @property
    def title(self) -> str:
        """ "Left side · 90 s", "Switching sides · 5 s", "Getting ready · 10 s"."""
        if self.kind is SegmentKind.TRANSITION:
            name = _("Getting ready")
        elif self.kind is SegmentKind.SWITCH_SIDE:
            name = _("Switching sides")
        elif self.side is Side.LEFT:
            name = _("Left side")
        elif self.side is Side.RIGHT:
            name = _("Right side")
        else:
            name = _("The step")
        # Translators: a part of a step and its length: "Left side · 90 s"
        return _("{part} · {seconds} s").format(part=name, seconds=self.seconds)


@dataclass(frozen=True, slots=True)
class StepCue:
    part: int
    """The index of its part in ``StepCues.parts``."""
    at: float
    """Seconds from the start of its part."""
    text: str
    kind: CueKind
    own: int | None = None
    """The index of the step's own cue it is, if it is one."""
    said: bool = True
    source: str = ""
    """Where it comes from, in the person's words: "Technique: prompt", "Your cue 2"."""

    @property
    def origin(self) -> str:
        """Where it comes from, in a word or two: for a narrow column."""
        if not self.said:
            return _("Yours: not said")
        if self.kind is CueKind.ANNOUNCE:
            # Translators: where a cue comes from: the step's start line (a noun, not
            # the Start button)
            return pgettext("cue origin", "Start")
        return _(_ORIGINS[self.kind]) if self.kind in _ORIGINS else _("Timing")


@dataclass(frozen=True, slots=True)
class StepCues:
    parts: tuple[StepPart, ...]
    cues: tuple[StepCue, ...]
    """By part, then time."""

    def first_work_part(self) -> int:
        return next((i for i, p in enumerate(self.parts) if p.kind is SegmentKind.WORK), 0)


_ORIGINS = {
    # Translators: where a cue comes from, in a narrow column: the person's own cue
    CueKind.CUSTOM: N_("Yours"),
    CueKind.SAFETY: N_("Safety"),
    CueKind.PROMPT: N_("Prompt"),
    CueKind.BREATH: N_("Breath"),
}

_TIMING = {
    CueKind.HALFWAY: N_("Timing: halfway"),
    CueKind.REMAINING: N_("Timing: time left"),
    CueKind.COUNTDOWN: N_("Timing: countdown"),
    CueKind.SWITCH_SIDE: N_("Timing: switch sides"),
    CueKind.NEXT: N_("Timing: what comes next"),
    CueKind.FINISH: N_("Timing: the end"),
    CueKind.SAFETY: N_("Technique: where to stop"),
    CueKind.PROMPT: N_("Technique: prompt"),
    CueKind.BREATH: N_("Pacer: the breath's phase"),
}


def step_of(draft: StepDraft) -> Step | None:
    """The step a draft would be, with only its own cues that can be said; None while its
    region is not one the app knows."""
    if draft.breathing is not None:
        return breathing_step(
            max(draft.seconds, 1), draft.breathing, draft.name, draft.instructions
        )
    try:
        region(draft.region)
        tool = Tool(draft.tool)
        side = StepSide(draft.side) if draft.side else None
    except (KeyError, ValueError):
        return None
    seconds = max(draft.seconds, 1)
    cues = tuple(Cue(c.at, c.say) for c in draft.cues if _sayable(c.at, c.say, seconds))
    return Step(
        draft.region,
        seconds,
        side=side,
        tool=tool,
        technique=draft.technique or None,
        name=draft.name,
        instructions=draft.instructions,
        cues=cues,
        start=draft.start,
        prompts=draft.prompts,
    )


def _sayable(at: int, say: str, seconds: int) -> bool:
    return bool(say.strip()) and 0 <= at < seconds


def step_cues(
    draft: StepDraft,
    catalog: Catalog | None,
    *,
    pacing: Pacing | None = None,
    options: CueOptions | None = None,
    style: CueStyle = CueStyle.FULL,
    language: str | None = None,
) -> StepCues:
    """What the voice says in ``draft``, its get-ready included: the same wherever the
    step is in its routine (each step's get-ready says only what that step is), at the
    routine's cue ``style`` (calm says less), in the routine's ``language``."""
    step = step_of(draft)
    if step is None:
        return StepCues((), ())
    technique = catalog.get(step.technique) if catalog and step.technique else None
    timeline = build_timeline(
        Routine("Step", (step,), cues=style, language=language),
        pacing,
        options,
        catalog.get if catalog else None,
    )
    segments = list(timeline.segments)
    parts = tuple(StepPart(s.kind, s.side, s.seconds) for s in segments)
    part_of = {segment.index: number for number, segment in enumerate(segments)}
    start_of = {segment.index: segment.start for segment in segments}
    found: list[StepCue] = []
    for cue in timeline.cues:
        if cue.segment in part_of and cue.voice and cue.kind is not CueKind.FINISH:
            at = cue.at - start_of[cue.segment]
            found.append(StepCue(part_of[cue.segment], at, cue.text, cue.kind))
    for cue in timeline.dropped:
        # Of what the priority rule leaves out, the physio's own cues are shown, as
        # not said: the others are the app's, and nobody asked for them.
        if cue.segment in part_of and cue.kind is CueKind.CUSTOM:
            at = cue.at - start_of[cue.segment]
            found.append(StepCue(part_of[cue.segment], at, cue.text, cue.kind, said=False))
    found = _own_cues(found, draft, step)
    first = next((i for i, p in enumerate(parts) if p.kind is SegmentKind.WORK), 0)
    for number, own in enumerate(draft.cues):
        if not _sayable(own.at, own.say, step.seconds):
            found.append(StepCue(first, float(own.at), own.say, CueKind.CUSTOM, number, False))
    sources = [_source(cue, step, technique) for cue in found]
    ordered = sorted(
        (_with_source(cue, source) for cue, source in zip(found, sources, strict=True)),
        key=lambda c: (c.part, c.at, c.own if c.own is not None else -1),
    )
    return StepCues(parts, tuple(ordered))


def _own_cues(found: list[StepCue], draft: StepDraft, step: Step) -> list[StepCue]:
    """Which of the step's own cues each custom cue of the timeline is: by its words, in
    time order, side by side."""
    own = sorted(
        (cue.at, number, cue.say.strip())
        for number, cue in enumerate(draft.cues)
        if _sayable(cue.at, cue.say, step.seconds)
    )
    result = list(found)
    for part in sorted({cue.part for cue in found}):
        custom = sorted(
            (i for i, cue in enumerate(result) if cue.part == part and cue.kind is CueKind.CUSTOM),
            key=lambda i: result[i].at,
        )
        for _at, number, words in own:
            match = next((i for i in custom if result[i].text == words), None)
            if match is not None:
                custom.remove(match)
                cue = result[match]
                result[match] = StepCue(cue.part, cue.at, cue.text, cue.kind, number, cue.said)
    return result


def _with_source(cue: StepCue, source: str) -> StepCue:
    return StepCue(cue.part, cue.at, cue.text, cue.kind, cue.own, cue.said, source)


def _source(cue: StepCue, step: Step, technique: TechniqueLines | None) -> str:
    if cue.kind is CueKind.CUSTOM:
        mine = (
            _("Your cue {number}").format(number=cue.own + 1)
            if cue.own is not None
            else _("Your cue")
        )
        if cue.said:
            return mine
        if not cue.text.strip():
            return _("{cue}: not said, it has no words yet").format(cue=mine)
        if not 0 <= cue.at < step.seconds:
            return _("{cue}: not said, it comes after the end of the step").format(cue=mine)
        return _("{cue}: not said, other cues fill that moment").format(cue=mine)
    if cue.kind is CueKind.ANNOUNCE:
        # Translators: where a step's first cue takes its words from
        return _("Start: {source}").format(source=_start_source(cue.text, step, technique))
    if cue.kind is CueKind.PROMPT and step.prompts:
        return _("The step's own prompt")
    return _(_TIMING[cue.kind]) if cue.kind in _TIMING else _("Timing")


def _start_source(text: str, step: Step, technique: TechniqueLines | None) -> str:
    """Where the words of an announcement come from (in start_line's order)."""
    if step.start.strip():
        if first_sentence(step.start) in text:
            return _("the place, and the step's own start line")
    elif technique is not None and not shows_own_text(step, technique):
        line = first_sentence(technique.start)
        if line and line in text:
            return _("the place, and the technique's start line")
    elif step.instructions.strip():
        line = first_sentence(step.instructions)
        if line and line in text:
            return _("the place, and the first sentence of the instructions")
    return _("the place")
