"""The Home page: the body map, what is picked, and the routine options."""
