"""The builder: turns what the person picked on the body map into a timed routine.

Rules, in the order they apply:

- a red-flag safety answer stops: no routine, a "see a doctor" message instead;
- avoided places never appear, nor regions a safety answer leaves out; every other
  selected region becomes one step;
- both sides of a region run in one step (``side=both``: left, a short switch, right);
- each region gets the best technique for a tool the person owns (hands always count)
  that the safety answers allow: a ruled-out tool or position falls through to the next
  technique of that region, and pressure is capped where the answers say so; each change
  is named, with its reason, in the notes;
- steps are ordered by body position, standing, then seated, then the floor positions,
  and head to foot within one position, so nobody gets up and down again and again;
- with a time budget, the work time is shared out by soreness, within each technique's
  minimum and maximum, after the transitions and side switches are paid for, so that the
  total (as ``routine.plan`` computes it) ends within a few seconds of the budget and
  never over it. When even the minimum times do not fit, the result is a Refusal that
  offers fewer regions or more time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from selfmassage.core.anatomy import REGIONS, Side, region
from selfmassage.core.language import ENGLISH, TRANSLATED, _, current_language, ngettext
from selfmassage.core.routine import (
    Cue,
    Pacing,
    Pressure,
    Routine,
    Step,
    StepSide,
    Tool,
    plan,
)
from selfmassage.core.routine_options import BUDGET_CHOICES, Intensity
from selfmassage.core.safety import Screening, stop_message
from selfmassage.core.safety_rules import Limits, because, capped
from selfmassage.core.selection import Selection
from selfmassage.core.words import duration, in_sentence, listed

if TYPE_CHECKING:  # the catalog (and msgspec) load on the first build, not at start-up
    from selfmassage.core.catalog import Catalog, Technique

UNRATED_SORENESS = 4
"""What a place marked sore but not rated counts as."""

SORE_SECONDS = 90
"""With no time limit, a place rated this sore or more gets at least this long: about
90 s is where the evidence on easing soreness points."""
SORE_LEVEL = 6

FIT_SECONDS = 5
"""The builder's promise: a budgeted routine ends at most this far short of the budget
(unless every step already runs its maximum), and never over it."""


_TIME_FACTOR = {Intensity.GENTLE: 0.75, Intensity.STANDARD: 1.0, Intensity.DEEP: 1.25}


@dataclass(frozen=True, slots=True)
class BuildRequest:
    selection: Selection
    tools: frozenset[Tool] = frozenset({Tool.HANDS})
    """The tools the person owns; hands are always available."""
    budget_minutes: int | None = 10
    """Minutes, or None for no limit."""
    intensity: Intensity = Intensity.STANDARD
    pacing: Pacing = field(default_factory=Pacing)
    screening: Screening = field(default_factory=lambda: Screening({}))
    """The safety answers the routine must follow."""

    @property
    def budget_seconds(self) -> int | None:
        return None if self.budget_minutes is None else self.budget_minutes * 60


@dataclass(frozen=True, slots=True)
class Built:
    routine: Routine
    notes: tuple[str, ...] = ()
    """Plain remarks for the person, e.g. that the routine ends before the budget."""


@dataclass(frozen=True, slots=True)
class Choice:
    """One way out of a refusal: a label for a button and the request it would build."""

    label: str
    request: BuildRequest


@dataclass(frozen=True, slots=True)
class Refusal:
    message: str
    choices: tuple[Choice, ...] = ()
    red_flag: bool = False
    """A safety answer says: no massage, see a doctor. Nothing is built or started."""


BuildResult = Built | Refusal


@dataclass(frozen=True, slots=True)
class _Part:
    """One region to work on, before its seconds are known."""

    region_id: str
    side: StepSide | None
    soreness: int
    technique: Technique

    @property
    def side_count(self) -> int:
        return 1 if self.side in (None, StepSide.LEFT, StepSide.RIGHT) else 2


def choose_technique(
    catalog: Catalog,
    region_id: str,
    tools: Iterable[Tool],
    intensity: Intensity = Intensity.STANDARD,
    limits: Limits | None = None,
) -> Technique | None:
    """The first (best) technique for the region among the tools owned, hands included,
    that the safety limits allow (their preferred positions first).

    A gentle routine leaves the massage gun out: percussion is not gentle, and every
    region has a hands technique to fall back on.
    """
    owned = set(tools) | {Tool.HANDS}
    if intensity is Intensity.GENTLE:
        owned.discard(Tool.MASSAGE_GUN)
    limits = limits or Limits()
    allowed = [
        technique
        for technique in catalog.for_region(region_id)
        if technique.tool in owned
        and limits.tool_ruled_out(region_id, technique.tool) is None
        and limits.position_ruled_out(technique.position) is None
    ]
    preferred = limits.preferred_positions
    if preferred:
        allowed.sort(key=lambda technique: technique.position not in preferred)
    return allowed[0] if allowed else None


def _place_name(region_id: str) -> str:
    return region(region_id).name.split(" (")[0]


def _why_other(region_id: str, best: Technique, chosen: Technique, limits: Limits) -> str:
    """Why ``chosen`` replaces ``best``, in plain words."""
    question = limits.tool_ruled_out(region_id, best.tool)
    if question is not None and best.tool is not chosen.tool:
        what = _("{tool} instead of the {other}").format(
            tool=in_sentence(chosen.tool.label), other=in_sentence(best.tool.label)
        )
    else:
        question = limits.position_ruled_out(best.position)
        what = _("{position} instead of {other}").format(
            position=in_sentence(chosen.position.label), other=in_sentence(best.position.label)
        )
        if question is None:  # chosen for a preferred position
            question = next(q for q in limits.cautions if chosen.position in q.prefer_positions)
    # Translators: what the builder changed at a place, and the safety answer behind it
    return _("{place}: {change} ({reason}).").format(
        place=_place_name(region_id), change=what, reason=because(question)
    )


def _parts(
    request: BuildRequest, catalog: Catalog, limits: Limits, notes: list[str]
) -> list[_Part]:
    by_region: dict[str, dict[Side | None, int]] = {}
    for place, level in request.selection.soreness.items():
        if place in request.selection.avoided:
            continue
        sides = by_region.setdefault(place.region_id, {})
        sides[place.side] = UNRATED_SORENESS if level is None else level
    parts = []
    for region_id, sides in by_region.items():
        left_out = limits.left_out(region_id)
        if left_out is not None:
            notes.append(
                _("Left out: {place} ({reason}).").format(
                    place=_place_name(region_id), reason=because(left_out)
                )
            )
            continue
        technique = choose_technique(catalog, region_id, request.tools, request.intensity, limits)
        if technique is None:
            notes.append(
                _("Left out: {place} (no technique fits your answers).").format(
                    place=_place_name(region_id)
                )
            )
            continue
        best = choose_technique(catalog, region_id, request.tools, request.intensity)
        if best is not None and best.id != technique.id and limits.cautions:
            notes.append(_why_other(region_id, best, technique, limits))
        if not region(region_id).sided:
            side = None
        elif len(sides) == 2:
            side = StepSide.BOTH
        else:
            (only,) = sides
            side = StepSide(only.value) if only is not None else StepSide.BOTH
        parts.append(_Part(region_id, side, max(sides.values()), technique))
    return parts


_BODY_ORDER = {reg.id: index for index, reg in enumerate(REGIONS)}


def _order(parts: Sequence[_Part]) -> list[_Part]:
    return sorted(parts, key=lambda p: (p.technique.position.rank, _BODY_ORDER[p.region_id]))


def _weight(part: _Part) -> float:
    # Sorer places get more time: a 10 gets three times the share of a 0.
    return 1.0 + part.soreness / 5.0


def _free_seconds(part: _Part, intensity: Intensity) -> int:
    """Seconds per side with no time limit."""
    technique = part.technique
    seconds = technique.default_seconds * _TIME_FACTOR[intensity] * (0.8 + part.soreness / 25)
    if part.soreness >= SORE_LEVEL:
        seconds = max(seconds, SORE_SECONDS)
    seconds = round(seconds / 5) * 5
    return max(technique.min_seconds, min(technique.max_seconds, int(seconds)))


def _share(parts: Sequence[_Part], work: int) -> list[int]:
    """Seconds per side for each part so that sum(seconds * sides) is just under ``work``.

    Water-filling: every part gets ``level * weight`` clamped to its range, with the level
    found by bisection; then whole seconds are handed out, in fives first so the numbers
    stay round, then one by one.
    """
    lows = [p.technique.min_seconds for p in parts]
    highs = [p.technique.max_seconds for p in parts]
    weights = [_weight(p) for p in parts]
    counts = [p.side_count for p in parts]

    def used(level: float) -> float:
        return sum(
            c * min(h, max(lo, level * w))
            for lo, h, w, c in zip(lows, highs, weights, counts, strict=True)
        )

    low_level, high_level = 0.0, max(highs) / min(weights) + 1
    for _round in range(60):
        middle = (low_level + high_level) / 2
        if used(middle) > work:
            high_level = middle
        else:
            low_level = middle
    seconds = [
        max(lo, min(h, int(low_level * w) // 5 * 5))
        for lo, h, w in zip(lows, highs, weights, strict=True)
    ]
    left = work - sum(s * c for s, c in zip(seconds, counts, strict=True))
    order = sorted(range(len(parts)), key=lambda i: -weights[i])
    for step in (5, 1):
        changed = True
        while changed:
            changed = False
            for i in order:
                if seconds[i] + step <= highs[i] and counts[i] * step <= left:
                    seconds[i] += step
                    left -= counts[i] * step
                    changed = True
    return seconds


def _pressure(
    technique: Technique, intensity: Intensity, limits: Limits, region_id: str, notes: list[str]
) -> Pressure:
    wanted = _intensity_pressure(technique, intensity)
    cap, question = limits.max_pressure(region_id)
    pressure = capped(wanted, cap)
    if pressure is not wanted and question is not None:
        notes.append(
            _("{place}: {pressure} pressure instead of {wanted} ({reason}).").format(
                place=_place_name(region_id),
                pressure=pressure.word,
                wanted=wanted.word,
                reason=because(question),
            )
        )
    return pressure


def _intensity_pressure(technique: Technique, intensity: Intensity) -> Pressure:
    if intensity is Intensity.GENTLE:
        return Pressure.LIGHT
    if intensity is Intensity.DEEP and technique.pressure is not Pressure.LIGHT:
        # Places the catalog keeps light (neck, shins, chest with a gun) stay light, and
        # a massage gun is never pushed in: its weight does the work.
        deep = Pressure.MODERATE if technique.tool is Tool.MASSAGE_GUN else Pressure.FIRM
        return capped(deep, technique.max_pressure)
    return capped(technique.pressure, technique.max_pressure)


def _cues(technique: Technique, seconds: int) -> tuple[Cue, ...]:
    """The technique's prompts spread over the step, so a saved file speaks them anywhere.

    The start line is not a cue: the session speaks it with the step's announcement
    (from the catalog, or from the first sentence of the instructions).
    """
    cues: list[Cue] = []
    count = len(technique.prompts)
    for index, prompt in enumerate(technique.prompts, start=1):
        at = seconds * index // (count + 1)
        if 0 < at < seconds and (not cues or at > cues[-1].at):
            cues.append(Cue(at, prompt))
    return tuple(cues)


def make_step(
    region_id: str,
    side: StepSide | None,
    technique: Technique,
    seconds: int,
    pressure: Pressure | None = None,
) -> Step:
    """A self-contained step: it carries the technique's name, instructions and cues."""
    return Step(
        region=region_id,
        seconds=seconds,
        side=side,
        tool=technique.tool,
        technique=technique.id,
        name=technique.name,
        instructions=technique.instructions,
        pressure=pressure or technique.pressure,
        cues=_cues(technique, seconds),
    )


