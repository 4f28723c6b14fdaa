"""The PyInstaller bundle builds, carries what the app needs (and not what it does not),
and runs: `selfmassage self-test` and `--exit-after-startup`, offscreen.

One build (about a minute on two cores) serves every test here. The .deb and its test in
a bare Debian chroot are scripts (packaging/linux/build-deb, test-deb): docs/packaging.md.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "selfmassage.spec"
MAX_BUNDLE_BYTES = 220_000_000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.linux("the Linux bundle layout is checked (the workflow runs self-test elsewhere)"),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("PyInstaller", reason="PyInstaller is in the 'test' extra")
    if shutil.which("objdump") is None:
        pytest.skip(
            "PyInstaller needs binutils on Linux (objdump, strip): apt-get install binutils"
        )
    out = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "build"),
            str(SPEC),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    folder = out / "dist" / "selfmassage"
    assert (folder / "selfmassage").is_file()
    return folder


def run_bundle(bundle: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [str(bundle / "selfmassage"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def relative_files(bundle: Path) -> set[str]:
    return {str(p.relative_to(bundle)) for p in bundle.rglob("*") if p.is_file()}


def test_self_test_passes_in_the_bundle(bundle: Path) -> None:
    result = run_bundle(bundle, "self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "packaged build in" in result.stdout
    for check in ("assets", "window", "routine", "session", "speech", "history"):
        assert f"ok   {check}" in result.stdout, result.stdout
    assert "self-test passed" in result.stdout
    assert "Traceback" not in result.stderr


def test_bundle_starts_and_paints_its_window(bundle: Path, app_home: Path) -> None:
    result = run_bundle(bundle, "--exit-after-startup")
    assert result.returncode == 0, result.stderr
    assert (app_home / "logs" / "selfmassage.log").is_file()


def test_bundle_answers_on_the_command_line(bundle: Path) -> None:
    from selfmassage import __version__

    result = run_bundle(bundle, "--version")
    assert result.stdout.strip() == f"selfmassage {__version__}"
    bad = run_bundle(bundle, "self-test", "--skip", "no-such-check")
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr


def test_bundle_carries_the_plugins_and_assets_it_needs(bundle: Path) -> None:
    files = relative_files(bundle)
    plugins = "_internal/PySide6/Qt/plugins/"
    needed = [
        plugins + "platforms/libqxcb.so",
        plugins + "platforms/libqwayland.so",
        plugins + "platforms/libqoffscreen.so",
        plugins + "multimedia/libffmpegmediaplugin.so",
        plugins + "imageformats/libqsvg.so",
        plugins + "iconengines/libqsvgicon.so",
        "_internal/selfmassage/assets/icons/selfmassage.svg",
    ]
    assert [name for name in needed if name not in files] == []
    on_disk = {
        "_internal/selfmassage/assets/" + str(p.relative_to(ROOT / "assets"))
        for p in (ROOT / "assets").rglob("*")
        if p.is_file()
    }
    assert on_disk <= files


def test_bundle_leaves_out_what_the_app_does_not_use(bundle: Path) -> None:
    files = relative_files(bundle)
    unwanted = ("WebEngine", "Qt6Quick", "Qt6Qml", "Qt6Pdf", "VirtualKeyboard")
    assert [f for f in files if any(word in f for word in unwanted)] == []
    # Qt's own texts in the app's languages only, and the app's catalogues.
    qt_texts = {Path(f).name for f in files if "/translations/" in f}
    assert qt_texts == {"qtbase_de.qm", "qtbase_fr.qm", "qtbase_es.qm"}
    for lang in ("de", "fr", "es"):
        assert f"_internal/selfmassage/locale/{lang}/LC_MESSAGES/selfmassage.mo" in files
    platforms = {
        Path(f).name for f in files if f.startswith("_internal/PySide6/Qt/plugins/platforms/")
    }
    assert platforms == {"libqxcb.so", "libqwayland.so", "libqoffscreen.so"}
    # The system's eSpeak NG must be used: it knows where its voice data is.
    assert not [f for f in files if "libespeak" in f]


def test_speech_drivers_are_frozen_in(bundle: Path) -> None:
    listing = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller.utils.cliutils.archive_viewer",
            "-r",
            "-b",
            str(bundle / "selfmassage"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    ).stdout
    for driver in ("espeak", "sapi5", "nsss"):
        assert f"pyttsx3.drivers.{driver}" in listing


def test_bundle_fits_its_size_budget(bundle: Path) -> None:
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    assert size <= MAX_BUNDLE_BYTES, f"{size / 1e6:.0f} MB"
