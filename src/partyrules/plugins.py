"""Entry-point discovery of rulesets and frameworks into a :class:`Registry`.

A distribution registers objects under the entry-point group ``partyrules.rulesets``: a
:class:`~partyrules.Ruleset`, a :class:`~partyrules.Framework`, a tuple or list of them, a
factory ``f(registry) -> Framework`` (so that a framework can take its rulesets from the
registry rather than importing them), or framework files
(:func:`partyrules.frameworkfile.framework_files`).  Set ``PARTYRULES_DISABLE_PLUGIN_AUTOLOAD=1``
to start without any plugin, or block single plugins as pytest's ``-p no:NAME`` does
(``Registry(block=["NAME"])``, ``partyrules -p no:NAME``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from importlib.metadata import Distribution, EntryPoint, distributions
from pathlib import Path
from typing import Any

from .errors import (
    DuplicatePluginError,
    FrameworkError,
    InputError,
    Origin,
    PartyrulesError,
    PluginError,
    PluginErrors,
    PluginImportError,
    PluginTypeError,
    UnknownNameError,
)
from .frameworkfile import FrameworkFile, LoadedFile, read_framework_file
from .frameworks import Framework
from .problems import Problem, Scope
from .rulesets import Ruleset
from .text.catalogue import Message, msg

__all__ = ["DEFAULT_FRAMEWORK", "DISABLE_ENV", "GROUP", "Origin", "Registry", "is_framework_file"]

GROUP = "partyrules.rulesets"
DISABLE_ENV = "PARTYRULES_DISABLE_PLUGIN_AUTOLOAD"


#: The framework used when none is named.
DEFAULT_FRAMEWORK = "fourgood"


def is_framework_file(spec: str) -> bool:
    """Whether ``spec`` names a framework file (it ends in ``.toml``, or is an existing file)
    rather than an installed framework."""
    return spec.endswith(".toml") or Path(spec).is_file()


def _plugin_error(
    cls: type[PluginError], origin: Origin, message: Message, cause: BaseException | None = None
) -> PluginError:
    error = cls(message, origin=origin)
    error.__cause__ = cause
    return error


def _autoload_default() -> bool:
    return os.environ.get(DISABLE_ENV, "").strip().lower() not in ("1", "true", "yes", "on")


class Registry:
    """Rulesets and frameworks known to this process: discovered, added, or read from files.

    >>> registry = Registry(autoload=False)
    >>> registry.ruleset_names()
    ()

    ``autoload`` (default: true unless ``PARTYRULES_DISABLE_PLUGIN_AUTOLOAD`` is set) discovers
    entry points on first look-up; ``path`` searches those directories instead of ``sys.path``;
    ``block`` skips the entry points of those names, or all those of those distributions (as
    pytest's ``-p no:NAME``).  ``strict`` (default) raises
    :class:`~partyrules.errors.PluginErrors` when a plugin is broken; otherwise broken plugins are
    only listed in :attr:`errors`.  Adding an object (:meth:`add`) never triggers discovery.
    """

    def __init__(
        self,
        *,
        autoload: bool | None = None,
        path: Sequence[str] | None = None,
        strict: bool = True,
        block: Iterable[str] = (),
    ) -> None:
        self.autoload = _autoload_default() if autoload is None else autoload
        self.path = list(path) if path is not None else None
        self.strict = strict
        self.block = frozenset(block)
        self.errors: tuple[PluginError, ...] = ()
        self._rulesets: dict[str, tuple[Ruleset, Origin]] = {}
        self._frameworks: dict[tuple[str, str], tuple[Framework, Origin]] = {}
        self._loaded = not self.autoload

    # -- registration ---------------------------------------------------------------------------

    def add(self, item: Ruleset | Framework | Iterable[Ruleset | Framework], *, origin: Origin | None = None) -> None:
        """Register a ruleset or a framework (or several) by hand; this does not discover plugins."""
        errors = self._register(item, origin or Origin.added(getattr(item, "name", "?")))
        if errors:
            raise PluginErrors(errors)

    def _register(self, item: Any, origin: Origin) -> list[PluginError]:
        if isinstance(item, list | tuple):
            errors = []
            for element in item:
                errors.extend(self._register(element, origin))
            return errors
        if isinstance(item, Ruleset):
            held = self._rulesets.get(item.name)
            if held is not None:
                if held[1].distribution != origin.distribution or held[0] != item:
                    return [self._duplicate("ruleset", item.name, held[1], origin)]
                return []  # the same object listed twice by one distribution
            self._rulesets[item.name] = (item, origin)
            return []
        if isinstance(item, Framework):
            key = (item.name, item.version)
            held_fw = self._frameworks.get(key)
            if held_fw is not None:
                if held_fw[1].distribution != origin.distribution or held_fw[0] != item:
                    return [self._duplicate("framework", f"{item.name} {item.version}", held_fw[1], origin)]
                return []
            self._frameworks[key] = (item, origin)
            return []
        return [_plugin_error(PluginTypeError, origin, msg("plugin.not_a_plugin", type=type(item).__name__))]

    @staticmethod
    def _duplicate(what: str, name: str, held: Origin, origin: Origin) -> PluginError:
        message = msg(
            "plugin.duplicate",
            what=msg(f"noun.{what}"),
            name=repr(name),
            holder=held.holder(),
            plugin=repr(held.plugin),
        )
        return _plugin_error(DuplicatePluginError, origin, message)

    # -- discovery ------------------------------------------------------------------------------

    def _entry_points(self) -> list[tuple[EntryPoint, Distribution]]:
        found = []
        seen: set[str] = set()
        dists = distributions(path=self.path) if self.path is not None else distributions()
        for dist in dists:
            name = (dist.metadata["Name"] or "").lower().replace("_", "-")
            if name in seen:
                continue
            seen.add(name)
            for ep in dist.entry_points:
                if ep.group == GROUP and not self._blocked(ep.name, dist.metadata["Name"] or ""):
                    found.append((ep, dist))
        return sorted(found, key=lambda pair: (pair[1].metadata["Name"] or "", pair[0].name))

    def _blocked(self, plugin: str, distribution: str) -> bool:
        return (
            plugin in self.block or distribution in self.block or distribution.lower().replace("_", "-") in self.block
        )

    def load(self) -> None:
        """Discover the entry points now; raise :class:`PluginErrors` listing every broken one."""
        self._loaded = True
        errors: list[PluginError] = []
        factories: list[tuple[Callable[[Registry], Any], Origin]] = []
        deferred: list[tuple[FrameworkFile, Origin]] = []
        for ep, dist in self._entry_points():
            origin = Origin(ep.name, ep.value, dist.metadata["Name"], dist.version)
            try:
                with _importable(self.path):
                    item = ep.load()
            except Exception as exc:  # a broken plugin must never stop discovery of the others
                message = msg("plugin.failed_to_load", error=f"{type(exc).__name__}: {exc}")
                errors.append(_plugin_error(PluginImportError, origin, message, exc))
                continue
            if callable(item) and not isinstance(item, type) and not isinstance(item, Ruleset | Framework):
                factories.append((item, origin))
                continue
            files = _files(item)
            if files:
                deferred.extend((f, origin) for f in files)
                continue
            errors.extend(self._register(item, origin))
        errors.extend(self._run_factories(factories))
        errors.extend(self._register_files(deferred))
        self.errors = tuple(errors)
        if errors and self.strict:
            raise PluginErrors(errors)

    def _run_factories(self, factories: list[tuple[Callable[[Registry], Any], Origin]]) -> list[PluginError]:
        """Call the factories; one that looks up a framework or ruleset another factory has not
        registered yet (UnknownNameError) is called again after the others, until none progresses."""
        pending = dict(enumerate(factories))
        failures: dict[int, Exception] = {}
        errors: list[PluginError] = []
        progress = True
        while pending and progress:
            progress = False
            for index, (factory, origin) in list(pending.items()):
                try:
                    item = factory(self)
                except UnknownNameError as exc:
                    failures[index] = exc
                    continue
                except Exception as exc:
                    del pending[index]
                    errors.append(self._factory_error(origin, exc))
                    continue
                del pending[index]
                progress = True
                errors.extend(self._register(item, origin))
        errors.extend(self._factory_error(origin, failures[index]) for index, (_, origin) in pending.items())
        return errors

    @staticmethod
    def _factory_error(origin: Origin, exc: Exception) -> PluginError:
        message = msg("plugin.factory_failed", error=f"{type(exc).__name__}: {exc}")
        return _plugin_error(PluginImportError, origin, message, exc)

    def _register_files(self, files: list[tuple[FrameworkFile, Origin]]) -> list[PluginError]:
        """Load framework files; a file may extend another file's framework, so retry until
        no more can be resolved, then report the rest."""
        pending = list(files)
        failures: dict[int, BaseException] = {}
        while pending:
            progress = False
            for entry in list(pending):
                file, origin = entry
                try:
                    framework = read_framework_file(file.path, resolve=self.framework).framework
                    self.check_periods(framework)
                except PartyrulesError as exc:
                    failures[id(entry)] = exc
                    continue
                pending.remove(entry)
                failures.pop(id(entry), None)
                errors = self._register(framework, origin)
                if errors:
                    failures[id(entry)] = PluginErrors(errors)
                progress = True
            if not progress:
                break
        result: list[PluginError] = []
        for entry in pending:
            file, origin = entry
            cause = failures.get(id(entry))
            message = msg("plugin.file_invalid", name=file.path.name, cause=cause)
            result.append(_plugin_error(PluginImportError, origin, message, cause))
        return result

    def check_periods(self, framework: Framework) -> None:
        """Raise :class:`FrameworkError` when ``framework``'s effective period overlaps that of
        another registered version of the same framework."""
        overlapping = [
            other.version
            for (name, version), (other, _) in self._frameworks.items()
            if name == framework.name and version != framework.version and _overlap(other, framework)
        ]
        if overlapping:
            scope = Scope("framework_version", framework.name, framework.version)
            message = msg("registry.periods_overlap", period=_period(framework), versions=", ".join(overlapping))
            raise FrameworkError(
                [Problem(message, (), scope, msg("registry.periods_hint"))],
                what=msg("what.framework", name=framework.name),
            )

    def add_file(self, path: str | os.PathLike[str]) -> Framework:
        """Read a framework file, register it, and return it (its periods must not overlap
        another version of the same framework)."""
        self._ensure_loaded()
        framework = read_framework_file(Path(path), resolve=self.framework).framework
        self.check_periods(framework)
        errors = self._register(framework, Origin(framework.name, str(path)))
        if errors:
            raise PluginErrors(errors)
        return framework

    def resolve(self, spec: str | None, *, year: int | None = None, version: str | None = None) -> Framework:
        """A framework by name (the version in force in ``year``, or ``version``) or by the path
        of a framework file; ``None`` is the default framework (``fourgood``)."""
        if spec is not None and not spec.strip():
            raise InputError([Problem(msg("registry.empty_spec"), (), Scope("option", "--framework"))])
        name = spec or DEFAULT_FRAMEWORK
        if is_framework_file(name):
            return self.read_file(Path(name)).framework
        return self.framework(name, version=version, year=year)

    def read_file(self, path: Path) -> LoadedFile:
        """Read a framework file whose ``extends`` resolves through this registry (without
        registering it): the :class:`~partyrules.frameworkfile.LoadedFile`."""
        self._ensure_loaded()
        return read_framework_file(path, resolve=self.framework)

    def _ensure_loaded(self) -> None:
        if not self._loaded:
            self.load()

    # -- look-ups -------------------------------------------------------------------------------

    def ruleset(self, name: str) -> Ruleset:
        self._ensure_loaded()
        try:
            return self._rulesets[name][0]
        except KeyError:
            raise UnknownNameError("ruleset", name, self._rulesets) from None

    def ruleset_names(self) -> tuple[str, ...]:
        self._ensure_loaded()
        return tuple(sorted(self._rulesets))

    def rulesets(self) -> tuple[tuple[Ruleset, Origin], ...]:
        """Every ruleset with where it came from, sorted by name."""
        self._ensure_loaded()
        return tuple(self._rulesets[name] for name in sorted(self._rulesets))

    def frameworks(self) -> tuple[tuple[Framework, Origin], ...]:
        """Every framework version with where it came from, sorted by name and period."""
        self._ensure_loaded()
        return tuple(
            self._frameworks[key]
            for key in sorted(self._frameworks, key=lambda k: (k[0], self._frameworks[k][0].effective_from or 0, k[1]))
        )

    def framework_names(self) -> tuple[str, ...]:
        self._ensure_loaded()
        return tuple(sorted({name for name, _ in self._frameworks}))

    def framework(self, name: str, *, version: str | None = None, year: int | None = None) -> Framework:
        """The framework ``name``: the named ``version``, else the version in force in ``year``,
        else the latest one."""
        self._ensure_loaded()
        versions = [fw for (n, _), (fw, _) in self._frameworks.items() if n == name]
        if not versions:
            raise UnknownNameError("framework", name, self.framework_names())
        if version is not None:
            for item in versions:
                if item.version == version:
                    return item
            raise UnknownNameError("framework_version", version, [v.version for v in versions], framework=name)
        if year is not None:
            in_force = [fw for fw in versions if fw.applies_to(year)]
            scope = Scope("framework", name)
            if len(in_force) > 1:
                message = msg(
                    "registry.versions_overlap", versions=", ".join(sorted(fw.version for fw in in_force)), year=year
                )
                raise FrameworkError(
                    [Problem(message, (), scope, msg("registry.versions_overlap_hint"))],
                    what=msg("what.framework", name=name),
                )
            if not in_force:
                periods = ", ".join(f"{fw.version}: {_period(fw)}" for fw in versions)
                message = msg("registry.none_in_force", year=year, periods=periods)
                raise FrameworkError([Problem(message, (), scope)], what=msg("what.framework", name=name))
            return in_force[0]
        return max(versions, key=lambda fw: (fw.effective_from or 0, fw.version))


def _files(item: Any) -> list[FrameworkFile]:
    if isinstance(item, FrameworkFile):
        return [item]
    if isinstance(item, list | tuple) and item and all(isinstance(i, FrameworkFile) for i in item):
        return list(item)
    return []


def _overlap(a: Framework, b: Framework) -> bool:
    start_a, end_a = a.effective_from or -(10**9), a.effective_to or 10**9
    start_b, end_b = b.effective_from or -(10**9), b.effective_to or 10**9
    return start_a <= end_b and start_b <= end_a


@contextmanager
def _importable(path: Sequence[str] | None) -> Iterator[None]:
    """Let an entry point found on ``path`` import its module from there, for the load only."""
    if path is None:
        yield
        return
    added = [entry for entry in path if entry not in sys.path]
    sys.path[:0] = added
    try:
        yield
    finally:
        for entry in added:
            try:
                sys.path.remove(entry)
            except ValueError:  # pragma: no cover - removed by the plugin itself
                pass


def _period(framework: Framework) -> str:
    start = framework.effective_from or "…"
    end = framework.effective_to or "…"
    return f"{start}–{end}"
