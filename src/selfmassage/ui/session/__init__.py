"""The Session page: the countdown, the cues, the ratings around a session."""
