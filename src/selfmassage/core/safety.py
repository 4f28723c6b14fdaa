"""Safety screening: a few yes/no questions, and the cautions an answer calls for.

This is guidance, not diagnosis. The texts say why a caution matters and advise asking a
clinician; they never tell a person that massage is safe for them. An answer of "not
sure" is treated like "yes", because a caution read in vain costs less than one missed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from selfmassage.core.anatomy import REGION_IDS, region
from selfmassage.core.language import N_, _, pgettext
from selfmassage.core.tools import Position, Pressure, Tool
from selfmassage.core.words import in_sentence

if TYPE_CHECKING:
    from selfmassage.core.routine import Step

DISCLAIMER = N_(
    "This screening is guidance, not a diagnosis. It cannot tell whether massage is safe "
    "for you. If anything here applies to you, or you are unsure, ask a doctor, "
    "physiotherapist or other clinician before you start. Your answers stay on this "
    "computer and can be changed at any time."
)

"""Marked, in English: show ``_(DISCLAIMER)``."""

ASK_A_CLINICIAN = N_("Ask your doctor or physiotherapist before massaging")
"""Marked, in English: show ``_(ASK_A_CLINICIAN)``."""


class Answer(StrEnum):
    NO = "no"
    YES = "yes"
    UNSURE = "unsure"

    @property
    def label(self) -> str:
        """The answer in the language in force: "Yes", "No", "Not sure"."""
        if self is Answer.YES:
            return pgettext("answer", "Yes")
        if self is Answer.NO:
            return pgettext("answer", "No")
        return _("Not sure")


class Question(NamedTuple):  # not a dataclass: cheaper to define before the first paint
    id: str
    english_text: str
    """The question as asked, answerable with yes, no or not sure (``text``: translated)."""
    english_why: str
    """Why a "yes" matters, in plain words (``why``: translated)."""
    english_advice: str
    """What to do about it; always includes asking a clinician (``advice``: translated)."""
    regions: frozenset[str] = frozenset()
    """Regions that get a caution on the map and in routines: light pressure there, and no
    massage gun."""
    leave_out: frozenset[str] = frozenset()
    """Regions left out of every routine (also flagged on the map)."""
    everywhere: bool = False
    """The caution applies to every region, e.g. a fever."""
    avoid_tools: frozenset[Tool] = frozenset()
    avoid_pressures: frozenset[Pressure] = frozenset()
    avoid_positions: frozenset[Position] = frozenset()
    prefer_positions: frozenset[Position] = frozenset()
    """Positions to choose first where a region has a technique in one of them."""
    stop: bool = False
    """A red flag: no massage at all, see a doctor (the advice says how soon)."""

    @property
    def text(self) -> str:
        """The question in the language in force."""
        return _(self.english_text)

    @property
    def why(self) -> str:
        return _(self.english_why)

    @property
    def advice(self) -> str:
        return _(self.english_advice)


QUESTIONS: tuple[Question, ...] = (
    Question(
        "hot-swollen-calf",
        N_("Is one calf or leg hot, swollen, red or painful right now?"),
        N_(
            "These can be the signs of a blood clot in a vein (deep vein thrombosis). Pressing "
            "on it could loosen the clot, and a loose clot can travel to the lungs."
        ),
        N_(
            "Do not massage. See a doctor today. If you are short of breath or have chest pain, "
            "call an ambulance."
        ),
        stop=True,
    ),
    Question(
        "back-pain-bladder",
        N_(
            "Do you have back pain together with new trouble passing water or holding your "
            "bladder or bowels, or numbness between your legs (the saddle area)?"
        ),
        N_(
            "Together these can mean that the nerves at the base of the spine are being "
            "pressed (cauda equina syndrome): an emergency that needs a doctor at once."
        ),
        N_("Do not massage. See a doctor today: go to an emergency department."),
        stop=True,
    ),
    Question(
        "night-pain-weight-loss",
        N_(
            "Do you have pain that wakes you at night and does not ease when you change "
            "position, or have you lost weight without trying?"
        ),
        N_(
            "Pain like this, or weight lost without a reason, can come from something other "
            "than tired muscles, and a doctor should find out what it is."
        ),
        N_(
            "Do not massage the painful place. See a doctor today or as soon as you can, and "
            "tell them about the pain."
        ),
        stop=True,
    ),
    Question(
        "open-wounds",
        N_("Do you have an open wound, a fresh scar, a burn, a rash or a skin infection?"),
        N_("Massage over broken or inflamed skin can hurt it, slow healing and spread infection."),
        N_(
            "Keep well away from that skin until it has healed. Ask your doctor or "
            "physiotherapist if you are unsure whether it has."
        ),
    ),
    Question(
        "fracture-or-surgery",
        N_("Have you broken a bone or had an operation in the last three months?"),
        N_(
            "Healing bone, stitches and scar tissue can be damaged by pressure or vibration "
            "near them."
        ),
        N_(
            "Do not massage near the injury or the operation site until your surgeon or "
            "physiotherapist says you may."
        ),
        avoid_tools=frozenset({Tool.MASSAGE_GUN}),
    ),
    Question(
        "blood-clots",
        N_("Have you ever had a blood clot in a vein (deep vein thrombosis, DVT) or in a lung?"),
        N_(
            "Pressing on a leg vein that holds a clot could loosen it, and a loose clot can "
            "travel to the lungs. Clots most often form in the calf and the inner thigh."
        ),
        N_(
            "Ask your doctor or physiotherapist before massaging your legs, and do not use a "
            "massage gun on them. If a calf or "
            "thigh is swollen, warm, red or painful, do not massage it: get medical help "
            "straight away."
        ),
        regions=frozenset({"calves", "adductors"}),
        avoid_tools=frozenset({Tool.MASSAGE_GUN}),
    ),
    Question(
        "blood-thinners",
        N_(
            "Do you take blood thinners (such as warfarin, apixaban or rivaroxaban) or have a "
            "bleeding disorder?"
        ),
        N_(
            "Blood that clots slowly bruises easily: firm pressure or a massage gun can cause "
            "bleeding under the skin."
        ),
        N_(
            "Use light pressure only and no massage gun. Ask your doctor or physiotherapist "
            "how much pressure is right for you."
        ),
        everywhere=True,
        avoid_tools=frozenset({Tool.MASSAGE_GUN}),
        avoid_pressures=frozenset({Pressure.MODERATE, Pressure.FIRM}),
    ),
    Question(
        "pregnancy",
        N_("Are you pregnant, or could you be?"),
        N_(
            "Deep pressure on the belly and lower back is best avoided in pregnancy, and the "
            "risk of blood clots in the legs is higher."
        ),
        N_(
            "Leave out the abdomen, keep the lower back and legs gentle, and avoid deep "
            "pressure and massage guns. Ask your midwife, doctor or physiotherapist what suits "
            "you."
        ),
        regions=frozenset({"lower-back", "calves", "adductors"}),
        leave_out=frozenset({"abdomen"}),
        avoid_tools=frozenset({Tool.MASSAGE_GUN}),
        avoid_pressures=frozenset({Pressure.FIRM}),
        avoid_positions=frozenset({Position.LYING_FACE_DOWN}),
        prefer_positions=frozenset({Position.SEATED, Position.SIDE_LYING}),
    ),
    Question(
        "fever-or-infection",
        N_("Do you have a fever, or feel unwell with an infection, today?"),
        N_(
            "Massage asks more of a body that is already fighting an illness, and can make you "
            "feel worse."
        ),
        N_("Skip massage until you are well again. If the fever lasts, ask your doctor."),
        everywhere=True,
        stop=True,
    ),
    Question(
        "numbness-or-tingling",
        N_("Do you have numbness, tingling or shooting pain in an arm or a leg?"),
        N_(
            "These can be signs of a pressed or irritated nerve, and numb skin does not warn "
            "you when pressure is too much."
        ),
        N_(
            "Use light pressure, stop if the feeling gets stronger, and ask your doctor or "
            "physiotherapist what causes it before you massage that limb."
        ),
        avoid_pressures=frozenset({Pressure.FIRM}),
    ),
    Question(
        "cancer-treatment",
        N_("Are you having treatment for cancer, or have you had it in the last year?"),
        N_(
            "Gentle massage often helps during and after treatment, but skin treated by "
            "radiation, areas near a tumour, a port or a line, and limbs at risk of swelling "
            "(lymphoedema) need care."
        ),
        N_(
            "Ask your care team which areas and how much pressure are right for you. Use "
            "light pressure and no massage gun until they say otherwise."
        ),
        avoid_tools=frozenset({Tool.MASSAGE_GUN}),
        avoid_pressures=frozenset({Pressure.MODERATE, Pressure.FIRM}),
    ),
    Question(
        "osteoporosis",
        N_("Do you have osteoporosis (thin, fragile bones)?"),
        N_(
            "Fragile bones, the spine and the ribs most of all, can break under firm pressure, "
            "a roller's weight or a massage gun's blows."
        ),
        N_(
            "Keep the pressure gentle, use no massage gun, and keep the back and chest light. "
            "Ask your doctor or physiotherapist how much pressure is safe for you."
        ),
        regions=frozenset({"upper-back", "lower-back", "chest"}),
        avoid_tools=frozenset({Tool.MASSAGE_GUN}),
        avoid_pressures=frozenset({Pressure.FIRM}),
    ),
    Question(
        "varicose-veins",
        N_("Do you have varicose veins (swollen, twisted veins) in your legs?"),
        N_(
            "Pressing or rolling on a varicose vein can hurt it and bruise it, and blood moves "
            "slowly in it."
        ),
        N_(
            "Go around them: never press, roll or use a massage gun on them, and keep the "
            "calves and the backs of the thighs light. Ask your doctor or physiotherapist first."
        ),
        regions=frozenset({"calves", "hamstrings"}),
    ),
    Question(
        "acute-injury",
        N_(
            "Do you have a fresh injury (a sprain, a strain or a deep bruise from the last few "
            "days), or a place that is hot, swollen and red?"
        ),
        N_(
            "Massage on fresh or inflamed tissue can bring more bleeding and swelling, and slow "
            "the healing."
        ),
        N_(
            "Mark that place to avoid on the body map and leave it alone for a few days, until "
            "the heat and swelling have gone. If it does not settle, ask your doctor or "
            "physiotherapist."
        ),
    ),
    Question(
        "implanted-device",
        N_(
            "Do you have an implanted device, such as a pacemaker, a defibrillator, a port "
            "or a pump?"
        ),
        N_(
            "Pressure or a massage gun's vibration over a device can move it, hurt the skin "
            "over it or disturb it. Pacemakers and ports most often sit below the collarbone."
        ),
        N_(
            "Do not massage over the device, use no massage gun near it, and keep the chest "
            "light. Ask your doctor or care team which areas are safe."
        ),
        regions=frozenset({"chest"}),
    ),
)

_BY_ID: dict[str, Question] = {question.id: question for question in QUESTIONS}


def question(question_id: str) -> Question:
    """The question with this id; KeyError for an unknown id."""
    return _BY_ID[question_id]


RESCREEN_DAYS = 90
"""After this many days the whole screening is asked again: answers change."""

TODAY_CHECK: tuple[str, ...] = ("fever-or-infection", "acute-injury", "hot-swollen-calf")
"""Asked before the first session of each day; their answers hold for that day only."""


@dataclass(frozen=True, slots=True)
class Screening:
    """A person's answers. A question not answered yet has no entry."""

    answers: Mapping[str, Answer]
    answered_on: Mapping[str, str] = field(default_factory=dict)
    """Question id -> the ISO date it was last answered (or confirmed)."""

    @classmethod
    def from_stored(
        cls, stored: Mapping[str, str], dates: Mapping[str, str] | None = None
    ) -> Screening:
        """From the settings file; unknown questions and values are dropped, not trusted."""
        answers: dict[str, Answer] = {}
        for key, value in stored.items():
            if key in _BY_ID and value in Answer._value2member_map_:
                answers[key] = Answer(value)
        answered_on = {key: day for key, day in (dates or {}).items() if key in answers}
        return cls(answers, answered_on)

    def to_stored(self) -> dict[str, str]:
        return {q.id: self.answers[q.id].value for q in QUESTIONS if q.id in self.answers}

    def dates_to_stored(self) -> dict[str, str]:
        return {q.id: self.answered_on[q.id] for q in QUESTIONS if q.id in self.answered_on}

    def answered(self, answers: Mapping[str, Answer], on: date) -> Screening:
        """These answers given (or confirmed) on the day ``on``; the others kept as they are."""
        day = on.isoformat()
        return Screening(
            {**self.answers, **answers}, {**self.answered_on, **dict.fromkeys(answers, day)}
        )

    def current(self, today: date) -> Screening:
        """The answers that hold today: a "today" answer from another day no longer does."""
        day = today.isoformat()
        stale = {q for q in TODAY_CHECK if self.answered_on.get(q) != day}
        return Screening(
            {k: v for k, v in self.answers.items() if k not in stale},
            {k: v for k, v in self.answered_on.items() if k not in stale},
        )

    def today_check_due(self, today: date) -> bool:
        """True until the three "today" questions have been answered today."""
        return any(self.answered_on.get(q) != today.isoformat() for q in TODAY_CHECK)

    def answer(self, question_id: str) -> Answer | None:
        return self.answers.get(question_id)

    @property
    def complete(self) -> bool:
        return all(q.id in self.answers for q in QUESTIONS)

    def cautions(self) -> tuple[Question, ...]:
        """The questions whose answer calls for caution, in the order they are asked."""
        return tuple(q for q in QUESTIONS if self.answers.get(q.id) in (Answer.YES, Answer.UNSURE))

    def stops(self) -> tuple[Question, ...]:
        """The red flags answered "yes" or "not sure": no massage until a doctor has seen."""
        return tuple(q for q in self.cautions() if q.stop)


