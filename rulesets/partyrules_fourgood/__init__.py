"""The reference Four-Good framework of partyrules, encoding docs/domain.md.

Its rulesets are registered through the entry-point group ``partyrules.rulesets`` and loaded
only through a :class:`partyrules.Registry`; nothing in ``partyrules`` imports this package.
"""
