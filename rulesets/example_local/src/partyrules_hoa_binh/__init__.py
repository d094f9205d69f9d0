"""Hòa Bình ward's criteria for partyrules: an example of a local committee's package (invented).

Nothing here is imported by partyrules: it is found through the entry points of the group
``partyrules.rulesets`` declared in this package's ``pyproject.toml``:

- ``hoa-binh.admission``: :data:`partyrules_hoa_binh.admission.RULESETS`, a rule that reads a
  fact computed by a Python function (what a framework file cannot write);
- ``hoa-binh-admission``: :func:`partyrules_hoa_binh.framework.admission_framework`, the
  reference framework ``fourgood`` with that rule;
- ``hoa-binh-ward``: the ward's framework files, one per period, in ``frameworks/``.
"""
