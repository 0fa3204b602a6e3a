"""Which engine checks the Table Schemas: a fact the CLI shows without importing the validator."""

ENGINES = ("auto", "frictionless", "vectorized")
# above this many data rows Frictionless's row-by-row checks take minutes; the vectorised
# Table Schema checks give the same rules in seconds
AUTO_THRESHOLD_ROWS = 100_000
