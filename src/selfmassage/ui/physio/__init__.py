"""For physiotherapists and their clients: editor, prescriptions, reports."""
