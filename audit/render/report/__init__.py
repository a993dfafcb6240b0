"""The sections of the Markdown audit report, one module each, over one shared index of the result."""
