"""Catalogue: the problems of declarations: conditions, rules, rulesets, frameworks, the
condition language and the registry (key → (vi, en))."""

MESSAGES: dict[str, tuple[str, str]] = {
    # building conditions in Python
    "condition.no_truth": (
        "{condition} không có giá trị đúng/sai: ghép điều kiện bằng &, | hoặc all_of(...), và viết "
        "fact('x').between(1, 3) thay cho 1 <= fact('x') <= 3",
        "{condition} has no truth value: combine conditions with &, | or all_of(...), and write "
        "fact('x').between(1, 3) rather than 1 <= fact('x') <= 3",
    ),
    "condition.fact_name": (
        "tên dữ kiện phải là chuỗi không rỗng, nhận được {given}",
        "a fact name must be a non-empty text, got {given}",
    ),
    "condition.two_facts": (
        "{left} {op} {right}: một quy tắc so sánh dữ kiện với hằng số hoặc tham số; hãy khai báo một "
        "dữ kiện dẫn xuất (derived fact) để so sánh hai dữ kiện",
        "{left} {op} {right}: a rule compares a fact with a constant or a parameter; declare a derived "
        "fact to compare two facts",
    ),
    "condition.empty_in": ("{fact}.is_in() cần ít nhất một giá trị", "{fact}.is_in() needs at least one value"),
    "condition.operand": (
        "{where}: giá trị là hằng số (số, true/false, chuỗi) hoặc tham số, nhận được {type}",
        "{where}: values are constants (numbers, true/false, texts) or parameters, got {type}",
    ),
    "condition.expected": (
        "cần một điều kiện (như fact('x') >= 1), nhận được {given}",
        "expected a condition (such as fact('x') >= 1), got {given}",
    ),
    "condition.empty": ("{name}() cần ít nhất một điều kiện", "{name}() needs at least one condition"),
    # a rule on its own
    "rule.id": (
        "mã quy tắc chỉ gồm chữ, số, '_', '.' và '-' (như 'meetings.monthly')",
        "an id is letters, digits, '_', '.' and '-' (like 'meetings.monthly')",
    ),
    "rule.dimension": ("tiêu chí (dimension) không hợp lệ {dimension}", "invalid dimension {dimension}"),
    "rule.empty_text": (
        "{name} đang trống: mọi quy tắc có tiêu đề và trích dẫn nguồn",
        "{name} is empty: every rule has titles and a citation",
    ),
    "rule.points": ("points: cần một số ≥ 0, nhận được {given}", "points: expected a number ≥ 0, got {given}"),
    "rule.veto_and_cap": (
        "vừa có veto {veto} vừa có cap {cap}; giữ một",
        "has both veto {veto} and cap {cap}; keep one",
    ),
    "rule.cap_excellent": ("cap EXCELLENT không giới hạn gì", "cap EXCELLENT restricts nothing"),
    "rule.reward_and_sanction": (
        "một quy tắc hoặc thưởng điều kiện của nó (points, required) hoặc chế tài nó (veto, cap, "
        "blocks_four_good); hãy tách làm hai",
        "a rule either rewards its condition (points, required) or sanctions it (veto, cap, "
        "blocks_four_good); split it in two",
    ),
    "rule.no_effect": ("không có tác dụng", "has no effect"),
    "rule.no_effect_hint": (
        "cho nó points, required, veto, cap, blocks_four_good hoặc excludes",
        "give it points, required, veto, cap, blocks_four_good or excludes",
    ),
    "rule.condition": (
        "{label}: cần một điều kiện như fact('x') >= 1, nhận được {given}",
        "{label}: expected a condition such as fact('x') >= 1, got {given}",
    ),
    "rule.too_many_nodes": ("{label} có {nodes} nút; tối đa {most}", "{label} has {nodes} nodes; at most {most}"),
    "rule.too_deep": ("{label} lồng sâu quá {most} mức", "{label} is nested deeper than {most} levels"),
    "rule.operator": ("phép so sánh không hợp lệ {op}", "unknown operator {op}"),
    "rule.not_finite": ("{label}: {value} không phải số hữu hạn", "{label}: {value} is not a finite number"),
    "rule.status": (
        "status: cần 'confirmed' hoặc 'default', nhận được {given}",
        "status: expected 'confirmed' or 'default', got {given}",
    ),
    "rule.limit": (
        "{label}: cần một trong {grades}, nhận được {given}",
        "{label}: expected one of {grades}, got {given}",
    ),
    "rule.title_placeholder": (
        "{name}: {{{placeholder}}} không phải tham số mà quy tắc đọc (quy tắc đọc: {params})",
        "{name}: {{{placeholder}}} names no parameter the rule reads (it reads: {params})",
    ),
    # a rule against a schema and parameter values
    "check.unknown_fact": ("không có dữ kiện {name!r} trong {label}", "unknown fact {name!r} in {label}"),
    "check.unknown_param": ("không có tham số {name!r} trong {label}", "unknown parameter {name!r} in {label}"),
    "check.type": (
        "{test}: dữ kiện {fact!r} kiểu {type}, lại so sánh với {given}",
        "{test}: fact {fact!r} is {type}, compared with {given}",
    ),
    "check.equality_only": (
        "{test}: dữ kiện kiểu {type} chỉ so sánh bằng = hoặc ≠",
        "{test}: a {type} fact is compared with = or ≠ only",
    ),
    "check.not_a_choice": (
        "{test}: {value} không phải giá trị của {fact!r}",
        "{test}: {value} is not a value of {fact!r}",
    ),
    # rulesets and parameters
    "ruleset.param_twice": ("tham số {name!r} khai báo {count} lần", "parameter {name!r} declared {count} times"),
    "ruleset.rule_twice": ("mã quy tắc {id!r} dùng {count} lần", "rule id {id!r} used {count} times"),
    "ruleset.not_a_rule": ("cần các quy tắc, nhận được {given}", "expected rules, got {given}"),
    "ruleset.dimension": (
        "tiêu chí {dimension} nằm trong bộ tiêu chí của tiêu chí {expected}",
        "dimension {dimension} in ruleset of dimension {expected}",
    ),
    "ruleset.annual_points": ("quy tắc của xếp loại năm không có điểm", "rules of the annual grade carry no points"),
    "param.default": ("giá trị mặc định: {error}", "default: {error}"),
    "param.like": ("cần một giá trị như {default}, nhận được {given}", "expected a value like {default}, got {given}"),
    "param.at_least": ("cần một số ≥ {low}, nhận được {given}", "expected a number ≥ {low}, got {given}"),
    "param.at_most": ("cần một số ≤ {high}, nhận được {given}", "expected a number ≤ {high}, got {given}"),
    # frameworks
    "framework.no_kind": ("không có quy tắc cho {kind}", "has no rules for {kind}s"),
    "framework.no_rulesets": ("không có bộ tiêu chí nào", "has no rulesets"),
    "framework.not_a_ruleset": ("cần các bộ tiêu chí, nhận được {given}", "expected rulesets, got {given}"),
    "framework.ruleset_twice": ("bộ tiêu chí {name!r} được liệt kê hai lần", "ruleset {name!r} listed twice"),
    "framework.rule_in_two": (
        "mã quy tắc {id!r} có trong cả bộ {first!r} và {second!r}",
        "rule id {id!r} is in rulesets {first!r} and {second!r}",
    ),
    "framework.fact_conflict": (
        "dữ kiện {fact!r} được khai báo khác đi trong {ruleset!r}",
        "fact {fact!r} is declared differently in {ruleset!r}",
    ),
    "framework.param_defaults": (
        "tham số {name!r} có mặc định {first_default} trong {first!r} và {second_default} trong {second!r}",
        "parameter {name!r} has default {first_default} in {first!r} and {second_default} in {second!r}",
    ),
    "framework.unknown_param": ("không có tham số này", "unknown parameter"),
    "framework.unknown_rule": ("không có quy tắc này", "unknown rule"),
    "framework.points_on_sanction": (
        "quy tắc veto, cap hoặc chặn bốn tốt không mang điểm",
        "a veto, cap or blocking rule carries no points",
    ),
    "framework.disabled_reason": ("hãy ghi lý do bỏ quy tắc", "give the reason it is disabled"),
    "framework.period_order": ("hiệu lực từ {start} sau {end}", "effective from {start} after {end}"),
    "framework.points_total": (
        "điểm các tiêu chí cộng lại là {total}, cần 100",
        "the dimensions' points add up to {total}, expected 100",
    ),
    "framework.no_such_dimension": ("không bộ tiêu chí nào có tiêu chí này", "no ruleset has this dimension"),
    "framework.dimension_no_points": (
        "tiêu chí {name!r} chưa khai báo điểm",
        "dimension {name!r} has no points declared",
    ),
    "framework.grading_no_kind": ("không có bộ tiêu chí cho loại đối tượng này", "no ruleset for this kind"),
    "framework.not_numeric": ("{name!r} không phải dữ kiện số", "{name!r} is not a numeric fact"),
    "framework.not_a_rating": (
        "{name!r} không phải dữ kiện xếp mức (chuỗi với các giá trị {ratings})",
        "{name!r} is not a rating fact (a text with choices {ratings})",
    ),
    "framework.exemption_rule": ("không có quy tắc {id!r}", "unknown rule {id!r}"),
    "framework.exemption_reason": ("miễn trừ phải nêu lý do", "an exemption states its reason"),
    "framework.not_a_dimension": (
        "cần các tiêu chí (Dimension), nhận được {given}",
        "expected dimensions, got {given}",
    ),
    "framework.dimension_twice": (
        "tiêu đề của tiêu chí {name!r} khai báo hai lần",
        "dimension {name!r} has titles declared twice",
    ),
    "framework.dimension_titles": (
        "một tiêu chí có đủ hai tiêu đề, title_vi và title_en",
        "a dimension has both titles, title_vi and title_en",
    ),
    "points.do_not_add_up": (
        "các quy tắc {kind} của {dimension!r} cho {always} điểm, nhưng tiêu chí có {declared}",
        "the {kind} rules of {dimension!r} give {always} points, but the dimension has {declared}",
    ),
    "points.do_not_add_up_sometimes": (
        "các quy tắc {kind} của {dimension!r} cho {always} điểm (+{sometimes} nơi áp dụng), nhưng tiêu chí có {declared}",
        "the {kind} rules of {dimension!r} give {always} points (+{sometimes} where they apply), but the "
        "dimension has {declared}",
    ),
    "points.add_up_hint": (
        "sửa điểm của quy tắc hoặc điểm của tiêu chí cho khớp",
        "change rule points or the dimension's points so that they add up",
    ),
    "policy.bands_order": (
        "cần 0 ≤ average ≤ good ≤ excellent ≤ 1, nhận được {average}, {good}, {excellent}",
        "expected 0 ≤ average ≤ good ≤ excellent ≤ 1, got {average}, {good}, {excellent}",
    ),
    "policy.quota_share": ("cần một tỉ lệ trong (0, 1], nhận được {given}", "expected a share in (0, 1], got {given}"),
    # the registry
    "registry.periods_overlap": (
        "thời gian hiệu lực {period} trùng với phiên bản {versions}",
        "its effective period {period} overlaps version(s) {versions}",
    ),
    "registry.periods_hint": (
        "cho thời gian hiệu lực các phiên bản của một khung tiêu chí nối tiếp nhau",
        "make the periods of a framework's versions follow one another",
    ),
    "registry.empty_spec": (
        "hãy cho tên khung tiêu chí hoặc đường dẫn tệp khung tiêu chí",
        "give a framework name or the path of a framework file",
    ),
    "registry.versions_overlap": (
        "các phiên bản {versions} cùng có hiệu lực năm {year}",
        "versions {versions} are all in force in {year}",
    ),
    "registry.versions_overlap_hint": (
        "cho thời gian hiệu lực không trùng nhau",
        "make their effective periods not overlap",
    ),
    "registry.none_in_force": (
        "không phiên bản nào có hiệu lực năm {year} ({periods})",
        "no version is in force in {year} ({periods})",
    ),
    "plugin.not_a_plugin": (
        "cần một Ruleset, một Framework, danh sách của chúng hoặc một hàm tạo, nhận được {type}",
        "expected a Ruleset, a Framework, a list of them or a factory, got {type}",
    ),
    "plugin.duplicate": (
        "{what} {name} đã do {holder} cung cấp (plugin {plugin})",
        "{what} {name} is already provided by {holder} (plugin {plugin})",
    ),
    "plugin.failed_to_load": ("không nạp được: {error}", "failed to load: {error}"),
    "plugin.factory_failed": ("hàm tạo bị lỗi: {error}", "factory failed: {error}"),
    "plugin.file_invalid": (
        "tệp khung tiêu chí {name} không hợp lệ: {cause}",
        "framework file {name} is invalid: {cause}",
    ),
    # the condition language of framework files
    "expr.unexpected_character": ("ký tự không mong đợi {char}", "unexpected character {char}"),
    "expr.quote_hint": (
        "chuỗi mở và đóng bằng cùng một dấu nháy, trên một dòng",
        "a text starts and ends with the same quote, on one line",
    ),
    "expr.attribute": ("không được truy cập thuộc tính", "attribute access is not allowed"),
    "expr.attribute_hint": ("một tên là một dữ kiện hoặc một tham số", "a name is a fact or a parameter"),
    "expr.single_equals": ("'=' không phải phép so sánh", "'=' is not a comparison"),
    "expr.single_equals_hint": ("viết '==' để so sánh bằng", "write '==' for equality"),
    "expr.ends_early": ("điều kiện kết thúc quá sớm", "the condition ends too early"),
    "expr.expected_char": ("cần {char}, gặp {found}", "expected {char}, found {found}"),
    "expr.empty": ("điều kiện đang trống", "the condition is empty"),
    "expr.combine_hint": ("ghép các phép thử bằng 'and' / 'or'", "combine tests with 'and' / 'or'"),
    "expr.unexpected": ("không mong đợi {found}", "unexpected {found}"),
    "expr.too_deep": ("điều kiện lồng sâu quá {most} mức", "the condition is nested deeper than {most} levels"),
    "expr.expected_fact": ("cần tên một dữ kiện, gặp {found}", "expected a fact name, found {found}"),
    "expr.calls": ("không được gọi hàm", "calls are not allowed"),
    "expr.calls_hint": ("một điều kiện so sánh dữ kiện với giá trị", "a condition compares facts with values"),
    "expr.not_a_fact_name": ("{name} không phải tên dữ kiện", "{name} is not a fact name"),
    "expr.param_first": (
        "{name} là một tham số; phép thử bắt đầu bằng một dữ kiện",
        "{name} is a parameter; a test starts with a fact",
    ),
    "expr.unknown_fact": ("không có dữ kiện {name}", "unknown fact {name}"),
    "expr.number_range": ("số {number} vượt giới hạn", "the number {number} is out of range"),
    "expr.number_range_hint": ("dùng một số trong khoảng -1e15 đến 1e15", "use a number between -1e15 and 1e15"),
    "expr.fact_as_value": (
        "{name} là một dữ kiện: phép thử so sánh dữ kiện với một giá trị hoặc một tham số",
        "{name} is a fact: a test compares a fact with a value or a parameter",
    ),
    "expr.fact_as_value_hint": (
        "khai báo một dữ kiện dẫn xuất trong bộ tiêu chí Python để so sánh hai dữ kiện",
        "declare a derived fact in a Python ruleset to compare two facts",
    ),
    "expr.unknown_param": ("không có tham số {name}", "unknown parameter {name}"),
    "expr.quote_text_hint": ("chuỗi văn bản viết trong dấu nháy: '{text}'", "a text is written in quotes: '{text}'"),
    "expr.expected_value": ("cần một giá trị, gặp {found}", "expected a value, found {found}"),
    "expr.not_text": ("điều kiện là một chuỗi văn bản, nhận được {type}", "a condition is a text, got {type}"),
    "expr.too_long": (
        "điều kiện dài {length} ký tự; tối đa {most}",
        "the condition is {length} characters long; at most {most}",
    ),
    "expr.unwritable_text": (
        "chuỗi {text} không viết được trong tệp khung tiêu chí",
        "the text {text} cannot be written in a framework file",
    ),
}
