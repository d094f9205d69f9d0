"""Catalogue: what the YAML, JSON and TOML parsers say of a file they cannot read, in words
(key → (vi, en)), and the parsers' own sentences each stands for (:data:`PATTERNS`).  A
sentence not listed is shown as the parser wrote it."""

MESSAGES: dict[str, tuple[str, str]] = {
    # YAML (libyaml, and PyYAML's own loader)
    "parser.yaml_node": ("thiếu một giá trị ở đây", "did not find expected node content"),
    "parser.yaml_dash": (
        "thiếu '-' ở đầu mục danh sách: thụt lề không khớp với các dòng trên",
        "did not find expected '-' indicator (the indentation does not match the lines above)",
    ),
    "parser.yaml_block_end": (
        "thụt lề không khớp với các dòng trên",
        "expected <block end> (the indentation does not match the lines above)",
    ),
    "parser.yaml_key": (
        "thiếu một khóa: thụt lề không khớp với các dòng trên",
        "did not find expected key (the indentation does not match the lines above)",
    ),
    "parser.yaml_mapping_values": (
        "không được viết 'khóa: giá trị' ở đây (thiếu dấu cách sau ':', hoặc cần đặt chuỗi trong dấu nháy)",
        "mapping values are not allowed here (a space missing after ':', or a text that needs quotes)",
    ),
    "parser.yaml_end": (
        "tệp kết thúc giữa chừng (thiếu dấu nháy hoặc dấu đóng ngoặc)",
        "found unexpected end of stream",
    ),
    "parser.yaml_flow": ("thiếu ',' hoặc dấu đóng ngoặc {closing}", "did not find expected ',' or {closing}"),
    "parser.yaml_token": (
        "có ký tự không thể bắt đầu một giá trị (dấu tab, '@' hay '`': đặt giá trị trong dấu nháy, thụt lề bằng dấu cách)",
        "found character that cannot start any token (a tab, '@' or '`': quote the value, indent with spaces)",
    ),
    "parser.yaml_alias": ("bí danh chưa được định nghĩa", "found undefined alias"),
    "parser.yaml_colon": ("thiếu ':'", "could not find expected ':'"),
    "parser.duplicate_key": ("khóa {key} được viết hai lần", "duplicate key {key}"),
    # JSON (the standard library's)
    "parser.json_value": ("thiếu một giá trị", "Expecting value"),
    "parser.json_name": (
        "cần tên khóa đặt trong dấu nháy kép (và không có dấu phẩy thừa trước dấu đóng ngoặc)",
        "Expecting property name enclosed in double quotes",
    ),
    "parser.json_delimiter": ("thiếu dấu '{delimiter}'", "Expecting '{delimiter}' delimiter"),
    "parser.json_extra": ("còn dữ liệu thừa sau giá trị", "Extra data"),
    "parser.json_string": ("chuỗi chưa được đóng dấu nháy", "Unterminated string starting at"),
    "parser.json_control": ("ký tự điều khiển không hợp lệ trong chuỗi", "Invalid control character at"),
    "parser.json_escape": (
        "dấu '\\' không hợp lệ trong chuỗi (viết '\\\\' cho một dấu '\\')",
        "Invalid \\escape (write '\\\\' for one '\\')",
    ),
    "parser.json_comma": ("dấu phẩy thừa trước dấu đóng ngoặc", "Illegal trailing comma before the closing bracket"),
    # TOML (tomllib)
    "parser.toml_table_end": ("thiếu ']' ở cuối tên bảng", "Expected ']' at the end of a table declaration"),
    "parser.toml_array_end": (
        "thiếu ']]' ở cuối tên bảng của danh sách bảng",
        "Expected ']]' at the end of an array declaration",
    ),
    "parser.toml_string": ("chuỗi chưa được đóng dấu nháy", "Unterminated string"),
    "parser.toml_inline": ("bảng viết trên một dòng chưa được đóng ngoặc", "Unclosed inline table"),
    "parser.toml_value": (
        "giá trị không hợp lệ (văn bản cần dấu nháy; đúng/sai viết true/false)",
        "Invalid value (a text needs quotes; yes/no is true/false)",
    ),
    "parser.toml_overwrite": ("khóa này đã có giá trị", "Cannot overwrite a value"),
    "parser.toml_character": ("ký tự không hợp lệ {character}", "Illegal character {character}"),
    "parser.toml_array": ("danh sách chưa được đóng bằng ']'", "Unclosed array"),
    "parser.toml_equals": ("thiếu '=' sau khóa", "Expected '=' after a key in a key/value pair"),
    "parser.toml_newline": (
        "cần xuống dòng sau mỗi khóa = giá trị",
        "Expected newline or end of document after a statement",
    ),
    "parser.toml_statement": ("dòng không hợp lệ", "Invalid statement"),
    "parser.toml_declared": ("bảng {name} được khai báo hai lần", "Cannot declare {name} twice"),
}

#: A parser's sentence (matched from its start) → the key that words it, its groups the arguments.
PATTERNS: tuple[tuple[str, str], ...] = (
    (r"did not find expected node content$", "parser.yaml_node"),
    (r"expected the node content, but found .*$", "parser.yaml_node"),
    (r"did not find expected key$", "parser.yaml_key"),
    (r"did not find expected '-' indicator$", "parser.yaml_dash"),
    (r"expected <block end>, but found .*$", "parser.yaml_block_end"),
    (r"mapping values are not allowed (here|in this context)$", "parser.yaml_mapping_values"),
    (r"found unexpected end of stream$", "parser.yaml_end"),
    (r"did not find expected ',' or (?P<closing>'[\]}]')$", "parser.yaml_flow"),
    (r"expected ',' or (?P<closing>'[\]}]'), but got .*$", "parser.yaml_flow"),
    (r"found character (?:'.*' )?that cannot start any token$", "parser.yaml_token"),
    (r"found undefined alias(?: .*)?$", "parser.yaml_alias"),
    (r"could not find expected ':'$", "parser.yaml_colon"),
    (r"duplicate key (?P<key>.+)$", "parser.duplicate_key"),
    (r"Expecting value$", "parser.json_value"),
    (r"Expecting property name enclosed in double quotes$", "parser.json_name"),
    (r"Expecting '(?P<delimiter>[,:])' delimiter$", "parser.json_delimiter"),
    (r"Extra data$", "parser.json_extra"),
    (r"Unterminated string starting at$", "parser.json_string"),
    (r"Invalid control character at$", "parser.json_control"),
    (r"Invalid \\escape$", "parser.json_escape"),
    (r"Illegal trailing comma before end of (object|array)$", "parser.json_comma"),
    (r"Expected ']' at the end of a table declaration$", "parser.toml_table_end"),
    (r"Expected ']]' at the end of an array declaration$", "parser.toml_array_end"),
    (r"Unterminated string$", "parser.toml_string"),
    (r"Unclosed inline table$", "parser.toml_inline"),
    (r"Invalid value$", "parser.toml_value"),
    (r"Cannot overwrite a value(?: .*)?$", "parser.toml_overwrite"),
    (r"Illegal character (?P<character>.+)$", "parser.toml_character"),
    (r"Unclosed array(?: .*)?$", "parser.toml_array"),
    (r"Expected '=' after a key in a key/value pair$", "parser.toml_equals"),
    (r"Expected newline or end of document after a statement$", "parser.toml_newline"),
    (r"Invalid statement$", "parser.toml_statement"),
    (r"Cannot declare \((?P<name>.+?),?\) twice$", "parser.toml_declared"),
    (r"Cannot declare (?P<name>.+) twice$", "parser.toml_declared"),
)
