"""The app's language: chosen at start, changed from View > Language."""
