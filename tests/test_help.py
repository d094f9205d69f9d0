"""``--help`` and click's own messages in Vietnamese and English: every command's help comes from
the catalogue in the language chosen (``--lang`` anywhere on the line, else the locale), and
click's words ("Usage:", "Missing argument", …) from a gettext catalogue that covers every
message of the installed click."""

from __future__ import annotations

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
from partyrules.clitools import LOCALE, _lang_given
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
        from partyrules.clitools import help_key

        vi = " ".join(invoke([*path, "--help"], VI).stdout.split())
        for param in command.get_params(context):
            key = help_key(command, param, context)
            if key is not None:
                english = " ".join(CATALOGUE[key][1].split()[:4])
                assert english not in vi, key


def test_lang_on_the_command_line_wins_over_the_locale() -> None:
    assert invoke(["evaluate", "--lang", "vi", "--help"], EN).stdout.startswith("Cách dùng: ")
    assert invoke(["evaluate", "--help", "--lang=en"], VI).stdout.startswith("Usage: ")


def test_the_language_is_put_back() -> None:
    """Choosing click's language for a run leaves the process's LANGUAGE as it was."""
    before = os.environ.get("LANGUAGE")
    invoke(["check", "--lang", "vi", "--help"], VI)
    assert before == os.environ.get("LANGUAGE")


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
        (["--lang", "vi"], "vi"),
        (["x", "--lang=en"], "en"),
        (["--lang", "vi", "--lang", "en"], "en"),
        (["--lang", "fr"], None),
        (["--", "--lang", "vi"], None),
        (["--lang"], None),
    ],
)
def test_the_language_read_from_the_command_line(args: list[str], expected: str | None) -> None:
    assert expected == _lang_given(args)


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

    def test_shipped_in_the_package(self) -> None:
        text = (Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8")
        assert "locale/*/LC_MESSAGES/messages.mo" in text
