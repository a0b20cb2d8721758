"""Browser tests of the served site (see conftest.py)."""
