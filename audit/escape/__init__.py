"""Escaping for each destination of corpus text, one module per destination."""
