"""The questions of the day answered "no", as the window's check before Start leaves
them: ``selfmassage run`` wants them answered before the day's first session."""

ANSWERED_TODAY = (
    "--answer",
    "fever-or-infection=no",
    "--answer",
    "acute-injury=no",
    "--answer",
    "hot-swollen-calf=no",
)
