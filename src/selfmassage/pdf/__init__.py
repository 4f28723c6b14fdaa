"""PDFs for people: the client handout and the adherence report (QtGui, no widgets)."""
