"""Office of the Historian (history.state.gov) sources -> tidy tables.

Why: the U.S. record of chiefs of mission, presidential and secretarial trips,
foreign leaders' visits and recognition / relations events is the most complete
primary source for U.S. representation with every state. These modules read the
upstream XML/TEI as published (``hsg/`` under the shared reference folder) and
return pandas DataFrames keyed to this package's ``country_id`` through a
curated, dated crosswalk (``pipeline/curated/hsg_crosswalk.csv``).

Requires lxml (declared in the ``test`` extra, which the build uses).
"""
