"""Hostile and broken input, one named case per row: each exits 1 with exactly the message in
:data:`EXPECTED` (every problem with its path), no traceback, nothing written.

Each case is written to its own folder and run there, as a user would (``cd`` and run), so
that the paths in the messages are the ones a user sees.  The messages are the library's own
words (docs/explanation/security.md lists the limits they name).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from partyrules.cli import main

# name, files {path: content} ("fifo": a FIFO at that path; "link...": a symbolic link (path,
# target)), command line
W = "period: 2025\ncells:\n  - id: c1\n"
F = '[framework]\nname = "x"\nversion = "1"\nextends = "fourgood"\n'
CASES = [
    ("not a mapping", {"in.yaml": "- 1\n"}, ["evaluate", "in.yaml"]),
    ("empty file", {"in.yaml": ""}, ["evaluate", "in.yaml"]),
    ("unknown suffix", {"in.txt": W}, ["evaluate", "in.txt"]),
    ("no such file", {}, ["evaluate", "missing.yaml"]),
    ("a directory", {"d.yaml/x": ""}, ["evaluate", "d.yaml"]),
    ("not utf8", {"in.yaml": b"period: 2025\nname: \xff\n"}, ["evaluate", "in.yaml"]),
    ("invalid yaml", {"in.yaml": "period: [2025\n"}, ["evaluate", "in.yaml"]),
    ("invalid json", {"in.json": '{"period": 2025,}'}, ["evaluate", "in.json"]),
    (
        "invalid jsonl line",
        {"in.jsonl": '{"period": 2025, "cells": [{"id": "a"}]}\n{"period":\n'},
        ["evaluate", "in.jsonl", "-o", "out.txt"],  # with -o: nothing is written
    ),
    ("duplicate yaml key", {"in.yaml": "period: 2025\nperiod: 2024\n"}, ["evaluate", "in.yaml"]),
    ("duplicate json key", {"in.json": '{"period": 2025, "period": 2024}'}, ["evaluate", "in.json"]),
    ("python tag", {"in.yaml": "period: !!python/object/apply:os.system ['true']\n"}, ["evaluate", "in.yaml"]),
    (
        "alias bomb",
        {
            "in.yaml": "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nperiod: *g\n"
        },
        ["evaluate", "in.yaml"],
    ),
    (
        "subject alias bomb",
        {
            "in.yaml": "period: 2025\nx: &m [{id: a}, {id: a}, {id: a}, {id: a}, {id: a}, {id: a}, {id: a}, {id: a}]\ncells: &c1 [{id: c, members: *m}, {id: c, members: *m}, {id: c, members: *m}, {id: c, members: *m}]\n"
        },
        ["--limit", "subjects=20", "evaluate", "in.yaml"],
    ),
    ("deep yaml", {"in.yaml": "period: 2025\nx: " + "[" * 40 + "]" * 40 + "\n"}, ["evaluate", "in.yaml"]),
    ("deep json", {"in.json": '{"period": ' + "[" * 5000 + "]" * 5000 + "}"}, ["evaluate", "in.json"]),
    ("deep jsonl", {"in.jsonl": '{"period": ' + "[" * 5000 + "]" * 5000 + "}\n"}, ["evaluate", "in.jsonl"]),
    ("long yaml integer", {"in.yaml": "period: " + "9" * 5000 + "\n"}, ["evaluate", "in.yaml"]),
    ("long json integer", {"in.json": '{"period": ' + "9" * 5000 + "}"}, ["evaluate", "in.json"]),
    (
        "big fact integer",
        {"in.yaml": W + "    facts: {members_total: 10000000000000000000}\n"},
        ["evaluate", "in.yaml"],
    ),
    (
        "negative big integer",
        {"in.yaml": W + "    facts: {members_total: -10000000000000000000}\n"},
        ["evaluate", "in.yaml"],
    ),
    ("long string", {"in.yaml": "period: 2025\ncells:\n  - id: " + "x" * 10001 + "\n"}, ["evaluate", "in.yaml"]),
    (
        "long key",
        {"in.json": '{"period": 2025, "cells": [{"id": "c1", "facts": {"' + "k" * 10001 + '": 1}}]}'},
        ["evaluate", "in.json"],
    ),
    ("nan fact", {"in.yaml": W + "    facts: {average_attendance: .nan}\n"}, ["evaluate", "in.yaml"]),
    (
        "infinite fact",
        {"in.json": '{"period": 2025, "cells": [{"id": "c1", "facts": {"average_attendance": Infinity}}]}'},
        ["evaluate", "in.json"],
    ),
    ("file too large", {"in.yaml": W + "#" + "x" * 2000 + "\n"}, ["--limit", "file_size=1k", "evaluate", "in.yaml"]),
    (
        "unit too large",
        {"in.jsonl": '{"period": 2025, "cells": [{"id": "a", "name": "' + "x" * 2000 + '"}]}\n'},
        ["--limit", "unit_size=1k", "evaluate", "in.jsonl"],
    ),
    (
        "yaml document too large",
        {"in.yaml": "period: 2025\ncells: [{id: a}]\n---\nperiod: 2025\ncells: [{id: b, name: " + "x" * 2000 + "}]\n"},
        ["--limit", "unit_size=1k", "evaluate", "in.yaml"],
    ),
    ("unknown limit", {"in.yaml": W}, ["--limit", "speed=1", "evaluate", "in.yaml"]),
    ("bad limit value", {"in.yaml": W}, ["--limit", "depth=deep", "evaluate", "in.yaml"]),
    ("period as text", {"in.yaml": "period: '2025'\ncells:\n  - id: c1\n"}, ["evaluate", "in.yaml"]),
    ("period missing", {"in.yaml": "cells:\n  - id: c1\n"}, ["evaluate", "in.yaml"]),
    ("period 3000", {"in.yaml": "period: 3000\ncells:\n  - id: c1\n"}, ["evaluate", "in.yaml"]),
    ("period 1800", {"in.yaml": "period: 1800\ncells:\n  - id: c1\n"}, ["evaluate", "in.yaml"]),
    ("cell period 3000", {"in.yaml": W + "    period: 3000\n"}, ["evaluate", "in.yaml"]),
    ("no subjects", {"in.yaml": "period: 2025\n"}, ["evaluate", "in.yaml"]),
    (
        "unknown field and bad fact",
        {"in.yaml": W + "    bogus: 1\n    facts: {regular_meetings_held: x}\n"},
        ["evaluate", "in.yaml"],
    ),
    (
        "name not text and unknown fact",
        {"in.yaml": W + "    name: 5\n    facts: {regular_meetings: 12}\n"},
        ["evaluate", "in.yaml"],
    ),
    ("missing id", {"in.yaml": "period: 2025\ncells:\n  - name: x\n"}, ["evaluate", "in.yaml"]),
    ("blank id", {"in.yaml": "period: 2025\ncells:\n  - id: ' '\n"}, ["evaluate", "in.yaml"]),
    ("duplicate id", {"in.yaml": "period: 2025\nmembers:\n  - id: m1\n  - id: m1\n"}, ["evaluate", "in.yaml"]),
    ("subject not a mapping", {"in.yaml": "period: 2025\ncells:\n  - c1\n"}, ["evaluate", "in.yaml"]),
    ("facts not a mapping", {"in.yaml": W + "    facts: [1]\n"}, ["evaluate", "in.yaml"]),
    ("fact value a list", {"in.yaml": W + "    facts: {regular_meetings_held: [12]}\n"}, ["evaluate", "in.yaml"]),
    ("fact out of range", {"in.yaml": W + "    facts: {regular_meetings_held: 13}\n"}, ["evaluate", "in.yaml"]),
    (
        "disciplined over total",
        {"in.yaml": W + "    facts: {members_total: 32, members_disciplined: 100}\n"},
        ["evaluate", "in.yaml"],
    ),
    (
        "degraded over total",
        {"in.yaml": W + "    facts: {members_total: 3, members_degraded: 4}\n"},
        ["evaluate", "in.yaml"],
    ),
    ("done over total", {"in.yaml": W + "    facts: {tasks_total: 3, tasks_done: 4}\n"}, ["evaluate", "in.yaml"]),
    (
        "members in a member",
        {"in.yaml": "period: 2025\nmembers:\n  - id: m1\n    members: [{id: m2}]\n"},
        ["evaluate", "in.yaml"],
    ),
    ("unknown regime", {"in.yaml": "period: 2025\nregime: zzz\ncells:\n  - id: c1\n"}, ["evaluate", "in.yaml"]),
    (
        "unknown framework",
        {"in.yaml": "period: 2025\nframework: fourgod\ncells:\n  - id: c1\n"},
        ["evaluate", "in.yaml"],
    ),
    (
        "framework outside the input folder",
        {"in.yaml": "period: 2025\nframework: ../x.toml\ncells:\n  - id: c1\n"},
        ["evaluate", "in.yaml"],
    ),
    (
        "absolute framework in input",
        {"in.yaml": "period: 2025\nframework: /etc/x.toml\ncells:\n  - id: c1\n"},
        ["evaluate", "in.yaml"],
    ),
    ("fifo input", {"fifo": "in.yaml"}, ["evaluate", "in.yaml"]),
    ("device input", {"link": ("in.yaml", "/dev/zero")}, ["evaluate", "in.yaml"]),
    ("output is the input", {"in.yaml": W}, ["evaluate", "in.yaml", "-o", "in.yaml"]),
    (
        "output is a fifo",
        {"in.yaml": W, "fifo": "out.json"},
        ["evaluate", "in.yaml", "--format", "json", "-o", "out.json"],
    ),
    ("output is a directory", {"in.yaml": W, "out/x": ""}, ["evaluate", "in.yaml", "-o", "out"]),
    (
        "output symlink loop",
        {"in.yaml": W, "link": ("a.json", "b.json"), "link2": ("b.json", "a.json")},
        ["evaluate", "in.yaml", "--format", "json", "-o", "a.json"],
    ),
    ("extends dotdot", {"fw.toml": F.replace('"fourgood"', '"../../etc/passwd"')}, ["check", "fw.toml"]),
    ("extends absolute", {"fw.toml": F.replace('"fourgood"', '"/etc/x.toml"')}, ["check", "fw.toml"]),
    (
        "extends symlink outside",
        {
            "sub/fw.toml": F.replace('"fourgood"', '"up.toml"'),
            "link": ("sub/up.toml", "../base.toml"),
            "base.toml": F.replace('"x"', '"base"', 1),
        },
        ["check", "sub/fw.toml"],
    ),
    ("extends itself", {"fw.toml": F.replace('"fourgood"', '"fw.toml"')}, ["check", "fw.toml"]),
    (
        "extends cycle",
        {
            "a.toml": F.replace('"fourgood"', '"b.toml"'),
            "b.toml": F.replace('"x"', '"b"', 1).replace('"fourgood"', '"a.toml"'),
        },
        ["check", "a.toml"],
    ),
    ("framework symlink loop", {"link": ("a.toml", "b.toml"), "link2": ("b.toml", "a.toml")}, ["check", "a.toml"]),
    ("framework fifo", {"fifo": "fw.toml"}, ["check", "fw.toml"]),
    (
        "framework too large",
        {"fw.toml": F + "#" + "x" * 3000 + "\n"},
        ["--limit", "framework_size=2k", "check", "fw.toml"],
    ),
    ("deep toml", {"fw.toml": F + "[parameters]\na = " + "[" * 1000 + "]" * 1000 + "\n"}, ["check", "fw.toml"]),
    ("long toml integer", {"fw.toml": F + "[parameters]\na = " + "9" * 5000 + "\n"}, ["check", "fw.toml"]),
    ("invalid toml", {"fw.toml": F + "[points\n"}, ["check", "fw.toml"]),
    (
        "framework stages",
        {"fw.toml": F + 'bogus = 1\n[points]\n"nope.rule" = 1\n[disabled]\n"nope2" = "r"\n'},
        ["check", "fw.toml"],
    ),
    ("unknown extends name", {"fw.toml": F.replace('"fourgood"', '"fourgod"')}, ["check", "fw.toml"]),
    ("framework not utf8", {"fw.toml": F.encode() + b"# \xff\n"}, ["check", "fw.toml"]),
    (
        "escape sequence in a framework file name",
        {"in.yaml": 'period: 2025\nframework: "a\\e[2Jb.toml"\ncells:\n  - id: c1\n'},
        ["evaluate", "in.yaml"],
    ),
]

EXPECTED: dict[str, list[str]] = {
    "not a mapping": [
        "error: 1 problem in input:",
        "  - $: expected a mapping with 'period' and subjects, got [1] (list)",
    ],
    "empty file": [
        "error: 1 problem in input:",
        "  - $: expected a mapping with 'period' and subjects, got None (NoneType)",
    ],
    "unknown suffix": [
        "error: 1 problem in input:",
        "  - in.txt: unknown file type '.txt' (use .yaml, .yml, .json, .jsonl, or a spreadsheet .xlsx, .csv)",
    ],
    "no such file": [
        "error: 1 problem in input:",
        "  - missing.yaml: no such file",
    ],
    "a directory": [
        "error: 1 problem in input:",
        "  - d.yaml: is a directory, expected a YAML or JSON file",
    ],
    "not utf8": [
        "error: 1 problem in input:",
        "  - in.yaml: not UTF-8 text (invalid start byte at byte 19)",
    ],
    "invalid yaml": [
        "error: 1 problem in input:",
        "  - in.yaml:2:1: invalid YAML: did not find expected ',' or ']'",
    ],
    "invalid json": [
        "error: 1 problem in input:",
        "  - in.json:1:17: invalid JSON: Expecting property name enclosed in double quotes",
    ],
    "invalid jsonl line": [
        "error: 1 problem in input:",
        "  - in.jsonl:2:1: invalid JSON: Expecting value",
    ],
    "duplicate yaml key": [
        "error: 1 problem in input:",
        "  - in.yaml:2:1: invalid YAML: duplicate key 'period'",
    ],
    "duplicate json key": [
        "error: 1 problem in input:",
        "  - in.json: invalid JSON: duplicate key 'period'",
    ],
    "python tag": [
        "error: 1 problem in input:",
        "  - in.yaml:1:9: invalid YAML: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'",
    ],
    "alias bomb": [
        "error: 1 problem in input:",
        "  - $: too many values (YAML aliases expanded); at most 2000000 (limit 'values')",
    ],
    "subject alias bomb": [
        "error: 1 problem in input:",
        "  - $: 36 subjects in one unit; at most 20 (limit 'subjects')",
    ],
    "deep yaml": [
        "error: 1 problem in input:",
        "  - $.x[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: nested more than 32 levels deep (limit 'depth')",
    ],
    "deep json": [
        "error: 1 problem in input:",
        "  - in.json: nested too deeply to be read",
    ],
    "deep jsonl": [
        "error: 1 problem in input:",
        "  - in.jsonl:1: nested too deeply to be read",
    ],
    "long yaml integer": [
        "error: 1 problem in input:",
        "  - in.yaml:1:9: an integer of more than 18 digits (limit 'integer_digits')",
    ],
    "long json integer": [
        "error: 1 problem in input:",
        "  - in.json: an integer of more than 18 digits (limit 'integer_digits')",
    ],
    "big fact integer": [
        "error: 1 problem in input:",
        "  - $.cells[0].facts.members_total: an integer of 20 digits; at most 18 digits (limit 'integer_digits')",
    ],
    "negative big integer": [
        "error: 1 problem in input:",
        "  - $.cells[0].facts.members_total: an integer of 20 digits; at most 18 digits (limit 'integer_digits')",
    ],
    "long string": [
        "error: 1 problem in input:",
        "  - $.cells[0].id: a text of 10001 characters; at most 10000 (limit 'string')",
    ],
    "long key": [
        "error: 1 problem in input:",
        "  - $.cells[0].facts: a text of 10001 characters; at most 10000 (limit 'string')",
    ],
    "nan fact": [
        "error: 1 problem in input:",
        "  - $.cells[0].facts.average_attendance: expected a finite number, got nan (float)",
    ],
    "infinite fact": [
        "error: 1 problem in input:",
        "  - $.cells[0].facts.average_attendance: expected a finite number, got inf (float)",
    ],
    "file too large": [
        "error: 1 problem in input:",
        "  - in.yaml: 2033 bytes; at most 1024 bytes (limit 'file_size')",
    ],
    "unit too large": [
        "error: 1 problem in input:",
        "  - in.jsonl:1: a unit longer than 1024 bytes (limit 'unit_size')",
    ],
    "yaml document too large": [
        "error: 1 problem in input:",
        "  - in.yaml:5: a unit longer than 1024 bytes (limit 'unit_size')",
    ],
    "unknown limit": [
        "error: 1 problem in the limits (--limit):",
        "  - --limit: unknown limit 'speed'; known: file_size, unit_size, framework_size, extends, depth, values, subjects, string, integer_digits, problems, period_min, period_max",
    ],
    "bad limit value": [
        "error: 1 problem in the limits (--limit):",
        "  - --limit: limit depth: expected a positive integer (k, M or G may follow), got 'deep'",
    ],
    "period as text": [
        "error: 1 problem in input:",
        "  - $.period: expected an integer, got '2025' (str)",
    ],
    "period missing": [
        "error: 1 problem in input:",
        "  - $.period: required field missing",
    ],
    "period 3000": [
        "error: 1 problem in input:",
        "  - $.period: period 3000 is outside the plausible range 1930–2100 (limits 'period_min', 'period_max')",
    ],
    "period 1800": [
        "error: 1 problem in input:",
        "  - $.period: no version is in force in 1800 (2025.1: 2023–…)",
    ],
    "cell period 3000": [
        "error: 1 problem in input:",
        "  - $.cells[0].period: period 3000 is outside the plausible range 1930–2100 (limits 'period_min', 'period_max')",
    ],
    "no subjects": [
        "error: 1 problem in input:",
        "  - $: no subjects: give committees, cells or members",
    ],
    "unknown field and bad fact": [
        "error: 2 problems in input:",
        "  - $.cells[0]: unknown field(s): bogus",
        "  - $.cells[0].facts.regular_meetings_held: expected an integer ≥ 0 and ≤ 12, got 'x' (str)",
    ],
    "name not text and unknown fact": [
        "error: 2 problems in input:",
        "  - $.cells[0].name: expected a text, got 5 (int)",
        "  - $.cells[0].facts.regular_meetings: unknown fact (did you mean 'regular_meetings_held'?)",
    ],
    "missing id": [
        "error: 1 problem in input:",
        "  - $.cells[0].id: required field missing",
    ],
    "blank id": [
        "error: 1 problem in input:",
        "  - $.cells[0].id: an id is required",
    ],
    "duplicate id": [
        "error: 1 problem in input:",
        "  - $.members[1].id: subject id 'm1' is already used at $.members[0]",
    ],
    "subject not a mapping": [
        "error: 1 problem in input:",
        "  - $.cells[0]: expected a subject (a mapping with an id), got 'c1' (str)",
    ],
    "facts not a mapping": [
        "error: 1 problem in input:",
        "  - $.cells[0].facts: expected a mapping of facts, got [1] (list)",
    ],
    "fact value a list": [
        "error: 1 problem in input:",
        "  - $.cells[0].facts.regular_meetings_held: expected an integer ≥ 0 and ≤ 12, got [12] (list)",
    ],
    "fact out of range": [
        "error: 1 problem in input:",
        "  - $.cells[0].facts.regular_meetings_held: expected an integer ≥ 0 and ≤ 12, got 13 (int)",
    ],
    "disciplined over total": [
        "error: 1 problem in input:",
        "  - $.cells[0].facts.members_disciplined: members_disciplined = 100 exceeds members_total = 32",
    ],
    "degraded over total": [
        "error: 1 problem in input:",
        "  - $.cells[0].facts.members_degraded: members_degraded = 4 exceeds members_total = 3",
    ],
    "done over total": [
        "error: 1 problem in input:",
        "  - $.cells[0].facts.tasks_done: tasks_done = 4 exceeds tasks_total = 3",
    ],
    "members in a member": [
        "error: 1 problem in input:",
        "  - $.members[0].members: a member does not list members",
    ],
    "unknown regime": [
        "error: 1 problem in input:",
        "  - $.regime: unknown regime 'zzz' (one of 124, 366)",
    ],
    "unknown framework": [
        "error: 1 problem in input:",
        "  - $.framework: unknown framework 'fourgod' (did you mean 'fourgood'?)",
    ],
    "framework outside the input folder": [
        "error: 1 problem in input:",
        "  - $.framework: ../x.toml: '..' is not allowed in the path (a framework may use files inside its own folder only; --allow-outside allows others)",
    ],
    "absolute framework in input": [
        "error: 1 problem in input:",
        "  - $.framework: /etc/x.toml: an absolute path is not allowed (a framework may use files inside its own folder only; --allow-outside allows others)",
    ],
    "fifo input": [
        "error: 1 problem in input:",
        "  - in.yaml: not a regular file (a pipe); partyrules reads regular files only",
    ],
    "device input": [
        "error: 1 problem in input:",
        "  - in.yaml: not a regular file (a device); partyrules reads regular files only",
    ],
    "output is the input": [
        "error: 1 problem in input:",
        "  - in.yaml: this is the input file in.yaml; give another output file",
    ],
    "output is a fifo": [
        "error: 1 problem in input:",
        "  - out.json: not a regular file (a pipe); output goes only to a regular file or a new path",
    ],
    "output is a directory": [
        "error: out: is a directory; give a file name",
    ],
    "output symlink loop": [
        "error: 1 problem in input:",
        "  - a.json: the path has a symbolic link loop",
    ],
    "extends dotdot": [
        "error: 1 problem in framework file fw.toml:",
        "  - fw.toml:4:1: ../../etc/passwd: '..' is not allowed in the path (a framework may use files inside its own folder only; --allow-outside allows others)",
    ],
    "extends absolute": [
        "error: 1 problem in framework file fw.toml:",
        "  - fw.toml:4:1: /etc/x.toml: an absolute path is not allowed (a framework may use files inside its own folder only; --allow-outside allows others)",
    ],
    "extends symlink outside": [
        "error: 1 problem in framework file sub/fw.toml:",
        "  - sub/fw.toml:4:1: up.toml: leaves the folder sub (a framework may use files inside its own folder only; --allow-outside allows others)",
    ],
    "extends itself": [
        "error: 1 problem in framework file fw.toml:",
        "  - fw.toml:4:1: a framework cannot extend itself",
    ],
    "extends cycle": [
        "error: 1 problem in framework file a.toml:",
        "  - a.toml:4:1: 'extends' makes a cycle: a.toml → b.toml → a.toml",
    ],
    "framework symlink loop": [
        "error: 1 problem in framework file a.toml:",
        "  - a.toml: the path has a symbolic link loop",
    ],
    "framework fifo": [
        "error: 1 problem in framework file fw.toml:",
        "  - fw.toml: not a regular file (a pipe); partyrules reads regular files only",
    ],
    "framework too large": [
        "error: 1 problem in framework file fw.toml:",
        "  - fw.toml: 3060 bytes; at most 2048 bytes (limit 'framework_size')",
    ],
    "deep toml": [
        "error: 1 problem in framework file fw.toml:",
        "  - fw.toml: nested too deeply to be read",
    ],
    "long toml integer": [
        "error: 1 problem in framework file fw.toml:",
        "  - fw.toml: an integer of more than 18 digits (limit 'integer_digits')",
    ],
    "invalid toml": [
        "error: 1 problem in framework file fw.toml:",
        "  - fw.toml:5:8: invalid TOML: Expected ']' at the end of a table declaration",
    ],
    "framework stages": [
        "error: 3 problems in framework file fw.toml:",
        "  - fw.toml:5:1: unknown key 'bogus' in [framework]",
        "  - fw.toml:7:1: unknown rule 'nope.rule' in [points]",
        "  - fw.toml:9:1: unknown rule 'nope2' in [disabled]",
    ],
    "unknown extends name": [
        "error: 1 problem in framework file fw.toml:",
        "  - fw.toml:4:1: unknown framework 'fourgod' (did you mean 'fourgood'?)",
    ],
    "framework not utf8": [
        "error: 1 problem in framework file fw.toml:",
        "  - fw.toml: not UTF-8 text (invalid start byte at byte 60)",
    ],
    "escape sequence in a framework file name": [
        "error: 1 problem in framework file a\\x1b[2Jb.toml:",
        "  - a\\x1b[2Jb.toml: no such file",
    ],
}


def make(folder: Path, files: dict[str, object]) -> None:
    for name, content in files.items():
        if name.startswith("fifo"):
            os.mkfifo(folder / str(content))
        elif name.startswith("link"):
            link, target = content  # type: ignore[misc]
            (folder / link).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(target, folder / link)
        else:
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(str(content), encoding="utf-8")


def test_the_table_is_long_enough() -> None:
    assert len(CASES) >= 60
    assert [name for name, _, _ in CASES] == list(EXPECTED)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symbolic links (POSIX)")
@pytest.mark.parametrize(("name", "files", "args"), CASES, ids=[name for name, _, _ in CASES])
def test_bad_input(
    name: str, files: dict[str, object], args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exit 1, exactly the expected message on stderr, nothing on stdout, no file left behind."""
    make(tmp_path, files)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args, env={"LANG": "C", "LC_ALL": "C", "LC_MESSAGES": ""})
    assert 1 == result.exit_code, result.output
    assert EXPECTED[name] == result.stderr.rstrip("\n").split("\n")
    assert "" == result.stdout
    assert before == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
