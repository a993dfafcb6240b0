"""Data shipped with the package for `audit eval`: hand-labelled PolNeAR source kinds (article ids, offsets
and labels only, no PolNeAR text) under kinds/, and the clean, well-sourced passages under clean/."""