def minimum_seconds(parts: Sequence[_Part], pacing: Pacing) -> int:
    steps = [make_step(p.region_id, p.side, p.technique, p.technique.min_seconds) for p in parts]
    return plan(Routine("", tuple(steps)), pacing).total_seconds


def _title(parts: Sequence[_Part], total_seconds: int) -> str:
    """The regions in step order and how long it takes: "Shins and Quadriceps — 10 min".

    The parts come in step order; a region done on each side in turn is named once.
    """
    names = list(dict.fromkeys(region(p.region_id).name.split(" (")[0] for p in parts))
    if current_language() != ENGLISH:  # English titles take capitals; the others, the first
        names = [*names[:1], *(in_sentence(name) for name in names[1:])]
    head = _names(names)
    # Translators: a built routine's title: its places and its length ("Neck — 10 min")
    return _("{places} — {minutes} min").format(
        places=head, minutes=max(1, round(total_seconds / 60))
    )


def _names(names: Sequence[str]) -> str:
    """ "Neck, Calves and Shins"; past three, "Neck, Calves, Shins and 2 more"."""
    if len(names) > 3:
        more = len(names) - 3
        return ngettext("{names} and {n} more", "{names} and {n} more", more).format(
            names=", ".join(names[:3]), n=more
        )
    return listed(names)


