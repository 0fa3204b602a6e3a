"""MkDocs hook: generate the site's pages from datapackage.json and data/ at build time.

MkDocs loads this file with its folder on the import path, so the generators beside it are
imported here as ordinary modules; each writes its pages through mkdocs-gen-files's editor.
"""

from __future__ import annotations

import tempfile

import gen_crises
import gen_dictionary
import gen_download
import gen_pages
import gen_pairs
import gen_plots
from mkdocs_gen_files.editor import FilesEditor

GENERATORS = (gen_dictionary, gen_download, gen_plots, gen_crises, gen_pairs, gen_pages)  # gen_pages fills markers last
_BUILD_DIR: tempfile.TemporaryDirectory | None = None


def on_files(files, config):
    global _BUILD_DIR
    _BUILD_DIR = tempfile.TemporaryDirectory(prefix="coldwar-docs-")
    with FilesEditor(files, config, _BUILD_DIR.name) as editor:
        for generator in GENERATORS:
            generator.main()
    return editor.files


def on_post_build(config):
    if _BUILD_DIR is not None:
        _BUILD_DIR.cleanup()
