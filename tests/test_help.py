"""``--help`` and click's own messages in Vietnamese and English: every command's help comes from
the catalogue in the language chosen (``--lang`` anywhere on the line, else the locale), and
click's words ("Usage:", "Missing argument", …) from a gettext catalogue that covers every
message of the installed click."""

from __future__ import annotations

import gettext
import os
import re
from pathlib import Path

import click
import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from partyrules.cli import main
from partyrules.clilang import LOCALE, Command, click_language, help_key, lang_given
from partyrules.text.catalogue import CATALOGUE
from support import commands

PO = LOCALE / "vi" / "LC_MESSAGES" / "messages.po"
MO = LOCALE / "vi" / "LC_MESSAGES" / "messages.mo"
EN = {"LANG": "en_US.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
VI = {"LANG": "vi_VN.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)s")


def invoke(args: list[str], env: dict[str, str]) -> click.testing.Result:
    return CliRunner().invoke(main, args, env=env)


def first_line(key: str, lang: str) -> str:
    """The first words of a catalogue text, as click wraps them (at most 5 words)."""
    text = CATALOGUE[key][0 if lang == "vi" else 1]
    return " ".join(text.split()[:5])


@pytest.mark.parametrize("path", [p for p, _, _ in commands()], ids=lambda p: " ".join(p) or "partyrules")
class TestEveryCommand:
    def test_vietnamese_under_a_vietnamese_locale(self, path: list[str]) -> None:
        """The command's text, its options' lines and click's headings are Vietnamese."""
        command = dict((tuple(p), c) for p, c, _ in commands())[tuple(path)]
        result = invoke([*path, "--help"], VI)
        assert 0 == result.exit_code
        text = " ".join(result.stdout.split())
        assert result.stdout.startswith("Cách dùng: ")
        assert "Tùy chọn:" in result.stdout and "Options:" not in result.stdout
        assert first_line(f"help.{command.name}", "vi") in text
        assert "Hiện trợ giúp này rồi thoát." in text

    def test_english_under_an_english_locale(self, path: list[str]) -> None:
        command = dict((tuple(p), c) for p, c, _ in commands())[tuple(path)]
        result = invoke([*path, "--help"], EN)
        assert 0 == result.exit_code
        assert result.stdout.startswith("Usage: ")
        assert first_line(f"help.{command.name}", "en") in " ".join(result.stdout.split())

    def test_no_option_line_is_left_in_english(self, path: list[str]) -> None:
        """Each option's English line is absent from the Vietnamese help (all are translated)."""
        _, command, context = next(c for c in commands() if c[0] == path)
        vi = " ".join(invoke([*path, "--help"], VI).stdout.split())
        for param in command.get_params(context):
            key = help_key(command, param, context)
            if key is not None:
                english = " ".join(CATALOGUE[key][1].split()[:4])
                assert english not in vi, key


def test_lang_on_the_command_line_wins_over_the_locale() -> None:
    assert invoke(["evaluate", "--lang", "vi", "--help"], EN).stdout.startswith("Cách dùng: ")
    assert invoke(["evaluate", "--help", "--lang=en"], VI).stdout.startswith("Usage: ")


def test_the_language_is_put_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """Choosing click's language for a run leaves the process as it was: its LANGUAGE, and the
    folder gettext's default domain is bound to (a program running partyrules' command inside
    its own keeps its translations)."""
    monkeypatch.setenv("LANGUAGE", "fr")
    bound = gettext.bindtextdomain("messages")
    with click_language("vi"):
        assert ("vi", str(LOCALE)) == (os.environ["LANGUAGE"], gettext.bindtextdomain("messages"))
        assert "Cách dùng:" == gettext.gettext("Usage:")
    assert ("fr", bound) == (os.environ["LANGUAGE"], gettext.bindtextdomain("messages"))
    monkeypatch.delenv("LANGUAGE")
    with pytest.raises(SystemExit), click_language("vi"):
        raise SystemExit(2)
    assert "LANGUAGE" not in os.environ


def test_runs_in_threads_take_turns_with_the_process_language() -> None:
    """gettext's binding and LANGUAGE belong to the process: runs in several threads take turns,
    each sees its own language for its whole run, and the process is as it was afterwards."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    before = os.environ.get("LANGUAGE")
    inside = threading.Semaphore(0)

    def run(lang: str) -> list[tuple[str, str, str]]:
        seen = []
        with click_language(lang):
            inside.release()
            for _ in range(5):
                seen.append((lang, os.environ["LANGUAGE"], gettext.gettext("Usage:")))
                time.sleep(0.001)
        return seen

    with ThreadPoolExecutor(8) as pool:
        results = [item for items in pool.map(run, ["vi", "en"] * 40) for item in items]
    wanted = {"vi": ("vi", "Cách dùng:"), "en": ("en", "Usage:")}
    assert [] == [item for item in results if item[1:] != wanted[item[0]]]
    assert before == os.environ.get("LANGUAGE")


def test_rendering_changes_no_command() -> None:
    """The help is worded on a copy: while it is rendered, the command and its options keep
    their own texts, so another thread can render it in the other language at the same time."""
    check = main.commands["check"]
    before = (check.help, [getattr(p, "help", None) for p in check.params])
    seen = []

    class Spy(click.HelpFormatter):
        def write_text(self, text: str) -> None:
            seen.append((check.help, [getattr(p, "help", None) for p in check.params]))
            super().write_text(text)

    context = click.Context(check, info_name="check")
    check.format_help(context, Spy())
    assert seen and all(state == before for state in seen)
    assert [] == [
        lang
        for lang in ("vi", "en") * 50
        if not invoke(["check", "--help", "--lang", lang], EN).stdout.startswith(
            "Cách dùng:" if lang == "vi" else "Usage:"
        )
    ]


def test_in_two_threads_at_once() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from partyrules.text.catalogue import use_language

    def render(lang: str) -> str:
        with use_language(lang):
            command = main.commands["check"]
            return command.get_help(click.Context(command, info_name="check"))

    with ThreadPoolExecutor(4) as pool:
        texts = list(pool.map(render, ["vi", "en"] * 200))
    wanted = {"vi": first_line("help.check", "vi"), "en": first_line("help.check", "en")}
    assert [] == [i for i, t in enumerate(texts) if wanted["vi" if i % 2 == 0 else "en"] not in " ".join(t.split())]


def test_a_command_without_catalogue_entries_keeps_its_own_help() -> None:
    """A plugin's command added to the program shows its own help, not a catalogue key."""

    @click.command(cls=Command, name="paint-it", help="Paint the cell list.")
    @click.option("--colour", help="The colour to use.")
    def paint(colour: str) -> None:  # pragma: no cover - only its help is shown
        pass

    main.add_command(paint)
    try:
        text = " ".join(invoke(["paint-it", "--help"], VI).stdout.split())
    finally:
        main.commands.pop("paint-it")
    assert "Paint the cell list." in text and "The colour to use." in text
    assert "help.paint-it" not in text and "help.colour" not in text


def test_version_in_the_language_of_the_run() -> None:
    assert invoke(["--version"], VI).stdout.startswith("partyrules, phiên bản ")
    assert invoke(["--version"], EN).stdout.startswith("partyrules, version ")


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["evaluate"], VI, "Lỗi: Thiếu đối số 'FILE'."),
        (["evaluate"], EN, "Error: Missing argument 'FILE'."),
        (["evaluate", "--lang", "vi"], EN, "Lỗi: Thiếu đối số 'FILE'."),
        (
            ["evaluate", "x.yaml", "--lang", "fr"],
            VI,
            "Lỗi: Giá trị không hợp lệ cho '--lang': 'fr' không phải một trong 'vi', 'en'.",
        ),
        (
            ["-p", "nope"],
            VI,
            "Lỗi: Giá trị không hợp lệ cho '-p': cần no:NAME (một phần bổ trợ hoặc gói cần bỏ qua), nhận được 'nope'",
        ),
        (["evalute"], EN, "Error: No such command 'evalute'. Did you mean 'evaluate'?"),
        (["evalute"], VI, "Lỗi: Không có lệnh 'evalute'. Có phải ý bạn là: 'evaluate'?"),
    ],
    ids=["vi locale", "en locale", "--lang vi", "bad --lang", "bad -p", "no such command", "không có lệnh"],
)
def test_usage_errors(args: list[str], env: dict[str, str], expected: str) -> None:
    """A wrong command line: exit 2, click's message in the language chosen."""
    result = invoke(args, env)
    assert 2 == result.exit_code
    assert expected in result.stderr.splitlines()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["evaluate", "--lang", "vi"], "vi"),
        (["evaluate", "x", "--lang=en"], "en"),
        (["check", "--lang", "vi", "--lang", "en"], "en"),
        (["evaluate", "--lang", "fr"], None),
        (["evaluate", "--", "--lang", "vi"], None),
        (["evaluate", "--lang"], None),
        (["template", "-o", "--lang", "vi"], None),  # --lang is -o's value; vi an extra argument
        (["evaluate", "--framework", "--lang", "x.yaml"], None),
        (["review", "decide", "--by", "x", "--lang", "vi"], "vi"),
        (["--lang", "vi", "evaluate"], None),  # the program has no --lang: click refuses it
    ],
)
def test_the_language_read_from_the_command_line(args: list[str], expected: str | None) -> None:
    """``--lang`` as click reads it: an option's value, command by command."""
    assert expected == lang_given(main, args)


