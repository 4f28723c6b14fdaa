"""The wheel carries the assets, and the installed package finds them."""

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("selfmassage-*.whl")
    return built


@pytest.mark.slow
def test_wheel_contains_every_asset(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    on_disk = {
        "selfmassage/assets/" + str(p.relative_to(ROOT / "assets"))
        for p in (ROOT / "assets").rglob("*")
        if p.is_file()
    }
    assert on_disk, "no assets found in the checkout"
    assert on_disk <= names
    assert "selfmassage/cli.py" in names


def test_wheel_carries_the_compiled_catalogues_and_the_guides(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for language in ("de", "fr", "es"):
        assert f"selfmassage/locale/{language}/LC_MESSAGES/selfmassage.mo" in names
        assert f"selfmassage/docs/{language}/user-guide.md" in names
    assert "selfmassage/docs/user-guide.md" in names


@pytest.mark.slow
def test_installed_wheel_finds_its_assets(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    code = (
        "import selfmassage, sys\n"
        "from selfmassage.core.assets import assets_root, asset_path\n"
        "print(selfmassage.__file__)\n"
        "print(assets_root())\n"
        "assert asset_path('icons', 'selfmassage.svg').is_file()\n"
        "from selfmassage.core.language import _, set_app_language\n"
        "set_app_language('de')\n"
        "assert _('Get ready: {step}') == 'Vorbereiten: {step}', _('Get ready: {step}')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    package_file, root = result.stdout.splitlines()
    assert package_file.startswith(str(target))
    assert root == str(target / "selfmassage" / "assets")


@pytest.mark.slow
def test_the_sdist_carries_the_licence_and_the_paperwork(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = tmp_path.glob("selfmassage-*.tar.gz")
    with tarfile.open(built) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"LICENSE", "CHANGELOG.md", "CONTRIBUTING.md", "README.md"} <= names
    assert "src/selfmassage/__init__.py" in names


@pytest.mark.slow
def test_the_wheel_carries_the_licence(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names), names[-5:]
