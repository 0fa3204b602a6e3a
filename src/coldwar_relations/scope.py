"""The period the dataset covers: one place for the dates every build step and rule uses."""

CORE_START = "1945-01-01"  # the core period, complete for states, leaders and crises
CORE_END = "1991-12-31"
SCOPE_START = "1917-01-01"  # country pairs in scope, and their leaders, are followed from here
FIRST_YEAR = 1917
LAST_FULL_YEAR = 2025  # the last complete calendar year: relations and panels stop here