def _refuse(request: BuildRequest, parts: list[_Part]) -> Refusal:
    budget = request.budget_seconds
    assert budget is not None
    needed = minimum_seconds(parts, request.pacing)
    choices: list[Choice] = []
    more = next((m for m in BUDGET_CHOICES if m * 60 >= needed), None)
    more_label = (
        ngettext("Take {n} minute", "Take {n} minutes", more).format(n=more)
        if more is not None
        else _("Take as long as it needs")
    )
    choices.append(Choice(more_label, replace(request, budget_minutes=more)))
    # Fewer regions: keep the sorest places (body order breaks ties) while they fit.
    ranked = sorted(parts, key=lambda p: (-p.soreness, _BODY_ORDER[p.region_id]))
    kept: list[_Part] = []
    for part in ranked:
        if minimum_seconds([*kept, part], request.pacing) <= budget:
            kept.append(part)
    if kept:
        keep_regions = {p.region_id for p in kept}
        selection = request.selection
        for place in selection.selected:
            if place.region_id not in keep_regions:
                selection = selection.without(place)
        names = [region(p.region_id).name.split(" (")[0] for p in _order(kept)]
        shown = _names(names) if len(names) > 3 else ", ".join(names)
        choices.append(
            Choice(
                ngettext(
                    "Keep only the {n} sorest: {places}",
                    "Keep only the {n} sorest: {places}",
                    len(names),
                ).format(n=len(names), places=shown),
                replace(request, selection=selection),
            )
        )
    message = ngettext(
        "This {n} region needs at least {needed}, even at the shortest useful times, but "
        "you have {budget}. Pick fewer regions, or give it more time.",
        "These {n} regions need at least {needed}, even at the shortest useful times, but "
        "you have {budget}. Pick fewer regions, or give it more time.",
        len(parts),
    ).format(n=len(parts), needed=duration(needed), budget=duration(budget))
    return Refusal(message, tuple(choices))


