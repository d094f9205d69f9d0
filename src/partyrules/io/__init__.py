"""Readers and writers at the edges: input files unit by unit, results streamed, atomically."""

from .files import write_atomic
from .read import Unit, read_data, read_units

__all__ = ["Unit", "read_data", "read_units", "write_atomic"]
