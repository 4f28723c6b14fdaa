"""Safety: the screening questions and the cautions kept in view."""
