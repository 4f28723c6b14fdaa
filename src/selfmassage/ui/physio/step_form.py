"""The routine editor's step form: the current step's fields, its cues, and a small map
to pick its region by clicking.

The form shows a StepDraft and tells each change by a signal; the editor turns it into
an undoable edit of the draft and shows the result here again.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.anatomy import REGIONS, RegionSide, Side, region
from selfmassage.core.catalog import Catalog, Technique
from selfmassage.core.language import N_, _, pgettext, speaking
from selfmassage.core.routine import CueStyle, Pressure, StepSide, Tool
from selfmassage.core.routine_draft import StepDraft, Where, seconds_range
from selfmassage.core.selection import Selection
from selfmassage.core.step_cues import StepCues, step_cues
from selfmassage.core.words import place_name, region_name, step_time
from selfmassage.ui.home.body_map import BodyMapWidget
from selfmassage.ui.physio.breathing_form import BreathingFields
from selfmassage.ui.physio.cue_table import CueTable
from selfmassage.ui.physio.editor_fields import (
    lowered,
    mark,
    plain_label,
    select_data,
    set_line,
    set_plain,
)
from selfmassage.ui.widgets.illustration import IllustrationView

CUES_CAPTION = N_(
    "Cues: everything the voice says in this step, in order (at the routine's cue level). Your own "
    "cues have boxes to edit; the others come from the technique and the timing."
)


def side_label(side: StepSide) -> str:
    if side is StepSide.BOTH:
        return _("Both (left, then right)")
    if side is StepSide.LEFT:
        return pgettext("body side", "Left")
    if side is StepSide.RIGHT:
        return pgettext("body side", "Right")
    return side.value.capitalize()


def pressure_label(pressure: Pressure) -> str:
    if pressure is Pressure.LIGHT:
        return pgettext("pressure", "Light")
    if pressure is Pressure.MODERATE:
        return pgettext("pressure", "Moderate")
    if pressure is Pressure.FIRM:
        return pgettext("pressure", "Firm")
    return pressure.value.capitalize()


class StepForm(QGroupBox):
    """One step's fields. Each signal tells one change the person made."""

    edited = Signal(str, object)
    """A field of the step (side, name, instructions, seconds, pressure) and its value."""
    region_chosen = Signal(str)
    """A region id picked in the list."""
    place_clicked = Signal(object)
    """A RegionSide clicked on the map that the step does not work on yet."""
    tool_chosen = Signal(str)
    technique_chosen = Signal(str)
    """A technique id, or "" for the physio's own step."""
    step_changed = Signal(str, object)
    """The whole step (a StepDraft) changed at once: a breathing step's pattern or length
    (what was set, then the step)."""

    def __init__(self, catalog: Catalog | None = None, parent: QWidget | None = None) -> None:
        super().__init__(_("Step"), parent)
        self.language = ""
        """The routine's language: what the step's cues are said in."""
        self.catalog = catalog
        self._step: StepDraft | None = None
        self.region_combo = QComboBox()
        self.region_combo.setAccessibleName(_("Region"))
        for reg in REGIONS:
            self.region_combo.addItem(region_name(reg.id), reg.id)
        self.side_combo = QComboBox()
        self.side_combo.setAccessibleName(_("Side"))
        for side in StepSide:
            self.side_combo.addItem(side_label(side), side.value)
        self.tool_combo = QComboBox()
        self.tool_combo.setAccessibleName(_("Tool"))
        for tool in Tool:
            self.tool_combo.addItem(tool.label, tool.value)
        self.technique_combo = QComboBox()
        self.technique_combo.setAccessibleName(_("Technique"))
        # Long names (another language's) are cut in the closed list, never the window
        # made wider than a laptop's screen; the open list shows them whole.
        for combo in (self.region_combo, self.technique_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(_("Step name"))
        self.instructions_edit = QPlainTextEdit()
        self.instructions_edit.setAccessibleName(_("Instructions"))
        self.instructions_edit.setTabChangesFocus(True)  # Tab is not a keyboard trap
        self.instructions_edit.setMaximumHeight(96)  # room for the cues below
        self.seconds_spin = QSpinBox()
        self.seconds_spin.setRange(5, 1800)
        self.seconds_spin.setSuffix(_(" s"))
        self.seconds_spin.setAccessibleName(_("Seconds (on each side)"))
        self.seconds_hint = plain_label()
        self.seconds_hint.setObjectName("secondsHint")
        self.pressure_combo = QComboBox()
        self.pressure_combo.setAccessibleName(_("Pressure"))
        # Translators: a step's pressure when the routine does not say it.
        self.pressure_combo.addItem(_("Not said"), "")
        for pressure in Pressure:
            self.pressure_combo.addItem(pressure_label(pressure), pressure.value)
        self.breathing_fields = BreathingFields()
        self.breathing_fields.changed.connect(self.step_changed)
        self.cue_table = CueTable()
        self.add_cue_button = QPushButton(_("Add &cue"))
        self.remove_cue_button = QPushButton(_("Remove cue"))
        cue_buttons = QHBoxLayout()
        cue_buttons.addWidget(self.add_cue_button)
        cue_buttons.addWidget(self.remove_cue_button)
        cue_buttons.addStretch(1)

        # A small map to pick the region and side by clicking, beside the list.
        self.region_map = BodyMapWidget()
        self.region_map.setAccessibleName(_("Pick the step's region on the body"))
        self.region_map.setMinimumSize(180, 240)
        self.region_map.setMaximumWidth(260)
        self.region_map.selection_changed.connect(self._map_clicked)
        step_fields = self._fields = QWidget()
        step_form = self._form = QFormLayout()
        step_form.setContentsMargins(0, 0, 0, 0)
        fields_column = QVBoxLayout(step_fields)
        fields_column.setContentsMargins(0, 0, 0, 0)
        fields_column.addLayout(step_form)
        # Under the map, how the step is done: the position and the tool it names.
        self.illustration = IllustrationView(minimum_width=180, preferred_width=240)
        self.illustration.setObjectName("editorIllustration")
        self.illustration.setMaximumWidth(260)
        pictures = self._pictures = QVBoxLayout()
        pictures.addWidget(self.region_map, 1)
        pictures.addWidget(self.illustration)
        step_row = QHBoxLayout(self)
        step_row.addWidget(step_fields, 1)
        step_row.addLayout(pictures)
        step_form.addRow(_("Re&gion"), self.region_combo)
        step_form.addRow(_("&Side"), self.side_combo)
        step_form.addRow(_("T&ool"), self.tool_combo)
        step_form.addRow(_("Tec&hnique"), self.technique_combo)
        step_form.addRow(_("Na&me"), self.name_edit)
        step_form.addRow(_("&Instructions"), self.instructions_edit)
        seconds_row = QHBoxLayout()
        seconds_row.addWidget(self.seconds_spin)
        seconds_row.addWidget(self.seconds_hint, 1)
        seconds_label = QLabel(_("S&econds"))  # a row of a layout has no buddy of its own
        seconds_label.setBuddy(self.seconds_spin)
        step_form.addRow(seconds_label, seconds_row)
        step_form.addRow(_("&Pressure"), self.pressure_combo)
        step_form.addRow(self.breathing_fields)
        self._seconds_row = seconds_row
        # The cues under the fields, as wide as they are: the words need the room.
        self.cues_caption = plain_label(_(CUES_CAPTION))
        self.cues_caption.setObjectName("cuesCaption")
        self.cues_caption.setBuddy(self.cue_table)
        fields_column.addWidget(self.cues_caption)
        fields_column.addWidget(self.cue_table, 1)
        fields_column.addLayout(cue_buttons)

        self.region_combo.activated.connect(
            lambda _i: self.region_chosen.emit(str(self.region_combo.currentData()))
        )
        self.side_combo.activated.connect(
            lambda _i: self.edited.emit("side", self.side_combo.currentData())
        )
        self.tool_combo.activated.connect(
            lambda _i: self.tool_chosen.emit(str(self.tool_combo.currentData()))
        )
        self.technique_combo.activated.connect(
            lambda _i: self.technique_chosen.emit(str(self.technique_combo.currentData() or ""))
        )
        self.name_edit.textEdited.connect(lambda text: self.edited.emit("name", text))
        self.instructions_edit.textChanged.connect(
            lambda: self.edited.emit("instructions", self.instructions_edit.toPlainText())
        )
        self.seconds_spin.valueChanged.connect(lambda value: self.edited.emit("seconds", value))
        self.pressure_combo.activated.connect(
            lambda _i: self.edited.emit("pressure", self.pressure_combo.currentData())
        )

    def show_step(
        self,
        step: StepDraft | None,
        number: int,
        style: CueStyle = CueStyle.FULL,
        language: str = "",
    ) -> None:
        """Show step ``number`` (counted from 1), or an empty, disabled form for None; its
        cues as said at the routine's cue ``style``, in the routine's ``language``."""
        self._step = step
        self.language = self.breathing_fields.language = language
        self.setEnabled(step is not None)
        self._show_kind(breathing=step is not None and step.breathing is not None)
        if step is None:
            self.setTitle(_("Step: add one to begin"))
            self.region_map.set_selection(Selection())
            self.illustration.show_technique(None)
            return
        self.setTitle(_("Step {number}").format(number=number))
        if step.breathing is not None:
            self.setTitle(
                _("Step {number}: breathing, {how}").format(
                    number=number, how=lowered(step.breathing.describe())
                )
            )
            self.breathing_fields.show_step(step)
            set_line(self.name_edit, step.name)
            set_plain(self.instructions_edit, step.instructions)
            self.illustration.show_technique(None)
            self.cue_table.show_cues((), self._spoken(step, style))
            return
        select_data(self.region_combo, step.region)
        self.region_map.set_selection(Selection.of(places_of(step)))
        shown = self.region_map.views()
        if len(shown) == 1 and shown[0] not in region(step.region).views:
            # A narrow map draws one view: turn it to where the step's region is.
            self.region_map.view_switch.click()
        sided = region(step.region).sided
        self.side_combo.setEnabled(sided)
        select_data(self.side_combo, step.side or "both")
        select_data(self.tool_combo, step.tool)
        self.technique_combo.clear()
        self.technique_combo.addItem(_("Custom: your own name and instructions"), "")
        if self.catalog is not None:
            for technique in self.catalog.for_region(step.region):
                self.technique_combo.addItem(
                    # Translators: a technique in the list and its tool: "Calf roll (foam
                    # roller)".
                    _("{technique} ({tool})").format(
                        technique=technique.name, tool=lowered(technique.tool.label)
                    ),
                    technique.id,
                )
        if step.technique and self.technique_combo.findData(step.technique) < 0:
            self.technique_combo.addItem(
                _("{technique} (not in this catalog)").format(technique=step.technique),
                step.technique,
            )
        select_data(self.technique_combo, step.technique)
        set_line(self.name_edit, step.name)
        set_plain(self.instructions_edit, step.instructions)
        with QSignalBlocker(self.seconds_spin):
            self.seconds_spin.setValue(step.seconds)
        self.seconds_hint.setText(seconds_hint(step, self.catalog))
        select_data(self.pressure_combo, step.pressure)
        self.cue_table.show_cues(step.cues, self._spoken(step, style))
        self.illustration.show_technique(*self._pictured(step))

    def _spoken(self, step: StepDraft, style: CueStyle) -> StepCues:
        """What the voice will say in the step: in the routine's language, as spoken."""
        with speaking(self.language):
            return step_cues(step, self.catalog, style=style)

    def _show_kind(self, *, breathing: bool) -> None:
        """A breathing step has a pattern and minutes where a massage step has a place,
        a tool, a technique, seconds and pressure; and no cues of its own to add."""
        massage_rows: tuple[QWidget | QHBoxLayout, ...] = (
            self.region_combo,
            self.side_combo,
            self.tool_combo,
            self.technique_combo,
            self._seconds_row,
            self.pressure_combo,
        )
        for row in massage_rows:
            self._form.setRowVisible(row, not breathing)
        self._form.setRowVisible(self.breathing_fields, breathing)
        self.region_map.setVisible(not breathing)
        self.add_cue_button.setVisible(not breathing)
        self.remove_cue_button.setVisible(not breathing)
        # Before the window is first shown, the sizes laid out still count hidden rows.
        self._fields.updateGeometry()

    def _pictured(self, step: StepDraft) -> tuple[Technique | None, Side | None]:
        """The technique whose picture fits the step being written, and its first side."""
        side = Side.RIGHT if step.side == "right" else (Side.LEFT if step.side else None)
        if self.catalog is None:
            return None, side
        technique = self.catalog.get(step.technique) if step.technique else None
        if technique is None and step.tool in {tool.value for tool in Tool}:
            technique = self.catalog.default_for(step.region, Tool(step.tool))
        return technique, side

    def fields(self) -> dict[str, QWidget]:
        """The field that holds each of the step's values, by its name in the file."""
        return {
            "region": self.region_combo,
            "side": self.side_combo,
            "tool": self.tool_combo,
            "technique": self.technique_combo,
            "name": self.name_edit,
            "instructions": self.instructions_edit,
            "seconds": self.seconds_spin,
            "pressure": self.pressure_combo,
            "cues": self.cue_table,
            "pattern": self.breathing_fields.pattern_combo,
            "in": self.breathing_fields.in_spin,
            "hold": self.breathing_fields.hold_spin,
            "out": self.breathing_fields.out_spin,
        }

    def mark_problems(self, places: list[Where]) -> None:
        """Mark the fields that the problems of this step point at."""
        for name, widget in (
            ("name", self.name_edit),
            ("instructions", self.instructions_edit),
            ("seconds", self.seconds_spin),
            ("side", self.side_combo),
        ):
            mark(widget, any(w.field == name and w.cue is None for w in places), "")
        mark(self.cue_table, any(w.cue is not None for w in places), "")

    def _map_clicked(self, selection: Selection) -> None:
        """A click on the map picks the region and side of the step."""
        step = self._step
        if step is None:
            return
        shown = set(places_of(step))
        clicked = [place for place in selection.selected if place not in shown]
        if not clicked:
            # A click on what is already chosen: keep it chosen.
            self.region_map.set_selection(Selection.of(places_of(step)))
            return
        self.place_clicked.emit(clicked[0])


def seconds_hint(step: StepDraft, catalog: Catalog | None) -> str:
    """The range the seconds may take, said beside the box; louder when outside it."""
    low, high = seconds_range(step, catalog)
    if low > 5 or high < 1800:
        if not low <= step.seconds <= high:
            return _("Out of range: {low}–{high} s for this technique.").format(low=low, high=high)
        return _("{low}–{high} s for this technique.").format(low=low, high=high)
    if not low <= step.seconds <= high:
        return _("Out of range: {low}–{high} s for a step.").format(low=low, high=high)
    return _("{low}–{high} s for a step.").format(low=low, high=high)


def step_label(step: StepDraft) -> str:
    place = place_name(step.region, step.side)
    # Translators: a step in the editor's list: "Calf roll — Left calf, 90 s".
    return _("{name} — {place}, {time}").format(
        name=step.name.strip() or place, place=place, time=step_time(step.seconds, step.side)
    )


def places_of(step: StepDraft) -> list[RegionSide]:
    """The map places a step works on: one side, both sides, or the midline region."""
    if step.side is None or not region(step.region).sided:
        return [RegionSide(step.region)]
    sides = (Side.LEFT, Side.RIGHT) if step.side == "both" else (Side(step.side),)
    return [RegionSide(step.region, side) for side in sides]
