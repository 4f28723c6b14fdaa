"""The PyInstaller spec, read on each platform's branch without building anything.

The Windows and macOS parts cannot be built here; running the spec with PyInstaller's
build steps replaced by recorders still checks what they would be given.
"""

from __future__ import annotations

import plistlib
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "selfmassage.spec"


class Recorder:
    made: ClassVar[list[Recorder]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.kind = type(self).__name__
        self.args = args
        self.kwargs = kwargs
        Recorder.made.append(self)


class Analysis(Recorder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pure: list[Any] = []
        self.scripts: list[Any] = []
        self.binaries = [
            ("PySide6/Qt/plugins/platforms/libqxcb.so", "/x", "BINARY"),
            ("PySide6/Qt/plugins/platforms/libqvnc.so", "/x", "BINARY"),
            ("PySide6/Qt/plugins/platforms/libqeglfs.so", "/x", "BINARY"),
            ("PySide6/Qt/plugins/platforms/libqwayland.so", "/x", "BINARY"),
            ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "/x", "BINARY"),
            ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", "/x", "BINARY"),
            ("PySide6/Qt/plugins/imageformats/libqsvg.so", "/x", "BINARY"),
            ("PySide6/Qt/plugins/imageformats/libqpdf.so", "/x", "BINARY"),
            ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/x", "BINARY"),
            ("PySide6/Qt/plugins/tls/libqopensslbackend.so", "/x", "BINARY"),
            ("PySide6/Qt/lib/libQt6Quick.so.6", "/x", "BINARY"),
            ("PySide6/Qt/lib/libQt6Widgets.so.6", "/x", "BINARY"),
            ("PySide6\\Qt6WebEngineCore.dll", "/x", "BINARY"),
            ("PySide6\\Qt6Widgets.dll", "/x", "BINARY"),
            ("libespeak-ng.so.1", "/x", "BINARY"),
            ("libpango-1.0.so.0", "/x", "BINARY"),
            ("libpulse.so.0", "/x", "BINARY"),
            ("libssl.so.3", "/x", "BINARY"),
            ("libcrypto.so.3", "/x", "BINARY"),
        ]
        self.datas = [
            ("PySide6/Qt/translations/qtbase_de.qm", "/x", "DATA"),
            ("PySide6/Qt/translations/qtbase_ja.qm", "/x", "DATA"),
            ("PySide6/Qt/translations/qtmultimedia_de.qm", "/x", "DATA"),
            ("babel/locale-data/fr.dat", "/x", "DATA"),
            ("babel/locale-data/fr_CA.dat", "/x", "DATA"),
            ("babel/locale-data/root.dat", "/x", "DATA"),
            ("babel/locale-data/ja.dat", "/x", "DATA"),
            ("selfmassage/assets/icons/selfmassage.svg", "/x", "DATA"),
        ]


class PYZ(Recorder):
    pass


class EXE(Recorder):
    pass


class COLLECT(Recorder):
    pass


class BUNDLE(Recorder):
    pass


def run_spec(monkeypatch: pytest.MonkeyPatch, platform: str) -> list[Recorder]:
    pytest.importorskip("PyInstaller", reason="PyInstaller is in the 'test' extra")
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "path", list(sys.path))
    Recorder.made = []
    namespace = {
        "__file__": str(SPEC),
        "SPECPATH": str(SPEC.parent),
        "Analysis": Analysis,
        "PYZ": PYZ,
        "EXE": EXE,
        "COLLECT": COLLECT,
        "BUNDLE": BUNDLE,
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return Recorder.made


def made(recorders: list[Recorder], kind: str) -> list[Recorder]:
    return [r for r in recorders if r.kind == kind]


def test_analysis_keeps_what_the_app_uses_and_drops_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (analysis,) = made(run_spec(monkeypatch, "linux"), "Analysis")
    kept = {entry[0] for entry in analysis.binaries + analysis.datas}
    assert kept == {
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6\\Qt6Widgets.dll",
        "libpulse.so.0",
        "selfmassage/assets/icons/selfmassage.svg",
        # Qt's own texts and Babel's locale data for the app's languages only.
        "PySide6/Qt/translations/qtbase_de.qm",
        "babel/locale-data/fr.dat",
        "babel/locale-data/root.dat",
    }
    hidden = analysis.kwargs["hiddenimports"]
    for module in ("pyttsx3.drivers.espeak", "pyttsx3.drivers.sapi5", "pyttsx3.drivers.nsss"):
        assert module in hidden
    assert "selfmassage.commands.selftest" in hidden
    assert "PySide6.QtMultimedia" in hidden
    locale = ROOT / "src" / "selfmassage" / "locale"
    assert analysis.kwargs["datas"] == [
        (str(ROOT / "assets"), "selfmassage/assets"),
        (str(ROOT / "docs" / "user-guide.md"), "selfmassage/docs"),  # Help > User guide
        *[
            (str(ROOT / "docs" / lang / "user-guide.md"), f"selfmassage/docs/{lang}")
            for lang in ("de", "fr", "es")
        ],
        *[
            (
                str(locale / lang / "LC_MESSAGES" / "selfmassage.mo"),
                f"selfmassage/locale/{lang}/LC_MESSAGES",
            )
            for lang in ("de", "fr", "es")
        ],
    ]


def test_linux_makes_one_stripped_program_and_no_app_bundle(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorders = run_spec(monkeypatch, "linux")
    (exe,) = made(recorders, "EXE")
    assert exe.kwargs["name"] == "selfmassage"
    assert exe.kwargs["console"] is True
    assert exe.kwargs["strip"] is True
    assert made(recorders, "BUNDLE") == []


def test_windows_adds_a_windowed_program_beside_the_console_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorders = run_spec(monkeypatch, "win32")
    programs = {exe.kwargs["name"]: exe.kwargs for exe in made(recorders, "EXE")}
    assert programs["selfmassage"]["console"] is True
    assert programs["selfmassagew"]["console"] is False
    # Windows ignores case in file names: the two must differ by more than case.
    assert len({name.lower() for name in programs}) == 2
    assert all(Path(p["icon"]).is_file() for p in programs.values())
    (collect,) = made(recorders, "COLLECT")
    assert sum(1 for arg in collect.args if isinstance(arg, EXE)) == 2


def test_macos_app_declares_and_opens_both_file_types(monkeypatch: pytest.MonkeyPatch) -> None:
    recorders = run_spec(monkeypatch, "darwin")
    (exe,) = made(recorders, "EXE")
    assert exe.kwargs["argv_emulation"] is False  # files arrive as QEvent.FileOpen
    (bundle,) = made(recorders, "BUNDLE")
    assert bundle.kwargs["name"] == "SelfMassage.app"
    assert Path(bundle.kwargs["icon"]).is_file()
    plist = bundle.kwargs["info_plist"]
    plistlib.dumps(plist)  # every value must be one a property list can hold
    utis = {t["UTTypeIdentifier"]: t for t in plist["UTExportedTypeDeclarations"]}
    assert utis["org.selfmassage.routine"]["UTTypeTagSpecification"] == {
        "public.filename-extension": ["smroutine"],
        "public.mime-type": ["application/x-selfmassage-routine"],
    }
    assert utis["org.selfmassage.report"]["UTTypeTagSpecification"][
        "public.filename-extension"
    ] == ["smreport"]
    handled = {uti for doc in plist["CFBundleDocumentTypes"] for uti in doc["LSItemContentTypes"]}
    assert handled == set(utis)


def _pyside_modules_imported(modules: list[str]) -> set[str]:
    """The PySide6 modules that importing ``modules`` loads (bindings import others)."""
    import subprocess

    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print('\\n'.join(m for m in sys.modules if m.startswith('PySide6.Qt')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return set(result.stdout.split())


def test_every_qt_module_the_app_never_imports_is_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pkgutil
    import re

    import PySide6

    (analysis,) = made(run_spec(monkeypatch, "linux"), "Analysis")
    named = {
        name
        for path in (ROOT / "src" / "selfmassage").rglob("*.py")
        for name in re.findall(r"PySide6\.Qt\w+", path.read_text(encoding="utf-8"))
    }
    hidden = {name for name in analysis.kwargs["hiddenimports"] if name.startswith("PySide6.")}
    used = _pyside_modules_imported(sorted(named | hidden))
    assert {"PySide6.QtWidgets", "PySide6.QtMultimedia", "PySide6.QtCharts"} <= used
    installed = {
        f"PySide6.{module.name}"
        for module in pkgutil.iter_modules(PySide6.__path__)
        if module.name.startswith("Qt")
    }
    excluded = set(analysis.kwargs["excludes"])
    assert installed - used - excluded == set()  # never imported, yet not left out
    assert used & excluded == set()  # nothing the app imports is left out
    assert "PySide6.QtOpenGL" in excluded
    # No network: neither Python's ssl nor OpenSSL's libraries travel with the app.
    assert {"ssl", "_ssl", "_hashlib"} <= excluded
