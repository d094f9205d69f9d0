"""Catalogue: the problems of framework files (key → (vi, en))."""

MESSAGES: dict[str, tuple[str, str]] = {
    "file.cycle": ("'extends' tạo thành vòng lặp: {chain}", "'extends' makes a cycle: {chain}"),
    "file.invalid_toml": ("TOML không hợp lệ: {problem}", "invalid TOML: {problem}"),
    "file.unknown_section": ("không có mục {name}", "unknown section {name}"),
    "file.in_section": ("[{section}]", "[{section}]"),
    "file.top_level": ("cấp ngoài cùng", "the top level"),
    "file.unknown_key": ("không có khóa {key} trong {where}", "unknown key {key} in {where}"),
    "file.not_a_table": ("[{name}] phải là một bảng, nhận được {given}", "[{name}] must be a table, got {given}"),
    "file.needs_key": ("[{section}] cần {key}", "[{section}] needs {key}"),
    "file.expected_text": ("{key}: cần một chuỗi văn bản, nhận được {given}", "{key}: expected a text, got {given}"),
    "file.year": (
        "{key}: cần một năm, như 2025, nhận được {given}",
        "{key}: expected a year such as 2025, got {given}",
    ),
    "file.period_order": (
        "effective_to: thời gian hiệu lực kết thúc ({end}) trước khi bắt đầu ({start})",
        "effective_to: the period ends ({end}) before it starts ({start})",
    ),
    "file.unknown_param": ("không có tham số {name}", "unknown parameter {name}"),
    "file.keyed": ("{key}: {message}", "{key}: {message}"),
    "file.number_at_least": (
        "{key}: cần một số ≥ {low}, nhận được {given}",
        "{key}: expected a number ≥ {low}, got {given}",
    ),
    "file.disabled_reason": (
        "{key}: hãy ghi lý do bỏ quy tắc, bằng một chuỗi văn bản",
        "{key}: give the reason it is disabled, as a text",
    ),
    "file.disabled_hint": ('ví dụ "không áp dụng ở phường"', 'e.g. "không áp dụng ở phường"'),
    "file.one_of": ("{key}: cần một trong {values}, nhận được {given}", "{key}: expected one of {values}, got {given}"),
    "file.share_open": (
        "{key}: cần một tỉ lệ trong (0, 1], nhận được {given}",
        "{key}: expected a share in (0, 1], got {given}",
    ),
    "file.share": (
        "{key}: cần một tỉ lệ trong 0..1, nhận được {given}",
        "{key}: expected a share in 0..1, got {given}",
    ),
    "file.flag": ("{key}: cần true hoặc false, nhận được {given}", "{key}: expected true or false, got {given}"),
    "file.bands_table": (
        "bands: cần một bảng các tỉ lệ, nhận được {given}",
        "bands: expected a table of shares, got {given}",
    ),
    "file.no_cells_share": (
        "khung tiêu chí không có tham số {name} để đặt",
        "the framework has no parameter {name} to set",
    ),
    "file.exemptions_tables": (
        "miễn trừ viết thành các bảng [[exemptions]]",
        "exemptions are written as [[exemptions]] tables",
    ),
    "file.unknown_dimension": ("không có tiêu chí {name}", "unknown dimension {name}"),
    "file.dimension_table": (
        "dimensions.{name}: cần một bảng các tiêu đề, nhận được {given}",
        "dimensions.{name}: expected a table of titles, got {given}",
    ),
    "file.unknown_rule_in": ("không có quy tắc {name} trong [{section}]", "unknown rule {name} in [{section}]"),
    "file.rule_problem": ("quy tắc {id!r}: {message}", "rule {id!r}: {message}"),
    "file.declared": ("{where}: {message}", "{where}: {message}"),
    "file.needs_extends": (
        "[framework] cần 'extends': khung tiêu chí làm gốc (ví dụ \"fourgood\")",
        "[framework] needs 'extends': the framework it starts from (e.g. \"fourgood\")",
    ),
    "file.extends_text": (
        "extends: cần một tên hoặc một đường dẫn tương đối, nhận được {given}",
        "extends: expected a name or a relative path, got {given}",
    ),
    "file.extends_version": (
        'extends_version: cần một chuỗi như "2025.1", nhận được {given}',
        'extends_version: expected a text such as "2025.1", got {given}',
    ),
    "file.extends_version_hint": ("viết phiên bản trong dấu nháy", "write the version in quotes"),
    "file.extends_version_file": (
        "extends_version chỉ một phiên bản của khung tiêu chí đã cài; tệp này kế thừa một tệp",
        "extends_version names a version of a framework in the registry; this file extends a file",
    ),
    "file.extends_version_file_hint": (
        "bỏ extends_version, hoặc kế thừa khung tiêu chí bằng tên của nó",
        "remove extends_version, or extend the framework by its name",
    ),
    "file.extends_itself": ("một khung tiêu chí không thể kế thừa chính nó", "a framework cannot extend itself"),
    "file.extends_itself_hint": ("chỉ một khung tiêu chí khác", "name another framework"),
    "file.parent_invalid": (
        "khung tiêu chí được kế thừa ({target}) không hợp lệ:",
        "the framework it extends ({target}) is invalid:",
    ),
    "file.no_resolver": (
        "không tra được {target}: không có danh mục khung tiêu chí",
        "cannot look up {target}: no registry given",
    ),
    "file.error_text": ("{text}", "{text}"),
    "file.cannot_use": ("không dùng được {target}: {error}", "cannot use {target}: {error}"),
    "file.rules_tables": ("quy tắc viết thành các bảng [[rules]]", "rules are written as [[rules]] tables"),
    "file.rule_table": ("cần một bảng [[rules]]", "expected a [[rules]] table"),
    "file.rule_inherited": (
        "mã quy tắc {id!r} đã là một quy tắc {kind} của {parent}",
        "rule id {id!r} is already a {kind} rule of {parent}",
    ),
    "file.rule_inherited_hint": (
        "đặt mã riêng cho quy tắc mới; đổi một quy tắc có sẵn qua [points] hoặc [disabled]",
        "give the new rule its own id; change an existing rule through [points] or [disabled]",
    ),
    "file.rule_twice": (
        "mã quy tắc {id!r} dùng hai lần (lần đầu ở dòng {line})",
        "rule id {id!r} is used twice (first on line {line})",
    ),
    "file.rule_kind": (
        "kind: cần member, cell hoặc committee, nhận được {given}",
        "kind: expected member, cell or committee, got {given}",
    ),
    "file.rule_kind_missing": (
        "khung tiêu chí được kế thừa không có quy tắc {kind}",
        "the framework it extends has no {kind} rules",
    ),
    "file.rule_dimension": ("không có tiêu chí {name} cho {kind}", "unknown dimension {name} for {kind}s"),
    "file.rule_needs_when": ("một quy tắc cần 'when': điều kiện của nó", "a rule needs 'when': its condition"),
    "file.rule_needs_status": (
        "một quy tắc cần 'status': 'confirmed' (đã đọc trong nguồn) hoặc 'default'",
        "a rule needs 'status': 'confirmed' (read in the source) or 'default'",
    ),
    "file.rule_status": (
        "status: cần 'confirmed' (đã đọc trong nguồn) hoặc 'default', nhận được {given}",
        "status: expected 'confirmed' (read in the source) or 'default', got {given}",
    ),
}