def build_routine(request: BuildRequest, catalog: Catalog | None = None) -> BuildResult:
    """A routine for the request, or a plain refusal with ways out."""
    if catalog is None:
        from selfmassage.core.catalog import load_catalog

        catalog = load_catalog()
    limits = Limits.of(request.screening)
    if limits.stops:
        return Refusal(stop_message(limits.stops), red_flag=True)
    notes: list[str] = []
    parts = _order(_parts(request, catalog, limits, notes))
    if not parts:
        if notes:
            return Refusal(" ".join([_("Nothing left to massage:"), *notes]))
        return Refusal(_("Pick at least one sore place on the body map first."))
    budget = request.budget_seconds
    if budget is None:
        seconds = [_free_seconds(p, request.intensity) for p in parts]
    else:
        overhead = plan(
            Routine("", tuple(make_step(p.region_id, p.side, p.technique, 5) for p in parts)),
            request.pacing,
        ).transition_seconds
        if minimum_seconds(parts, request.pacing) > budget:
            return _refuse(request, parts)
        seconds = _share(parts, budget - overhead)
    steps = tuple(
        make_step(
            p.region_id,
            p.side,
            p.technique,
            s,
            _pressure(p.technique, request.intensity, limits, p.region_id, notes),
        )
        for p, s in zip(parts, seconds, strict=True)
    )
    language = current_language()
    routine = Routine(
        title="",
        steps=steps,
        description=_("Built for you: {intensity} intensity, {tools}.").format(
            intensity=request.intensity.word,
            tools=", ".join(sorted({in_sentence(s.tool.label) for s in steps})),
        ),
        # Written in the app's language, so spoken, printed and saved in it (English,
        # the texts' own, is said by leaving it out, as before).
        language=language if language in TRANSLATED else None,
    )
    total = plan(routine, request.pacing).total_seconds
    routine = replace(routine, title=_title(parts, total))
    if budget is not None and total < budget - FIT_SECONDS:
        notes.append(
            _(
                "This takes {time}: every step is already at its longest useful time, so it "
                "ends before your budget."
            ).format(time=duration(total))
        )
    return Built(routine, tuple(notes))
