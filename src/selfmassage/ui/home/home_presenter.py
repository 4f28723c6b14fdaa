"""The Home page's presenter: the body map, what is picked, and the routine options.

The page is the first thing a person sees, so it is built at once. What is avoided and
the options live in the settings; Build (Ctrl+B) and a "take 20 minutes" choice ask for
a routine through ``build_requested``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from selfmassage.core.routine_options import Intensity
from selfmassage.core.selection import Selection, places_from_keys
from selfmassage.core.tools import Tool
from selfmassage.ui.home.home_page import HomePage
from selfmassage.ui.home.options_panel import RoutineOptions

if TYPE_CHECKING:
    from selfmassage.core.builder import BuildRequest, Choice, Refusal
    from selfmassage.core.safety import Screening
    from selfmassage.core.settings import Settings
    from selfmassage.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class HomePresenter(QObject):
    build_requested = Signal(object)
    """A BuildRequest: the selection, the options and the person's pacing."""

    def __init__(
        self,
        window: MainWindow,
        settings: Settings,
        save_settings: Callable[[], None],
        screening: Callable[[], Screening] | None = None,
    ) -> None:
        super().__init__(window)
        self.settings = settings
        self.screening = screening
        self.save_settings = save_settings
        self.page = HomePage()
        self.options = RoutineOptions()
        avoided, unknown = places_from_keys(settings.avoided)
        if unknown:
            log.warning("ignoring unknown places to avoid in the settings: %s", unknown)
        self.page.set_selection(Selection(avoided=avoided))
        self.page.selection_changed.connect(self._remember_avoided)
        tools = {Tool(value) for value in settings.routine_tools if value in set(Tool)}
        intensity = (
            Intensity(settings.routine_intensity)
            if settings.routine_intensity in set(Intensity)
            else Intensity.STANDARD
        )
        self.options.set_values(tools, settings.routine_budget_minutes or None, intensity)
        self.options.options_changed.connect(self._remember_options)
        self.options.build_requested.connect(lambda: self.build_requested.emit(self.request()))
        self.options.choice_chosen.connect(self._choice_chosen)
        self.page.set_options_widget(self.options)
        window.set_page("home", self.page)

    def request(self) -> BuildRequest:
        """What the map and the options ask for, with the person's pacing and safety answers."""
        from selfmassage.core.builder import BuildRequest
        from selfmassage.core.routine import Pacing

        request = BuildRequest(
            selection=self.page.selection,
            tools=self.options.tools(),
            budget_minutes=self.options.budget_minutes(),
            intensity=self.options.intensity(),
            pacing=Pacing(transition_seconds=self.settings.transition_seconds),
        )
        return request if self.screening is None else replace(request, screening=self.screening())

    def soreness_by_place(self) -> dict[str, int | None]:
        """The map's soreness per place (``calves-left``), to prefill the before rating
        of the routine built from it."""
        return {place.key: level for place, level in self.page.selection.soreness.items()}

    def show_refusal(self, refusal: Refusal) -> None:
        self.options.show_refusal(refusal)

    def clear_refusal(self) -> None:
        self.options.clear_refusal()

    def set_cautions(self, flagged: Mapping[str, Sequence[object]]) -> None:
        self.page.body_map.set_cautions(flagged)

    def disable_build(self, reason: str) -> None:
        self.options.build_button.setEnabled(False)
        self.options.build_button.setToolTip(reason)

    def _remember_avoided(self, selection: Selection) -> None:
        keys = selection.avoided_keys
        if keys != self.settings.avoided:
            self.settings.avoided = keys
            self.save_settings()

    def _remember_options(self) -> None:
        self.settings.routine_tools = [tool.value for tool in sorted(self.options.tools())]
        self.settings.routine_budget_minutes = self.options.budget_minutes() or 0
        self.settings.routine_intensity = self.options.intensity().value
        self.save_settings()

    def _choice_chosen(self, choice: Choice) -> None:
        if choice.request.budget_minutes != self.options.budget_minutes():
            # "Take 20 minutes": the options show it and remember it.
            self.options.set_budget(choice.request.budget_minutes)
            self._remember_options()
        self.build_requested.emit(choice.request)
