"""The ward's framework files (``frameworks/*.toml``), registered through an entry point."""

from __future__ import annotations

from partyrules.frameworkfile import framework_files

FRAMEWORK_FILES = framework_files(__package__ or "partyrules_hoa_binh")
