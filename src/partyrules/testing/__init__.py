"""Helpers for testing rulesets, frameworks and engines built on partyrules.

The modules of this package need `hypothesis <https://hypothesis.readthedocs.io>`_, a test
dependency; importing ``partyrules.testing`` itself loads none of them, so import the one you
need explicitly:

- :mod:`partyrules.testing.strategies`: every strategy: valid subjects of a framework, fact
  values, schemas, condition trees, facts maps, and random rules, rulesets and frameworks;
- :mod:`partyrules.testing.audit`: audit properties of a framework, with shrunk counterexamples;
- :mod:`partyrules.testing.pytest_plugin`: the ``partyrules_audit`` fixture (pytest loads it
  through its ``pytest11`` entry point; it imports hypothesis only when used).

:mod:`partyrules.testing.audit` is a package with one module per property; its report (text and
counterexample files) is :mod:`partyrules.testing.audit.report`.
"""
