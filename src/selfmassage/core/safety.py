"""Safety screening: a few yes/no questions, and the cautions an answer calls for.

This is guidance, not diagnosis. The texts say why a caution matters and advise asking a
clinician; they never tell a person that massage is safe for them. An answer of "not
sure" is treated like "yes", because a caution read in vain costs less than one missed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from selfmassage.core.anatomy import REGION_IDS, region
from selfmassage.core.tools import Pressure, Tool

if TYPE_CHECKING:
    from selfmassage.core.routine import Step

DISCLAIMER = (
    "This screening is guidance, not a diagnosis. It cannot tell whether massage is safe "
    "for you. If anything here applies to you, or you are unsure, ask a doctor, "
    "physiotherapist or other clinician before you start. Your answers stay on this "
    "computer and can be changed at any time."
)

ASK_A_CLINICIAN = "Ask your doctor or physiotherapist before massaging"


class Answer(StrEnum):
    NO = "no"
    YES = "yes"
    UNSURE = "unsure"

    @property
    def label(self) -> str:
        return {"no": "No", "yes": "Yes", "unsure": "Not sure"}[self.value]


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    """The question as asked, answerable with yes, no or not sure."""
    why: str
    """Why a "yes" matters, in plain words."""
    advice: str
    """What to do about it; always includes asking a clinician."""
    regions: frozenset[str] = frozenset()
    """Regions that get a caution on the map and in routines."""
    everywhere: bool = False
    """The caution applies to every region, e.g. a fever."""
    avoid_tools: frozenset[Tool] = frozenset()
    avoid_pressures: frozenset[Pressure] = frozenset()


QUESTIONS: tuple[Question, ...] = (
    Question(
        "open-wounds",
        "Do you have an open wound, a fresh scar, a burn, a rash or a skin infection?",
        "Massage over broken or inflamed skin can hurt it, slow healing and spread infection.",
        "Keep well away from that skin until it has healed. Ask your doctor or "
        "physiotherapist if you are unsure whether it has.",
    ),
    Question(
        "fracture-or-surgery",
        "Have you broken a bone or had an operation in the last three months?",
        "Healing bone, stitches and scar tissue can be damaged by pressure or vibration near them.",
        "Do not massage near the injury or the operation site until your surgeon or "
        "physiotherapist says you may.",
        avoid_tools=frozenset({Tool.MASSAGE_GUN}),
    ),
    Question(
        "blood-clots",
        "Have you ever had a blood clot in a vein (deep vein thrombosis, DVT) or in a lung?",
        "Pressing on a leg vein that holds a clot could loosen it, and a loose clot can "
        "travel to the lungs. Clots most often form in the calf and the inner thigh.",
        f"{ASK_A_CLINICIAN} your legs, and do not use a massage gun on them. If a calf or "
        "thigh is swollen, warm, red or painful, do not massage it: get medical help "
        "straight away.",
        regions=frozenset({"calves", "adductors"}),
        avoid_tools=frozenset({Tool.MASSAGE_GUN}),
    ),
    Question(
        "blood-thinners",
        "Do you take blood thinners (such as warfarin, apixaban or rivaroxaban) or have a "
        "bleeding disorder?",
        "Blood that clots slowly bruises easily: firm pressure or a massage gun can cause "
        "bleeding under the skin.",
        "Use light pressure only and no massage gun. Ask your doctor or physiotherapist "
        "how much pressure is right for you.",
        everywhere=True,
        avoid_tools=frozenset({Tool.MASSAGE_GUN}),
        avoid_pressures=frozenset({Pressure.MODERATE, Pressure.FIRM}),
    ),
    Question(
        "pregnancy",
        "Are you pregnant, or could you be?",
        "Deep pressure on the belly and lower back is best avoided in pregnancy, and the "
        "risk of blood clots in the legs is higher.",
        "Leave out the abdomen, keep the lower back and legs gentle, and avoid deep "
        "pressure and massage guns. Ask your midwife, doctor or physiotherapist what suits "
        "you.",
        regions=frozenset({"abdomen", "lower-back", "calves", "adductors"}),
        avoid_tools=frozenset({Tool.MASSAGE_GUN}),
        avoid_pressures=frozenset({Pressure.FIRM}),
    ),
    Question(
        "fever-or-infection",
        "Do you have a fever, or feel unwell with an infection, today?",
        "Massage asks more of a body that is already fighting an illness, and can make you "
        "feel worse.",
        "Skip massage until you are well again. If the fever lasts, ask your doctor.",
        everywhere=True,
    ),
    Question(
        "numbness-or-tingling",
        "Do you have numbness, tingling or shooting pain in an arm or a leg?",
        "These can be signs of a pressed or irritated nerve, and numb skin does not warn "
        "you when pressure is too much.",
        "Use light pressure, stop if the feeling gets stronger, and ask your doctor or "
        "physiotherapist what causes it before you massage that limb.",
        avoid_pressures=frozenset({Pressure.FIRM}),
    ),
    Question(
        "cancer-treatment",
        "Are you having treatment for cancer, or have you had it in the last year?",
        "Gentle massage often helps during and after treatment, but skin treated by "
        "radiation, areas near a tumour, a port or a line, and limbs at risk of swelling "
        "(lymphoedema) need care.",
        "Ask your care team which areas and how much pressure are right for you. Use "
        "light pressure and no massage gun until they say otherwise.",
        avoid_tools=frozenset({Tool.MASSAGE_GUN}),
        avoid_pressures=frozenset({Pressure.MODERATE, Pressure.FIRM}),
    ),
)

_BY_ID: dict[str, Question] = {question.id: question for question in QUESTIONS}


def question(question_id: str) -> Question:
    """The question with this id; KeyError for an unknown id."""
    return _BY_ID[question_id]


@dataclass(frozen=True, slots=True)
class Screening:
    """A person's answers. A question not answered yet has no entry."""

    answers: Mapping[str, Answer]

    @classmethod
    def from_stored(cls, stored: Mapping[str, str]) -> Screening:
        """From the settings file; unknown questions and values are dropped, not trusted."""
        answers: dict[str, Answer] = {}
        for key, value in stored.items():
            if key in _BY_ID and value in Answer._value2member_map_:
                answers[key] = Answer(value)
        return cls(answers)

    def to_stored(self) -> dict[str, str]:
        return {q.id: self.answers[q.id].value for q in QUESTIONS if q.id in self.answers}

    def answer(self, question_id: str) -> Answer | None:
        return self.answers.get(question_id)

    @property
    def complete(self) -> bool:
        return all(q.id in self.answers for q in QUESTIONS)

    def cautions(self) -> tuple[Question, ...]:
        """The questions whose answer calls for caution, in the order they are asked."""
        return tuple(q for q in QUESTIONS if self.answers.get(q.id) in (Answer.YES, Answer.UNSURE))


