"""The kinds of file the app opens, told by the end of their names.

Known without loading the readers (msgspec, the routine model), so the window can take
dropped files before the first paint.
"""

from __future__ import annotations

ROUTINE_SUFFIX = ".smroutine"
"""A routine file: ``docs/formats/routine-file.md``."""
REPORT_SUFFIX = ".smreport"
"""A client report: ``docs/formats/report-file.md``."""
