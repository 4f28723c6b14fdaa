"""Synthetic but realistic history: routines on most days, soreness that eases over time.

Used by the history benchmark (ten years) and the screenshots (a few months). Written
straight to SQLite in one transaction, through the store's own schema.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from selfmassage.core.history import HistoryStore, to_text


def _places(region_id: str, side: str | None) -> list[str]:
    return [f"{region_id}-left", f"{region_id}-right"] if side else [region_id]


ROUTINES = (
    (
        "Post-run legs",
        [
            ("calves", "both", "foam-roller", 90),
            ("feet", "both", "massage-ball", 60),
            ("shins", "both", "stick-roller", 45),
            ("hamstrings", "both", "foam-roller", 60),
            ("quads", "both", "foam-roller", 60),
            ("outer-thighs", "both", "foam-roller", 45),
            ("glutes", "both", "massage-ball", 60),
            ("hip-flexors", "both", "massage-ball", 45),
        ],
    ),
    (
        "Desk neck and shoulders",
        [
            ("neck", None, "hands", 90),
            ("upper-traps", "both", "massage-ball", 60),
            ("shoulders", "both", "massage-gun", 45),
            ("upper-back", None, "foam-roller", 90),
            ("chest", "both", "massage-ball", 45),
            ("lats", "both", "foam-roller", 45),
            ("forearms", "both", "hands", 45),
            ("hands", "both", "hands", 30),
        ],
    ),
    (
        "Cyclist's thighs",
        [
            ("quads", "both", "foam-roller", 90),
            ("outer-thighs", "both", "foam-roller", 60),
            ("adductors", "both", "massage-ball", 45),
            ("glutes", "both", "massage-ball", 60),
            ("hip-flexors", "both", "massage-ball", 45),
            ("hamstrings", "both", "stick-roller", 60),
            ("calves", "both", "stick-roller", 45),
            ("lower-back", None, "massage-ball", 60),
        ],
    ),
    (
        "Lower back relief",
        [
            ("lower-back", None, "massage-ball", 90),
            ("glutes", "both", "massage-ball", 60),
            ("hamstrings", "both", "stick-roller", 60),
            ("lats", "both", "foam-roller", 45),
            ("hip-flexors", "both", "massage-ball", 45),
            ("upper-back", None, "foam-roller", 60),
            ("abdomen", None, "hands", 45),
            ("adductors", "both", "massage-ball", 45),
        ],
    ),
)


def fill(path: Path, *, days: int, per_day: float, today: date, seed: int = 7) -> int:
    """Add about ``days * per_day`` sessions ending ``today``; returns how many."""
    rng = random.Random(seed)
    store = HistoryStore(path, app_version="0.1.0")
    # Soreness is rated per side, as on the map: each side eases on its own.
    soreness = {
        place: rng.randint(5, 8)
        for _, steps in ROUTINES
        for region_id, side, *_ in steps
        for place in _places(region_id, side)
    }
    sessions = steps_rows = 0
    with store.transaction() as conn:
        for offset in range(days, -1, -1):
            day = today - timedelta(days=offset)
            count = int(per_day) + (1 if rng.random() < per_day - int(per_day) else 0)
            if rng.random() < 0.15:
                count = 0  # some days off
            for n in range(count):
                title, plan = ROUTINES[rng.randrange(len(ROUTINES))]
                start = datetime(
                    day.year, day.month, day.day, 7 + 5 * n, rng.randrange(60), tzinfo=UTC
                ) + timedelta(hours=rng.choice((0, 10)))
                planned = sum(s * (2 if side == "both" else 1) for _, side, _, s in plan)
                status = rng.choices(("completed", "stopped", "interrupted"), (90, 7, 3))[0]
                cursor = conn.execute(
                    "INSERT INTO sessions (uuid, routine_title, routine_snapshot, started_at, "
                    "ended_at, planned_seconds, done_seconds, status, app_version, feeling, notes) "
                    "VALUES (?, ?, '', ?, ?, ?, 0, ?, '0.1.0', ?, '')",
                    (
                        str(uuid.UUID(int=rng.getrandbits(128))),
                        title,
                        to_text(start),
                        to_text(start + timedelta(seconds=planned + 60)),
                        planned,
                        status,
                        rng.choice((None, 3, 4, 4, 5)),
                    ),
                )
                session_id = cursor.lastrowid
                done = 0
                clock = start
                for position, (region_id, side, tool, seconds) in enumerate(plan):
                    work = seconds * (2 if side == "both" else 1)
                    skipped = rng.random() < 0.05 or (status != "completed" and position >= 2)
                    actual = 0 if skipped else max(5, work + rng.randint(-10, 5))
                    clock += timedelta(seconds=actual + 10)
                    done += actual
                    conn.execute(
                        "INSERT INTO steps (session_id, position, region, side, technique, tool, "
                        "planned_seconds, actual_seconds, skipped, ended_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            session_id,
                            position,
                            region_id,
                            side or "",
                            f"{region_id}.{tool}",
                            tool,
                            work,
                            actual,
                            int(skipped),
                            to_text(clock),
                        ),
                    )
                    steps_rows += 1
                conn.execute(
                    "UPDATE sessions SET done_seconds = ? WHERE id = ?", (done, session_id)
                )
                skipped_any = conn.execute(
                    "SELECT count(*) FROM steps WHERE session_id = ? AND skipped = 1",
                    (session_id,),
                ).fetchone()[0]
                if status == "completed" and skipped_any:
                    conn.execute(
                        "UPDATE sessions SET status = 'partly_done' WHERE id = ?", (session_id,)
                    )
                if rng.random() < 0.8:
                    rated = [
                        p for region_id, side, *_ in plan[:3] for p in _places(region_id, side)
                    ]
                    for region_id in rated:
                        level = soreness[region_id]
                        before = min(10, max(0, level + rng.randint(-1, 1)))
                        after = max(0, before - rng.choice((1, 2, 2, 3, 3, 4)))
                        conn.executemany(
                            "INSERT INTO soreness (session_id, moment, region, rating) "
                            "VALUES (?, ?, ?, ?)",
                            [
                                (session_id, "before", region_id, before),
                                (session_id, "after", region_id, after),
                            ],
                        )
                        # Regular massage eases the baseline a little, flare-ups raise it.
                        if rng.random() < 0.3:
                            soreness[region_id] = max(1, level - 1)
                        elif rng.random() < 0.08:
                            soreness[region_id] = min(9, level + 2)
                sessions += 1
    store.close()
    return sessions
