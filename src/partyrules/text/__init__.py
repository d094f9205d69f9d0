"""Every sentence partyrules shows, in Vietnamese (``vi``) and English (``en``).

- :mod:`partyrules.text.catalogue`: the message catalogue and the language in use; it imports
  nothing else of partyrules, so every layer may word its errors with it;
- :mod:`partyrules.text.explain`: evaluations and traces in words;
- :mod:`partyrules.text.framework`: a framework's summary and what differs from its parent;
- :mod:`partyrules.text.facts`: the facts reference of a framework, as Markdown.

This package's ``__init__`` imports nothing, so that importing the catalogue stays cheap.
"""
