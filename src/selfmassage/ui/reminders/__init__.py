"""Reminders, the tray, the Today card and the Reminders dialog."""
