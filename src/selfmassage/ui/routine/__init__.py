"""The Routine page: the routine built or opened, to adjust and start."""