def screening_due(screened_on: str, today: date) -> bool:
    """The whole screening is due: never done, or done more than RESCREEN_DAYS ago."""
    try:
        last = date.fromisoformat(screened_on)
    except ValueError:
        return True
    return today - last > timedelta(days=RESCREEN_DAYS)


def flagged_regions(screening: Screening) -> dict[str, tuple[Question, ...]]:
    """Region id -> the cautions that name it, for marking the body map.

    Cautions that apply everywhere (a fever) are not listed per region: marking the whole
    body says nothing. They are shown as a general notice instead.
    """
    flagged: dict[str, list[Question]] = {}
    for caution in screening.cautions():
        for region_id in sorted(caution.regions | caution.leave_out):
            flagged.setdefault(region_id, []).append(caution)
    return {region_id: tuple(found) for region_id, found in flagged.items()}


def general_cautions(screening: Screening) -> tuple[Question, ...]:
    """Cautions that are not tied to named regions (they matter for every routine)."""
    return tuple(c for c in screening.cautions() if not (c.regions or c.leave_out))


def step_cautions(step: Step, screening: Screening) -> tuple[str, ...]:
    """Plain-text warnings for one step of a routine, most specific first."""
    warnings: list[str] = []
    if step.is_breathing:  # no place and no tool: the screening's cautions are for massage
        return ()
    place = region(step.region).name
    for caution in screening.cautions():
        reasons: list[str] = []
        if step.region in caution.leave_out:
            reasons.append(_("leave out the {place}").format(place=in_sentence(place)))
        elif step.region in caution.regions:
            reasons.append(_("{place} needs care").format(place=place))
        elif caution.everywhere:
            reasons.append(_("applies to every region"))
        if step.tool in caution.avoid_tools:
            reasons.append(_("avoid the {tool}").format(tool=in_sentence(step.tool.label)))
        if step.pressure is not None and step.pressure in caution.avoid_pressures:
            reasons.append(_(_AVOID_PRESSURE[step.pressure]))
        if reasons:
            # Translators: a step's safety warning: the concern, why, and what to do
            warnings.append(
                _("{concern}: {reasons}. {advice}").format(
                    concern=_short(caution), reasons="; ".join(reasons), advice=caution.advice
                )
            )
    return tuple(warnings)


