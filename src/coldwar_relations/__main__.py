"""``python -m coldwar_relations``: the command line, where the console script is not on the PATH."""

from coldwar_relations.cli import main

main()
