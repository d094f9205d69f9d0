"""A kind's common case as one generated Python function.

Most subjects give every fact their rules read, valid, and list no children.  For them the
evaluator runs one function generated from the kind's validated rules, as attrs and
dataclasses generate ``__init__``: it checks the facts, evaluates every condition (or asks the
durable engine), scores the dimensions and decides, in straight-line code.  Whatever it does not
handle (a fact missing or invalid, a derived fact given, listed children) it hands back, and
the general path (:mod:`partyrules.evaluator`) evaluates the subject instead, reporting every
problem; a test checks that both paths give equal evaluations.

Safety: the generated source contains only identifiers made up here (``v3``, ``K7``, ``N2``) and
operators from a fixed table.  Every fact name, constant, choice and rule id is passed in as a
value in the function's namespace, never written as text, so nothing from a framework file or
an input can reach the source.  :attr:`FastPath.source` shows it.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

from ._source import _Source
from .compiled import APPLIES, CompiledKind
from .conditions import Compare, Condition, In, Leaf, fold
from .engine._durable_json import ENCODERS, INT_LIMIT
from .evidence import Evidence, rule_ids
from .facts import Facts, FactType
from .model import DimensionResult
from .policy import Policy
from .regimes import REGIME_FACT, Base, Regime, Regime366
from .results import Evaluation, FrameworkRef
from .scoring import Verdict, decide, score_dimension

__all__ = ["CACHE_SIZE", "FastPath"]

#: How many entries each cache keeps before it starts again (all entries are immutable).
CACHE_SIZE = 4096
#: The magnitude beyond which an integer given for a float fact is left to the general path.
_FLOAT_RANGE = 2.0**1023
_OPS = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "==": "==", "!=": "!="}
_EMPTY: frozenset[str] = frozenset()


class FastPath:
    """The generated function of one kind under one regime (one per evaluator and thread)."""

    def __init__(
        self,
        compiled: CompiledKind,
        regime: Regime,
        policy: Policy,
        ref: FrameworkRef,
        backend: str,
        version: str,
    ) -> None:
        self.compiled = compiled
        self.regime = regime
        self.policy = policy
        self.dimension_caches: list[dict[int, DimensionResult]] = [{} for _ in compiled.dimensions]
        self.bases: dict[Any, tuple[Base, int]] = {}
        self.verdicts: dict[tuple[int, ...], Verdict] = {}
        self._tokens = 0
        source = _Source()
        self._generate(source, ref, backend, version)
        self.source = "\n".join(source.lines) + "\n"
        namespace = dict(source.values)
        exec(compile(self.source, f"<partyrules fast path: {compiled.view.kind.value}>", "exec"), namespace)
        self.run: Callable[[Any], Evaluation | None] = namespace["fast"]

    # -- the caches the generated code calls on a miss -------------------------------------------

    def _dimension(self, index: int, key: int, met: int, not_applicable: int) -> DimensionResult:
        compiled = self.compiled
        result = score_dimension(
            compiled.dimensions[index],
            rule_ids(compiled.rule_ids, met),
            _EMPTY,
            rule_ids(compiled.rule_ids, not_applicable),
            self.policy.bands,
        )
        cache = self.dimension_caches[index]
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        cache[key] = result
        return result

    def _base(self, key: Any, facts: Mapping[str, Any], dimensions: tuple[DimensionResult, ...]) -> tuple[Base, int]:
        base = self.regime.base(self.compiled.view.grading, facts, dimensions, self.policy.unknown)
        if len(self.bases) >= CACHE_SIZE:
            self.bases.clear()
        self._tokens += 1  # a token is never reused, so a verdict cached for a base stays right
        entry = self.bases[key] = (base, self._tokens)
        return entry

    def _verdict(self, key: tuple[int, ...], base: Base, dimensions: tuple[DimensionResult, ...], met: int) -> Verdict:
        compiled = self.compiled
        verdict = decide(base, dimensions, rule_ids(compiled.rule_ids, met), compiled.sanctions, self.policy)
        if len(self.verdicts) >= CACHE_SIZE:
            self.verdicts.clear()
        self.verdicts[key] = verdict
        return verdict

    # -- generation --------------------------------------------------------------------------------

    def _dead(self) -> frozenset[str]:
        """The rules that cannot apply under this regime: their applicability reads only the
        regime and does not hold for it (a 124-only rule under 366)."""
        return self.compiled.not_applicable_under(self.regime.name)

    def _generate(self, out: _Source, ref: FrameworkRef, backend: str, version: str) -> None:
        compiled = self.compiled
        view = compiled.view
        schema = view.schema
        derived = {item.name: item for item in schema.derived}
        self.dead = dead = self._dead()
        # the facts the live rules and the grading read must be given; those only a dead rule
        # reads may be missing (checked when given), as the general path would find the rule
        # not applicable either way
        live = set(view.grading.facts).union(
            *(info.reads | info.applies_reads for info in compiled.infos if info.rule.id not in dead)
        )
        needed = set(compiled.recorded) & live
        for item in reversed(schema.derived):  # the inputs of a needed derived fact are needed
            if item.name in needed:
                needed.update(item.inputs)
        optional = [name for name in compiled.recorded if name not in needed]
        self.optional = frozenset(optional)
        names = out.value(
            "NAMES", frozenset(name for name in schema.names if name not in derived and name != REGIME_FACT)
        )
        var: dict[str, str] = {}
        out.lines.append("def fast(subject):")
        out.add("d = subject.facts._data")
        out.add(f"if not d.keys() <= {names}:")
        out.add("return None", 2)
        out.add("g = d.get")
        declared = [spec for spec in schema.facts if spec.name not in derived and spec.name != REGIME_FACT]
        required = [spec for spec in declared if spec.name in needed]
        for spec in declared:
            var[spec.name] = f"v{len(var)}"
        if required:  # every needed fact at once (a missing one: KeyError, the general path)
            get = out.value("GET", operator.itemgetter(*(spec.name for spec in required)))
            targets = ", ".join(var[spec.name] for spec in required) + ("," if len(required) == 1 else "")
            out.add("try:")
            out.add(f"{targets} = {get}(d)" if len(required) > 1 else f"{targets} = ({get}(d),)", 2)
            out.add("except KeyError:")
            out.add("return None", 2)
            tests = [t for spec in required if (t := self._test_value(out, var[spec.name], spec))]
            if tests:
                out.add(f"if not ({' and '.join(tests)}):")
                out.add("return None", 2)
            for spec in required:
                if spec.type is FactType.FLOAT:
                    for line in self._float(out, var[spec.name], spec):
                        out.add(line)
        for spec in declared:
            if spec.name in needed:
                continue
            v = var[spec.name]
            out.add(f"{v} = g({out.value('N', spec.name)})")
            test = self._test_value(out, v, spec)
            if test:
                out.add(f"if {v} is not None and not ({test}):")
                out.add("return None", 2)
            if spec.type is FactType.FLOAT:
                out.add(f"if {v} is not None:")
                for line in self._float(out, v, spec):
                    out.add(line, 2)
        for constraint in schema.constraints:
            parts = [var[name] for name in constraint.parts if name in var]
            if len(parts) != len(constraint.parts) or constraint.total not in var:
                continue
            present = " and ".join(f"{p} is not None" for p in (*parts, var[constraint.total]))
            out.add(f"if {present} and {' + '.join(parts)} > {var[constraint.total]}:")
            out.add("return None", 2)
        if REGIME_FACT in schema:
            out.add(f"if {out.value('N', REGIME_FACT)} in d:")
            out.add("return None", 2)
            var[REGIME_FACT] = out.value("REGIME", self.regime.name)
        for item in schema.derived:
            out.add(
                f"if {out.value('N', item.name)} in d:"
            )  # given with its inputs: the general path checks they agree
            out.add("return None", 2)
            v = var[item.name] = f"v{len(var)}"
            if any(name not in var for name in item.inputs):
                out.add(f"{v} = None")
                continue
            inputs = [var[name] for name in item.inputs]
            missing = " or ".join(f"{i} is None" for i in inputs)
            out.add(f"{v} = None if {missing} else {out.value('DERIVE', item.compute)}({', '.join(inputs)})")
            if item.name in needed:
                out.add(f"if {v} is None:")
                out.add("return None", 2)
        facts = ", ".join(f"{out.value('N', name)}: {var[name]}" for name in compiled.recorded)
        out.add(f"facts = {{{facts}}}")
        for name in optional:  # a fact left out is not recorded (the general path's order kept)
            out.add(f"if {var[name]} is None:")
            out.add(f"del facts[{out.value('N', name)}]", 2)
        sure = {name for name in needed if name in var} | ({REGIME_FACT} if REGIME_FACT in var else set())
        self._conditions(out, var, backend, sure)
        self._decision(out, var)
        evidence, evaluation = out.value("EVIDENCE", Evidence), out.value("EVALUATION", Evaluation)
        rules, facts_type = out.value("RULES", compiled.rule_ids), out.value("FACTS", Facts.adopt)
        out.add(
            f"evidence = {evidence}({facts_type}(facts), {rules}, met, 0, na, met, base, verdict.sanctions, "
            "verdict.grade_blockers, verdict.four_good_blockers)"
        )
        kind, regime = out.value("KIND", view.kind), out.value("REGIME", self.regime.name)
        ref_name, backend_name, version_name = (
            out.value("REF", ref),
            out.value("BACKEND", backend),
            out.value("VERSION", version),
        )
        out.add(
            f"return {evaluation}(subject.id, {kind}, subject.period, verdict.grade, verdict.four_good, base.score, "
            f"dims, {regime}, {backend_name}, {ref_name}, evidence, True, verdict.graded, subject.name, (), {version_name})"
        )

    @staticmethod
    def _test_value(out: _Source, v: str, spec: Any) -> str:
        """An expression true when ``v`` is a valid value of ``spec`` (floats: see :meth:`_float`)."""
        if spec.type is FactType.BOOL:
            return f"type({v}) is bool"
        if spec.type is FactType.STR:
            return f"{v} in {out.value('C', frozenset(spec.choices))}" if spec.choices else f"type({v}) is str"
        if spec.type is FactType.FLOAT:
            return ""
        test = f"type({v}) is int"
        if spec.minimum is not None:
            test += f" and {v} >= {out.value('B', spec.minimum)}"
        if spec.maximum is not None:
            test += f" and {v} <= {out.value('B', spec.maximum)}"
        return test

    @staticmethod
    def _float(out: _Source, v: str, spec: Any) -> list[str]:
        """The lines that turn ``v`` into a float, handing back a value that is not a finite
        number in range."""
        big = out.value("BIG", _FLOAT_RANGE)
        lines = [
            f"if type({v}) is int and -{big} <= {v} <= {big}:",
            f"    {v} = float({v})",
            f"elif type({v}) is not float or {v} - {v} != 0:",
            "    return None",
        ]
        for bound, op in ((spec.minimum, "<"), (spec.maximum, ">")):
            if bound is not None:
                lines += [f"if {v} {op} {out.value('B', bound)}:", "    return None"]
        return lines

    def _conditions(self, out: _Source, var: dict[str, str], backend: str, sure: set[str]) -> None:
        """``met`` and ``na``: the masks of the rules met and of those not applicable; ``sure``
        names the facts whose variables hold a validated value (never ``None``)."""
        compiled = self.compiled
        if backend == "durable":
            # what fired, read once into masks: a rule met unless its applicability did not fire
            # one mask of what fired: bit i is rule i's condition, bit n + i its applicability
            count = len(compiled.infos)
            bits = {info.rule.id: 1 << index for index, info in enumerate(compiled.infos)}
            applies = {  # the regime-gated rules' applicability is known here: see na below
                info.rule.id + APPLIES: 1 << (count + index)
                for index, info in enumerate(compiled.infos)
                if info.applies is not None and not info.gated
            }
            engine: Any = compiled.engine
            table = out.value("TABLE", engine.mask_table({**bits, **applies}))
            shards = engine.shard_fields()
            if all(name in sure or name in self.optional for fields in shards for name, _, _ in fields):
                # every value it reads is validated here: write durable_rules' facts directly
                bodies = [self._body(out, var, fields) for fields in shards]
                fire = out.value("FIRE", engine.fired_mask_written)
                out.add("try:")
                out.add(f"fired = {fire}(({''.join(b + ', ' for b in bodies)}), {table})", 2)
                out.add("except TypeError:")  # a derived value of another type: the general path says so
                out.add("return None", 2)
            else:
                fire = out.value("FIRE", engine.fired_mask)
                out.add(f"fired = {fire}(facts, {table})")
            all_rules, with_applies = (1 << count) - 1, sum(applies.values()) >> count
            dead = sum(1 << index for index, info in enumerate(compiled.infos) if info.rule.id in self.dead)
            out.add(f"na = {out.value('AM', with_applies)} & ~(fired >> {count}) | {out.value('DEAD', dead)}")
            out.add(f"met = fired & {out.value('ALL', all_rules)} & ~na")
            return
        out.add("met = 0")
        out.add("na = 0")
        for index, info in enumerate(compiled.infos):
            bit = out.value("BIT", 1 << index)
            if info.rule.id in self.dead:
                out.add(f"na |= {bit}")
                continue
            when = self._test(out, var, info.when)
            if info.applies is None or info.gated:  # gated and not dead: it applies here
                out.add(f"if {when}:")
                out.add(f"met |= {bit}", 2)
                continue
            out.add(f"if {self._test(out, var, info.applies)}:")
            out.add(f"if {when}:", 2)
            out.add(f"met |= {bit}", 3)
            out.add("else:")
            out.add(f"na |= {bit}", 2)

    def _body(self, out: _Source, var: dict[str, str], fields: tuple[tuple[str, str, str], ...]) -> str:
        """The expression of one durable shard's fact text (after its identity), written from
        the validated variables exactly as the engine's encoders write them."""
        schema = self.compiled.view.schema
        parts = []
        for name, prop, kind in fields:
            v = var[name]
            spec = schema.spec(name)
            if kind == "bool":
                value = f"({out.value('ONE', '1')} if {v} else {out.value('ZERO', '0')})"
            elif (
                kind == "int"
                and spec is not None
                and spec.minimum is not None
                and spec.maximum is not None
                and -INT_LIMIT <= spec.minimum
                and spec.maximum <= INT_LIMIT
            ):
                value = f"str({v})"  # an int within 64 bits, as the int encoder writes it
            else:
                value = f"{out.value('ENC', ENCODERS[kind])}({v})"
            if name in self.optional:  # read by rules that cannot apply here: written when given
                parts.append(f"({out.value('P', prop)} + {value} if {v} is not None else '')")
            else:
                parts.append(f"{out.value('P', prop)} + {value}")
        parts.append(out.value("END", "}"))
        return "(" + " + ".join(parts) + ")"

    @staticmethod
    def _test(out: _Source, var: dict[str, str], condition: Condition) -> str:
        """A condition as an expression over the fact variables, its constants in the namespace."""

        def leaf(node: Leaf) -> str:
            if isinstance(node, In):
                return f"({var[node.fact]} in {out.value('K', frozenset(node.values))})"
            assert isinstance(node, Compare)
            return f"({var[node.fact]} {_OPS[node.op]} {out.value('K', node.value)})"

        return fold(
            condition,
            leaf=leaf,
            all_=lambda items: "(" + " and ".join(items) + ")",
            any_=lambda items: "(" + " or ".join(items) + ")",
            not_=lambda item: f"(not {item})",
        )

    def _decision(self, out: _Source, var: dict[str, str]) -> None:
        """The dimensions (cached by the masks of their rules), the base grade and the verdict."""
        compiled = self.compiled
        width = max(1, len(compiled.rule_ids))
        keys = []
        dims = []
        for index, spec in enumerate(compiled.dimensions):
            counted = sum(1 << compiled.rule_ids.index(r) for r in (*spec.points, *spec.vetoes))
            scoring = sum(1 << compiled.rule_ids.index(r) for r in spec.points)
            key, dim = f"k{index}", f"r{index}"
            out.add(f"{key} = (met & {out.value('DM', counted)}) | ((na & {out.value('DN', scoring)}) << {width})")
            cache = out.value("DC", self.dimension_caches[index])
            out.add(f"{dim} = {cache}.get({key})")
            out.add(f"if {dim} is None:")
            out.add(f"{dim} = {out.value('DIM', self._dimension)}({index}, {key}, met, na)", 2)
            keys.append(key)
            dims.append(dim)
        out.add(f"dims = ({''.join(d + ', ' for d in dims)})")
        grading = compiled.view.grading
        if isinstance(self.regime, Regime366) and grading.score_facts:
            # the same sum as the regime's (0 + a + b, in the facts' order)
            out.add(f"bkey = 0 + {' + '.join(var[name] for name in grading.score_facts)}")
        elif grading.criteria_facts and not isinstance(self.regime, Regime366):
            out.add(f"bkey = ({''.join(var[name] + ', ' for name in grading.criteria_facts)})")
        else:
            out.add(f"bkey = ({''.join(k + ', ' for k in keys)})")
        bases = out.value("BC", self.bases)
        out.add(f"entry = {bases}.get(bkey)")
        out.add("if entry is None:")
        out.add(f"entry = {out.value('BASE', self._base)}(bkey, facts, dims)", 2)
        out.add("base, token = entry")
        sanctions = out.value(
            "SM", sum(1 << compiled.rule_ids.index(r) for r in (*compiled.sanction_ids, *compiled.sanctions.excludes))
        )
        out.add(f"vkey = (token, {''.join(k + ', ' for k in keys)}met & {sanctions})")
        verdicts = out.value("VC", self.verdicts)
        out.add(f"verdict = {verdicts}.get(vkey)")
        out.add("if verdict is None:")
        out.add(f"verdict = {out.value('VERDICT', self._verdict)}(vkey, base, dims, met)", 2)
