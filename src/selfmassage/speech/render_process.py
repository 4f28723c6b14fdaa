"""The process backend: pyttsx3 runs in a child process, in that process's main thread.

macOS's ``nsss`` driver fails inside a Python thread, and its file output has been seen
to hang; in a child process it runs in a main thread, and a hung child can be killed.

The protocol is one JSON object per line. The child answers once when its engine is up
(``{"ok": true}`` or ``{"ok": false, "error": ...}``), then once per request:
``{"op": "render", "text", "voice", "rate", "path"}``, ``{"op": "voices"}`` or
``{"op": "quit"}``. The child ends when its input closes, so it never outlives the app.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from pathlib import Path
from typing import IO, Any

from selfmassage.core.language import _
from selfmassage.core.voice import Voice
from selfmassage.speech.renderer import EngineMissingError, describe

log = logging.getLogger(__name__)

COMMAND_NAME = "speech-renderer"


def renderer_command() -> list[str]:
    """How to start the child: through the app's own entry point, frozen or not."""
    if getattr(sys, "frozen", False):
        return [sys.executable, COMMAND_NAME]
    return [sys.executable, "-m", "selfmassage", COMMAND_NAME]


class ProcessRenderer:
    """The parent's side: a Renderer whose engine lives in a child process."""

    def __init__(self, command: list[str] | None = None) -> None:
        import subprocess

        self._process = subprocess.Popen(
            command or renderer_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        reply = self._read()
        if not reply.get("ok"):
            self.kill()
            raise EngineMissingError(str(reply.get("error") or _("the speech process failed")))

    def render(self, text: str, voice: str, rate: int, path: Path) -> None:
        self._call({"op": "render", "text": text, "voice": voice, "rate": rate, "path": str(path)})

    def voices(self) -> list[Voice]:
        reply = self._call({"op": "voices"})
        return [
            Voice(str(item[0]), str(item[1]), tuple(str(tag) for tag in item[2]))
            for item in reply.get("voices", [])
        ]

    def close(self) -> None:
        import subprocess

        try:
            self._send({"op": "quit"})
            self._process.wait(timeout=2)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            self.kill()

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self._process.kill()

    def _call(self, request: dict[str, Any]) -> dict[str, Any]:
        self._send(request)
        reply = self._read()
        if not reply.get("ok"):
            raise RuntimeError(str(reply.get("error") or "the speech process failed"))
        return reply

    def _send(self, request: dict[str, Any]) -> None:
        stdin = self._process.stdin
        if stdin is None:
            raise RuntimeError("the speech process has no input")
        try:
            stdin.write(json.dumps(request) + "\n")
            stdin.flush()
        except (OSError, ValueError) as error:
            raise RuntimeError("the speech process has ended") from error

    def _read(self) -> dict[str, Any]:
        stdout = self._process.stdout
        line = stdout.readline() if stdout is not None else ""
        if not line:
            code = self._process.poll()
            raise RuntimeError(f"the speech process has ended (exit status {code})")
        try:
            reply = json.loads(line)
        except json.JSONDecodeError as error:
            raise RuntimeError(f"the speech process answered nonsense: {line[:80]!r}") from error
        if not isinstance(reply, dict):
            raise RuntimeError("the speech process answered nonsense")
        return reply


# The child's side ----------------------------------------------------------------------


def serve(requests: IO[str], replies: IO[str]) -> int:
    """Answer requests until the input ends; the engine is created here, in this thread."""
    from selfmassage.speech.pyttsx3_renderer import Pyttsx3Renderer

    def answer(reply: dict[str, Any]) -> None:
        replies.write(json.dumps(reply) + "\n")
        replies.flush()

    try:
        renderer = Pyttsx3Renderer()
    except Exception as error:
        log.warning("the speech engine could not start", exc_info=True)
        answer({"ok": False, "error": describe(error)})
        return 1
    answer({"ok": True})
    for line in requests:
        try:
            request = json.loads(line)
            op = request["op"]
            if op == "quit":
                break
            if op == "render":
                renderer.render(
                    str(request["text"]),
                    str(request["voice"]),
                    int(request["rate"]),
                    Path(request["path"]),
                )
                answer({"ok": True})
            elif op == "voices":
                voices = [[v.id, v.name, list(v.languages)] for v in renderer.voices()]
                answer({"ok": True, "voices": voices})
            else:
                answer({"ok": False, "error": f"unknown request {op!r}"})
        except Exception as error:
            log.warning("speech request failed: %s", line[:200], exc_info=True)
            answer({"ok": False, "error": describe(error)})
    renderer.close()
    return 0


def _serve_command(args: argparse.Namespace) -> int:
    # Replies get their own copy of standard output; anything else that prints (a
    # driver, a library) goes to standard error instead of into the protocol.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    return serve(sys.stdin, replies)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    # No help text: an internal command, left out of --help.
    parser = commands.add_parser(COMMAND_NAME)
    parser.set_defaults(command=_serve_command)
