"""The workflows promise what CONTRIBUTING.md says: every push tested on three systems,
a release only after those tests, pinned actions, least privilege. zizmor and actionlint
(run by ./dev test) check the rest."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def load(name: str) -> dict[str, Any]:
    workflow: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key "on" as True.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_every_push_and_pull_request_runs_the_tests_on_three_systems() -> None:
    test = load("test.yml")
    assert set(test["on"]) == {"push", "pull_request", "workflow_call"}
    jobs = test["jobs"]
    assert set(jobs) == {"linux", "windows", "macos"}
    assert [entry["python"] for entry in jobs["linux"]["strategy"]["matrix"]["include"]] == [
        "3.11",
        "3.14",
    ]
    for name in ("windows", "macos"):
        assert jobs[name]["strategy"]["matrix"]["python"] == ["3.11", "3.14"]
    for name, job in jobs.items():
        commands = [step.get("run") for step in job["steps"]]
        assert "./dev test" in commands, f"{name} runs the README's test command"
        assert "packaging/test-bundle" in commands, f"{name} runs the bundle's self-test"


def test_a_release_is_built_only_after_the_tests_pass() -> None:
    release = load("release.yml")
    assert set(release["on"]) == {"push"}
    jobs = release["jobs"]
    assert jobs["tests"]["uses"] == "./.github/workflows/test.yml"
    for name in ("linux", "windows", "macos"):
        assert jobs[name]["needs"] == "tests", f"the {name} build waits for the tests"


@pytest.mark.parametrize("name", ["test.yml", "release.yml"])
def test_actions_are_pinned_and_privileges_are_least(name: str) -> None:
    workflow = load(name)
    assert workflow["permissions"] == {"contents": "read"}
    for step in steps(workflow):
        if "uses" not in step:
            continue
        assert PINNED.match(step["uses"]), f"{step['uses']} is pinned to a full commit"
        if step["uses"].startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if re.search(r"uses: [\w.-]+/[\w./-]+@", line):
            assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), f"version comment: {line}"
    writers = [job for job in workflow["jobs"].values() if "permissions" in job]
    assert all(job["permissions"] == {"contents": "write"} for job in writers)


def test_ci_runs_the_readme_test_command_and_it_checks_the_workflows() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.rstrip().endswith("exec ./dev test")
    dev = (ROOT / "dev").read_text(encoding="utf-8")
    assert "zizmor --offline" in dev
    assert "actionlint" in dev
