"""Readers and writers at the edges: YAML/JSON input files, JSON/CSV/XLSX output, atomically."""

from .files import read_data, write_atomic

__all__ = ["read_data", "write_atomic"]
