"""Measured accuracy: attribution on real annotated news (PolNeAR), source kinds, false alarms on clean text.

`audit eval polnear DIR` (see cli.py) runs the real pipeline and prints the figures; docs/accuracy.md
reports them. Nothing here ships data: every corpus is read from a path given at run time.
"""
