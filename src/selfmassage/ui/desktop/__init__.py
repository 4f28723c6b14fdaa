"""The app and the desktop: one instance, files handed over, signals, crashes."""