class TestClickCatalogue:
    def test_every_message_of_click_is_translated(self) -> None:
        """Every message the installed click marks for translation has a Vietnamese text with
        the same placeholders (a newer click with new messages fails here)."""
        with PO.open("rb") as stream:
            catalogue = read_po(stream)
        folder = Path(click.__file__).parent
        keywords = {"_": None, "ngettext": (1, 2)}
        wanted = {message for _, _, message, *_ in extract_from_dir(folder, keywords=keywords)}
        missing, wrong = [], []
        for message in wanted:
            msgid = message[0] if isinstance(message, tuple) else message
            entry = catalogue.get(msgid)
            if entry is None or not entry.string or not all(entry.string if entry.pluralizable else [1]):
                missing.append(msgid)
                continue
            source = message[-1] if isinstance(message, tuple) else message
            texts = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            if any(set(PLACEHOLDER.findall(t)) - set(PLACEHOLDER.findall(f"{source} {msgid}")) for t in texts):
                wrong.append(msgid)
        assert ([], []) == (sorted(missing), sorted(wrong))
        assert catalogue.get("required") is not None  # passed to gettext through a variable

    def test_the_compiled_catalogue_is_the_source(self) -> None:
        """messages.mo holds exactly messages.po (recompile with pybabel after editing it)."""

        def entries(catalogue: Catalog) -> dict[object, object]:
            flat = lambda v: tuple(v) if isinstance(v, list | tuple) else v  # noqa: E731
            return {flat(m.id): flat(m.string) for m in catalogue if m.id}

        with PO.open("rb") as stream:
            source = entries(read_po(stream))
        with MO.open("rb") as stream:
            compiled = entries(read_mo(stream))
        assert source == compiled