def flagged_regions(screening: Screening) -> dict[str, tuple[Question, ...]]:
    """Region id -> the cautions that name it, for marking the body map.

    Cautions that apply everywhere (a fever) are not listed per region: marking the whole
    body says nothing. They are shown as a general notice instead.
    """
    flagged: dict[str, list[Question]] = {}
    for caution in screening.cautions():
        for region_id in sorted(caution.regions):
            flagged.setdefault(region_id, []).append(caution)
    return {region_id: tuple(found) for region_id, found in flagged.items()}


def general_cautions(screening: Screening) -> tuple[Question, ...]:
    """Cautions that are not tied to named regions (they matter for every routine)."""
    return tuple(c for c in screening.cautions() if not c.regions)


def step_cautions(step: Step, screening: Screening) -> tuple[str, ...]:
    """Plain-text warnings for one step of a routine, most specific first."""
    warnings: list[str] = []
    place = region(step.region).name
    for caution in screening.cautions():
        reasons: list[str] = []
        if step.region in caution.regions:
            reasons.append(f"{place} needs care")
        elif caution.everywhere:
            reasons.append("applies to every region")
        if step.tool in caution.avoid_tools:
            reasons.append(f"avoid the {step.tool.label.lower()}")
        if step.pressure is not None and step.pressure in caution.avoid_pressures:
            reasons.append(f"avoid {step.pressure.value} pressure")
        if reasons:
            warnings.append(f"{_short(caution)}: {'; '.join(reasons)}. {caution.advice}")
    return tuple(warnings)


def routine_cautions(steps: Iterable[Step], screening: Screening) -> dict[int, tuple[str, ...]]:
    """Step index -> its warnings, only for steps that have any."""
    found: dict[int, tuple[str, ...]] = {}
    for index, step in enumerate(steps):
        warnings = step_cautions(step, screening)
        if warnings:
            found[index] = warnings
    return found


_SHORT = {
    "open-wounds": "Wound or skin problem",
    "fracture-or-surgery": "Recent fracture or operation",
    "blood-clots": "History of blood clots",
    "blood-thinners": "Blood thinners or a bleeding disorder",
    "pregnancy": "Pregnancy",
    "fever-or-infection": "Fever or infection",
    "numbness-or-tingling": "Numbness or tingling",
    "cancer-treatment": "Cancer treatment",
}


def _short(caution: Question) -> str:
    return _SHORT[caution.id]


def short_name(question_id: str) -> str:
    """A few words naming the concern, for lists and map tooltips."""
    return _SHORT[question_id]


def _check_regions() -> None:
    # A typo in a region id would silently flag nothing; fail on import instead.
    for q in QUESTIONS:
        unknown = q.regions - REGION_IDS
        if unknown:
            raise ValueError(f"safety question {q.id} names unknown regions {sorted(unknown)}")


_check_regions()
