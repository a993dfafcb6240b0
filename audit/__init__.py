"""provenance-audit: audit how news claims are sourced."""
__version__ = "0.1.0"
TOOL_NAME = "provenance-audit"       # in every output that names its maker
HOMEPAGE = "https://github.com/OWNER/provenance-audit"      # SARIF informationUri; as in docs/github-actions.md