_AVOID_PRESSURE = {
    Pressure.LIGHT: N_("avoid light pressure"),
    Pressure.MODERATE: N_("avoid moderate pressure"),
    Pressure.FIRM: N_("avoid firm pressure"),
}


def routine_cautions(steps: Iterable[Step], screening: Screening) -> dict[int, tuple[str, ...]]:
    """Step index -> its warnings, only for steps that have any."""
    found: dict[int, tuple[str, ...]] = {}
    for index, step in enumerate(steps):
        warnings = step_cautions(step, screening)
        if warnings:
            found[index] = warnings
    return found


_SHORT = {
    "hot-swollen-calf": N_("A hot, swollen calf"),
    "back-pain-bladder": N_("Back pain with bladder, bowel or saddle changes"),
    "night-pain-weight-loss": N_("Night pain or weight loss"),
    "open-wounds": N_("Wound or skin problem"),
    "fracture-or-surgery": N_("Recent fracture or operation"),
    "blood-clots": N_("History of blood clots"),
    "blood-thinners": N_("Blood thinners or a bleeding disorder"),
    "pregnancy": N_("Pregnancy"),
    "fever-or-infection": N_("Fever or infection"),
    "numbness-or-tingling": N_("Numbness or tingling"),
    "cancer-treatment": N_("Cancer treatment"),
    "osteoporosis": N_("Osteoporosis"),
    "varicose-veins": N_("Varicose veins"),
    "acute-injury": N_("A fresh injury or inflammation"),
    "implanted-device": N_("An implanted device"),
}


def _short(caution: Question) -> str:
    return _(_SHORT[caution.id])


def short_name(question_id: str) -> str:
    """A few words naming the concern, for lists and map tooltips."""
    return _(_SHORT[question_id])


def _check_regions() -> None:
    # A typo in a region id would silently flag nothing; fail on import instead.
    for q in QUESTIONS:
        unknown = (q.regions | q.leave_out) - REGION_IDS
        if unknown:
            raise ValueError(f"safety question {q.id} names unknown regions {sorted(unknown)}")


_check_regions()


def stop_message(stops: Iterable[Question]) -> str:
    """What a red-flag answer says instead of a session: no massage, and whom to see."""
    found = tuple(stops)
    heading = (
        _("Do not massage today: see a doctor today.")
        if any(q.id != "fever-or-infection" for q in found)
        else _("Do not massage today: wait until you are well again.")
    )
    lines = [heading, ""]
    lines += [
        _("{concern}: {advice}").format(concern=short_name(q.id), advice=q.advice) for q in found
    ]
    lines += [
        "",
        # Translators: "File > Safety questions" is the menu path to the safety questions
        _("Change your answers in File > Safety questions once a doctor has seen you."),
    ]
    return "\n".join(lines)
