"""Shared test settings: hypothesis profiles. `HYPOTHESIS_PROFILE=thorough pytest` runs 10x more
examples of every property; the `course` profile keeps the suite quick."""

import os

from hypothesis import HealthCheck, settings

# no deadline: the first example of a test pays for imports, and graphs vary a lot in size
settings.register_profile("course", deadline=None, max_examples=100,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", parent=settings.get_profile("course"), max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "course"))
