"""Renderers: read one AuditResult, never recompute."""
