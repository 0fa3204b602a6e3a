"""Build scripts: upstream reference data -> ``data/`` tables -> ``datapackage.json``."""
