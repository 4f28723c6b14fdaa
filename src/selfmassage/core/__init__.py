"""The domain of SelfMassage in plain Python: no Qt, no speech engine, no widgets."""
