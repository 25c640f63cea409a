"""Subgraph exports, one module per format (generate/parse are pure, write/read do the IO)."""
