"""provenance-audit: audit how news claims are sourced."""
__version__ = "0.1.0"
