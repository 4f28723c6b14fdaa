"""The History page: past sessions, charts, body maps and insight."""
