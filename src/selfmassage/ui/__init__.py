"""Qt widgets: thin, they show state and forward intent."""
