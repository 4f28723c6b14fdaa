from selfmassage.core.anatomy import REGION_IDS
from selfmassage.core.routine import Pressure, Step, StepSide, Tool
from selfmassage.core.safety import (
    DISCLAIMER,
    QUESTIONS,
    Answer,
    Screening,
    flagged_regions,
    general_cautions,
    routine_cautions,
    step_cautions,
)
from selfmassage.core.settings import Settings, SettingsStore


def test_the_questions_are_asked_and_each_explains_and_refers() -> None:
    assert [q.id for q in QUESTIONS] == [
        "hot-swollen-calf",
        "back-pain-bladder",
        "night-pain-weight-loss",
        "open-wounds",
        "fracture-or-surgery",
        "blood-clots",
        "blood-thinners",
        "pregnancy",
        "fever-or-infection",
        "numbness-or-tingling",
        "cancer-treatment",
        "osteoporosis",
        "varicose-veins",
        "acute-injury",
        "implanted-device",
    ]
    for q in QUESTIONS:
        assert q.text.endswith("?")
        assert q.why and q.advice
        assert any(word in q.advice for word in ("doctor", "physiotherapist", "care team"))
        assert q.regions | q.leave_out <= REGION_IDS
        if q.stop:
            assert "Do not massage" in q.advice or "Skip massage" in q.advice
    assert "not a diagnosis" in DISCLAIMER


def test_no_answers_means_no_cautions() -> None:
    screening = Screening({q.id: Answer.NO for q in QUESTIONS})
    assert screening.complete
    assert screening.cautions() == ()
    assert flagged_regions(screening) == {}
    assert not Screening({}).complete


def test_blood_clots_flag_calves_and_inner_thighs_and_the_gun() -> None:
    screening = Screening({"blood-clots": Answer.YES})
    assert set(flagged_regions(screening)) == {"calves", "adductors"}
    gun_on_calf = Step("calves", 60, StepSide.LEFT, Tool.MASSAGE_GUN)
    warnings = step_cautions(gun_on_calf, screening)
    assert len(warnings) == 1
    assert "Calves needs care" in warnings[0]
    assert "avoid the massage gun" in warnings[0]
    # Hands on the neck are not affected by a leg clot.
    assert step_cautions(Step("neck", 60), screening) == ()


def test_unsure_counts_as_yes() -> None:
    assert Screening({"pregnancy": Answer.UNSURE}).cautions()[0].id == "pregnancy"


def test_pregnancy_flags_abdomen_lower_back_and_deep_pressure() -> None:
    screening = Screening({"pregnancy": Answer.YES})
    assert {"abdomen", "lower-back"} <= set(flagged_regions(screening))
    firm_quads = Step("quads", 60, tool=Tool.FOAM_ROLLER, pressure=Pressure.FIRM)
    assert "avoid firm pressure" in step_cautions(firm_quads, screening)[0]
    light_quads = Step("quads", 60, pressure=Pressure.LIGHT)
    assert step_cautions(light_quads, screening) == ()


def test_fever_applies_everywhere_but_flags_no_single_region() -> None:
    screening = Screening({"fever-or-infection": Answer.YES})
    assert flagged_regions(screening) == {}
    assert [c.id for c in general_cautions(screening)] == ["fever-or-infection"]
    assert "every region" in step_cautions(Step("neck", 30), screening)[0]


def test_routine_cautions_lists_only_affected_steps() -> None:
    screening = Screening({"blood-clots": Answer.YES})
    steps = [Step("neck", 30), Step("calves", 60), Step("adductors", 30)]
    assert sorted(routine_cautions(steps, screening)) == [1, 2]


def test_stored_answers_are_filtered_and_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    screening = Screening.from_stored(
        {"pregnancy": "yes", "bogus": "yes", "fever-or-infection": "x"}
    )
    assert screening.to_stored() == {"pregnancy": "yes"}

    store = SettingsStore(tmp_path / "settings.json")
    settings = Settings(safety_answers=screening.to_stored(), safety_screened_on="2026-11-27")
    assert store.save(settings)
    loaded = store.load()
    assert Screening.from_stored(loaded.safety_answers).answer("pregnancy") is Answer.YES
    assert loaded.safety_screened_on == "2026-11-27"
    assert Settings().safety_screened_on == ""


def test_answers_keep_their_date_and_the_screening_is_asked_again_after_90_days() -> None:
    from datetime import date

    from selfmassage.core.safety import RESCREEN_DAYS, TODAY_CHECK, screening_due

    day = date(2026, 12, 6)
    screening = Screening({}).answered({"pregnancy": Answer.YES}, date(2026, 1, 2))
    screening = screening.answered({"fever-or-infection": Answer.YES}, day)
    assert screening.answered_on == {"pregnancy": "2026-01-02", "fever-or-infection": "2026-12-06"}
    again = Screening.from_stored(screening.to_stored(), screening.dates_to_stored())
    assert again == screening
    assert [q.id for q in screening.current(day).stops()] == ["fever-or-infection"]
    next_day = date(2026, 12, 7)
    assert screening.current(next_day).stops() == ()  # a fever holds for its day only
    assert screening.current(next_day).answer("pregnancy") is Answer.YES
    assert set(TODAY_CHECK) == {"fever-or-infection", "acute-injury", "hot-swollen-calf"}
    assert screening.today_check_due(day)  # two of the three not answered today
    assert not screening.answered(dict.fromkeys(TODAY_CHECK, Answer.NO), day).today_check_due(day)
    assert RESCREEN_DAYS == 90
    assert screening_due("", day) and screening_due("garbage", day)
    assert not screening_due("2026-09-07", day)  # 90 days
    assert screening_due("2026-09-06", day)  # 91 days
