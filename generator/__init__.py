"""Samenwerkingscatalogus generator: content/ (YAML) -> Markdown pages -> static site.

Stages, each its own module: sources -> model -> catalogue -> pages -> render -> output;
`build` strings them together and `cli` is the command line.
"""
