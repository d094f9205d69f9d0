"""Catalogue: the problems of input data and files, and of the engines (key → (vi, en))."""

MESSAGES: dict[str, tuple[str, str]] = {
    # facts
    "problem.unknown_fact": ("không có dữ kiện này", "unknown fact"),
    "constraint.exceeds": ("{part} = {value} vượt quá {total} = {limit}", "{part} = {value} exceeds {total} = {limit}"),
    "constraint.exceeds_sum": (
        "{given} = {value} vượt quá {total} = {limit}",
        "{given} = {value} exceeds {total} = {limit}",
    ),
    "derived.disagrees": ("cho {given}, nhưng {formula} cho {value}", "given {given}, but {formula} gives {value}"),
    "derived.disagrees_hint": (
        "chỉ cho {name} hoặc các dữ kiện để tính nó, hoặc cho chúng khớp nhau",
        "give either {name} or the facts it is computed from, or make them agree",
    ),
    "aggregate.disagrees": (
        "cho {given}, nhưng {count} {plural} được liệt kê cho {value}",
        "given {given}, but the {count} listed {plural} give {value}",
    ),
    "aggregate.disagrees_hint": (
        "chỉ liệt kê {plural} hoặc cho các số đếm, hoặc cho chúng khớp nhau",
        "give either the {plural} or the counts, or make them agree",
    ),
    "subject.field_type": ("{field}: cần {expected}, nhận được {given}", "{field}: expected {expected}, got {given}"),
    "regime.none_for_year": ("chưa có quy định xếp loại cho năm {year}", "no grading regime is encoded for {year}"),
    "regime.none_hint": (
        "Quy định 124 áp dụng cho 2023–2024 và Quy định 366 từ 2025; chỉ rõ quy định để dùng khác",
        "Quy định 124 applies to 2023–2024 and 366 from 2025; name a regime to override",
    ),
    # evaluating subjects
    "input.not_a_subject": ("cần một Subject, nhận được {given}", "expected a Subject, got {given}"),
    "input.kind_not_covered": (
        "khung tiêu chí {framework!r} không có quy tắc cho {kind} (chỉ cho {covered})",
        "the framework {framework!r} has no rules for {kind}s (only {covered})",
    ),
    "input.wrong_child": ("{parent} liệt kê {label}, gặp một {kind}", "a {parent} lists {label}, got a {kind}"),
    "input.child_period": ("cần {expected}, nhận được {given}", "expected {expected}, got {given}"),
    # input documents
    "doc.unknown_fields": ("trường không được biết: {fields}", "unknown field(s): {fields}"),
    "doc.required": ("thiếu trường bắt buộc", "required field missing"),
    "doc.invalid": ("giá trị không hợp lệ ({error})", "invalid value ({error})"),
    "doc.not_a_mapping": (
        "cần một bảng có 'period' và các đối tượng, nhận được {given}",
        "expected a mapping with 'period' and subjects, got {given}",
    ),
    "doc.no_subjects": (
        "không có đối tượng nào: hãy cho committees, cells hoặc members",
        "no subjects: give committees, cells or members",
    ),
    "doc.duplicate_id": ("mã đối tượng {id!r} đã dùng ở {first}", "subject id {id!r} is already used at {first}"),
    "doc.does_not_list": ("{kind} không liệt kê {label}", "a {kind} does not list {label}"),
    "doc.id_required": ("cần có id", "an id is required"),
    # files
    "io.no_such_file": ("không có tệp này", "no such file"),
    "io.is_a_directory": ("là một thư mục, cần một tệp YAML hoặc JSON", "is a directory, expected a YAML or JSON file"),
    "io.not_utf8": ("không phải văn bản UTF-8 ({reason} ở byte {byte})", "not UTF-8 text ({reason} at byte {byte})"),
    "io.cannot_read": ("không đọc được: {reason}", "cannot be read: {reason}"),
    "io.no_suffix": ("(tên tệp không có phần mở rộng)", "(none)"),
    "io.invalid_json": ("JSON không hợp lệ: {problem}", "invalid JSON: {problem}"),
    "io.invalid_yaml": ("YAML không hợp lệ: {problem}", "invalid YAML: {problem}"),
    "io.file_type": ("loại tệp không được hỗ trợ {suffix}", "unknown file type {suffix}"),
    "io.file_type_hint": (
        "dùng .yaml, .yml, .json, .jsonl, hoặc bảng tính .xlsx, .csv",
        "use .yaml, .yml, .json, .jsonl, or a spreadsheet .xlsx, .csv",
    ),
    "io.needs_openpyxl": (
        "xuất XLSX cần openpyxl: pip install 'partyrules[xlsx]'",
        "XLSX output needs openpyxl: pip install 'partyrules[xlsx]'",
    ),
    "cli.format_conflict": (
        "--format {format} trái với phần mở rộng {suffix} của --output (là {implied}); bỏ --format hoặc đổi tên tệp",
        "--format {format} contradicts the --output extension {suffix} (which means {implied}); drop --format or rename the file",
    ),
    "cli.xlsx_needs_output": ("xuất XLSX cần --output TỆP.xlsx", "XLSX output needs --output FILE.xlsx"),
    "dask.needs_distributed": (
        "chạy trên cụm Dask cần distributed: pip install 'partyrules[dask]'",
        "running on a Dask cluster needs distributed: pip install 'partyrules[dask]'",
    ),
    "dask.lost": (
        "cụm Dask đã mất một worker cùng dữ liệu của lô ({error}): không ghi tệp kết quả nào; hãy chạy lại",
        "the Dask cluster lost a worker and the batch's data with it ({error}): no results file was "
        "written; run it again",
    ),
    "dask.cannot_connect": (
        "không kết nối được bộ lập lịch Dask {address}: {reason}",
        "cannot connect to the Dask scheduler {address}: {reason}",
    ),
    # results files
    "results.invalid": ("không phải kết quả partyrules hợp lệ: {error}", "not valid partyrules results: {error}"),
    "results.hash_mismatch": (
        "kết quả được tạo theo {name} {version} có mã nội dung {expected}, nhưng khung tìm được có mã {got}",
        "the results were made with {name} {version} of content hash {expected}, but the framework found has {got}",
    ),
    "results.hash_mismatch_hint": (
        "giải thích bằng đúng khung đã dùng: cài phiên bản đó, hoặc chỉ tệp khung bằng --framework",
        "explain with the framework that was used: install that version, or give its file with --framework",
    ),
    # batches: one framework version per batch
    "batch.another_framework": (
        "nêu khung {named!r}, nhưng cả lô được đánh giá theo {name} {version}",
        "names the framework {named!r}, but the whole batch is graded under {name} {version}",
    ),
    "batch.another_version": (
        "nêu phiên bản {named!r}, nhưng cả lô được đánh giá theo {name} {version}",
        "names the version {named!r}, but the whole batch is graded under {name} {version}",
    ),
    "batch.period_outside": (
        "kỳ {period} nằm ngoài thời gian hiệu lực của {name} {version}, khung của cả lô",
        "the period {period} is outside the time {name} {version}, the batch's framework, is in force",
    ),
    "batch.one_framework_hint": (
        "một lô dùng một phiên bản khung: tách tệp theo khung và kỳ, hoặc chọn bằng --framework và --framework-version",
        "a batch uses one framework version: split the file by framework and period, or choose one "
        "with --framework and --framework-version",
    ),
    # engines
    "engine.durable_unavailable": (
        "bộ máy durable cần durable_rules, vốn không nạp được ở đây (chỉ dựng được trên CPython 3.11 và "
        "3.12); dùng --backend python",
        "the durable backend needs durable_rules, which does not import here (it builds on CPython 3.11 "
        "and 3.12); use --backend python",
    ),
    "engine.unresolved": ("tham số chưa có giá trị trong {condition}", "unresolved parameter in {condition}"),
    "durable.int_inexact": (
        "số nguyên {value} vượt 2**63 và không đúng bằng một số double: durable_rules không so sánh "
        "chính xác được; dùng bộ máy python",
        "the integer {value} is beyond 2**63 and not exactly a double: durable_rules cannot compare it "
        "exactly; use the python backend",
    ),
    "durable.not_finite": ("{value} không phải số hữu hạn", "{value} is not a finite number"),
    "durable.cannot_give": ("không đưa được {value} cho durable_rules", "cannot give {value} to durable_rules"),
    "durable.rule_too_large": (
        "quy tắc {rule!r} quá lớn cho durable_rules ({tests} phép thử, {slots} ô biểu thức; tối đa "
        "{most_tests} và {most_slots}): hãy đơn giản hóa hoặc dùng bộ máy python",
        "rule {rule!r} is too large for durable_rules ({tests} tests, {slots} expression slots; at most "
        "{most_tests} and {most_slots}): simplify it or use the python backend",
    ),
    "durable.failed": ("durable_rules không {what} được: {meaning}", "durable_rules failed to {what}: {meaning}"),
    "durable.failed_code": (
        "durable_rules không {what} được: {meaning} (mã lỗi {code})",
        "durable_rules failed to {what}: {meaning} (error code {code})",
    ),
    "durable.what.compile": ("dịch bộ quy tắc", "compile a ruleset"),
    "durable.what.evaluate": ("đánh giá đối tượng", "evaluate a subject"),
    "durable.wrong_type": (
        "dữ kiện {name!r} = {value} không đúng kiểu đã khai báo; durable_rules sẽ so sánh lỏng lẻo",
        "fact {name!r} = {value} is not of its declared type; durable_rules would compare it loosely",
    ),
    "durable.thread": (
        "một bộ quy tắc durable_rules đã dịch bị dùng từ một luồng khác luồng đã dịch nó; hãy dịch một "
        "bộ cho mỗi luồng (Evaluator làm vậy)",
        "a compiled durable_rules ruleset was used from another thread than the one that compiled it; "
        "compile one per thread (the Evaluator does)",
    ),
    "durable.broken": (
        "bộ quy tắc đã dịch này không dùng được sau một lỗi trước đó của bộ máy ({cause}); hãy dịch lại",
        "this compiled ruleset is unusable after an earlier engine error ({cause}); compile it again",
    ),
    "durable.not_taken": (
        "durable_rules không nhận đối tượng: {meaning} (mã {code})",
        "durable_rules did not take the subject: {meaning} (code {code})",
    ),
    "durable.code.unknown": ("lỗi không rõ (mã {code})", "unknown error (code {code})"),
    "durable.code.1": ("dữ kiện không tới quy tắc nào", "the fact reached no rule"),
    "durable.code.2": (
        "đã có một dữ kiện cùng mã băm định danh",
        "a fact with the same identity hash is already asserted",
    ),
    "durable.code.3": ("dữ kiện bị hoãn", "the fact was deferred"),
    "durable.code.101": (
        "hết bộ nhớ, hoặc quá 1.024 phiên đang sống",
        "out of memory, or more than 1,024 live sessions",
    ),
    "durable.code.102": ("kiểu không mong đợi trong một quy tắc", "unexpected type in a rule"),
    "durable.code.105": ("quy tắc không có 'all' hay 'any'", "a rule without 'all' or 'any'"),
    "durable.code.106": ("quá 4.096 quy tắc trong một bộ", "more than 4,096 rules in one ruleset"),
    "durable.code.107": (
        "quá 128 nút '$or' hoặc '$nex' dưới một nút",
        "more than 128 '$or' or '$nex' nodes under one node",
    ),
    "durable.code.108": (
        "quá 256 quy tắc kết thúc ở cùng một đường thử",
        "more than 256 rules ending on the same test path",
    ),
    "durable.code.109": ("quy tắc không có điều kiện", "a rule without a qualifier"),
    "durable.code.111": ("tham chiếu tới bộ quy tắc không hợp lệ hoặc đã xóa", "invalid or deleted handle"),
    "durable.code.112": ("quá nhiều bộ quy tắc trong tiến trình này", "too many rulesets in this process"),
    "durable.code.113": ("quá 31 ô biểu thức trong một quy tắc", "more than 31 expression slots in one rule"),
    "durable.code.201": ("phân tích: ký tự không mong đợi", "parse: unexpected character"),
    "durable.code.202": ("phân tích: cần một giá trị", "parse: expected a value"),
    "durable.code.203": ("phân tích: chuỗi không hợp lệ", "parse: invalid string"),
    "durable.code.204": ("phân tích: số không hợp lệ", "parse: invalid number"),
    "durable.code.205": ("phân tích: đối tượng không hợp lệ", "parse: invalid object"),
    "durable.code.302": ("một dữ kiện có quá 254 thuộc tính", "a fact has more than 254 properties"),
    "durable.code.303": ("quá 64 phép thử khớp một dữ kiện cùng lúc", "more than 64 tests matched one fact at once"),
    "durable.code.304": ("phép nối quá 16 dữ kiện", "a join of more than 16 facts"),
    "durable.code.309": ("phiên không được biết", "unknown session"),
    "durable.code.314": ("một giá trị từ 16 MiB trở lên", "a value of 16 MiB or more"),
}
