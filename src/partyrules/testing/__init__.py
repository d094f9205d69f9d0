"""Helpers for testing rulesets, frameworks and engines built on partyrules.

The modules of this package need `hypothesis <https://hypothesis.readthedocs.io>`_, a test
dependency; importing ``partyrules.testing`` itself loads none of them, so import the one you
need explicitly:

- :mod:`partyrules.testing.strategies`: strategies for fact values, schemas, condition trees
  and facts maps, including adversarial values for engine testing;
- :mod:`partyrules.testing.subjects`: strategies for valid subjects of a framework;
- :mod:`partyrules.testing.audit`: audit properties of a framework, with shrunk counterexamples.
"""
