"""Catalogue: the ``--help`` of every command (key → (vi, en)).

``help.<command>`` is a command's text (its first sentence is its line in the list of
commands); a ``\\b`` line keeps the lines after it as they are written (the examples).
The options are in :mod:`._options`.
"""


def _example(*lines: str) -> tuple[str, str]:
    block = "".join(f"\n  {line}" for line in lines)
    return f"\n\n\b\nVí dụ:{block}", f"\n\n\b\nExample:{block}"


def _entry(vi: str, en: str, *example: str) -> tuple[str, str]:
    vi_example, en_example = _example(*example) if example else ("", "")
    return vi + vi_example, en + en_example


MESSAGES: dict[str, tuple[str, str]] = {
    "help.partyrules": _entry(
        'Quyết định, giải thích và kiểm định việc công nhận chi bộ, đảng bộ "bốn tốt" và xếp loại chất '
        "lượng hằng năm.\n\n"
        "Mã thoát: 0 thành công; 1 có vấn đề trong dữ liệu, khung tiêu chí hay phần bổ trợ, hoặc có phát hiện "
        "(mọi vấn đề được liệt kê, không có traceback); 2 dòng lệnh sai. Tiến độ hiện ở luồng lỗi chuẩn khi đó là "
        "màn hình (trừ khi có --quiet); màu tắt khi có NO_COLOR. Ngôn ngữ theo --lang, nếu không thì theo "
        "locale (LANG=vi_VN.UTF-8).",
        "Decide, explain and audit Four-Good recognition and annual quality grades.\n\n"
        "Exit codes: 0 success; 1 a problem with the input, a framework or a plugin, or findings (every problem "
        "listed, no traceback); 2 a wrong command line. Progress goes to standard error when it is a terminal "
        "(not with --quiet); colours follow NO_COLOR. The language follows --lang, else the locale "
        "(LANG=vi_VN.UTF-8).",
        "partyrules evaluate examples/ward-2025.yaml",
        "partyrules template --year 2025 -o ward.xlsx",
    ),
    "help.evaluate": _entry(
        "Đánh giá, xếp loại các đối tượng trong FILE (YAML, JSON hoặc JSON Lines), từng đơn vị một.\n\n"
        "FILE chứa một tài liệu, hoặc mỗi dòng một đơn vị (.jsonl) hay mỗi tài liệu YAML một đơn vị (---), hoặc "
        "là một mẫu đã điền (.xlsx, .csv); `-` đọc từ luồng vào chuẩn. Mỗi đơn vị được ghi ngay khi đánh giá "
        "xong. Với --output, tệp chỉ xuất hiện khi mọi đơn vị đều hợp lệ, theo định dạng mà phần mở rộng của "
        "nó chỉ ra.",
        "Evaluate the subjects in FILE (YAML, JSON or JSON Lines), unit by unit.\n\n"
        "FILE holds one document, or one unit per line (.jsonl) or per YAML document (---), or is a filled "
        "template (.xlsx, .csv); `-` reads standard input. Each unit is written as soon as it is evaluated. "
        "With --output the file appears only once every unit is fine, in the format its extension names.",
        "partyrules evaluate examples/ward-2025.yaml",
        "partyrules evaluate ward.xlsx -o ket-qua.xlsx",
    ),
    "help.explain": _entry(
        "Giải thích vì sao SUBJECT (một mã trong FILE) được xếp loại và kết luận như vậy, từng quy tắc một.\n\n"
        "FILE là tệp dữ liệu (được đánh giá ngay) hoặc kết quả của `partyrules evaluate --format json/jsonl` "
        "(vết đầy đủ được dựng lại từ bản ghi gọn và khung tiêu chí, phải đúng khung đã tạo ra kết quả).",
        "Explain why SUBJECT (an id in FILE) got its grade and verdict, rule by rule.\n\n"
        "FILE is an input file (evaluated now) or the results of `partyrules evaluate --format json/jsonl` (the "
        "full trace is rebuilt from the compact record and the framework, which must be the one the results "
        "were made with).",
        "partyrules explain examples/ward-2025.yaml c03 --lang en",
        "partyrules explain results.json c03 --format json",
    ),
    "help.template": _entry(
        "Ghi một bảng tính để điền: mỗi cấp một trang, mỗi dữ kiện của khung tiêu chí một cột, có kiểm tra dữ "
        "liệu và hướng dẫn; `partyrules evaluate` đọc lại được.",
        "Write a spreadsheet to fill in: a sheet per level, a column per fact of the framework, with data "
        "validation and instructions; `partyrules evaluate` reads it back.",
        "partyrules template --year 2025 -o ward.xlsx",
        "partyrules template --from ward.yaml -o ward.xlsx",
        "partyrules evaluate ward.xlsx -o ket-qua.xlsx",
    ),
    "help.example": _entry(
        "Ghi một ví dụ kèm theo (dữ liệu của một phường hay một tệp khung tiêu chí); không có NAME thì liệt kê.",
        "Write a bundled example (a ward's data or a framework file); without NAME, list them.",
        "partyrules example ward-2025 -o ward.yaml",
        "partyrules evaluate ward.yaml",
    ),
    "help.report": _entry(
        "Ghi báo cáo HTML in được của FILE: bảng tổng hợp của từng đảng bộ, biểu đồ xếp loại và tỷ lệ chi bộ "
        "bốn tốt so với chỉ tiêu, quyết định và lý do của từng chi bộ, đảng viên gập bên dưới; với --db, kết "
        "quả năm trước bên cạnh năm nay.",
        "Write a printable HTML report of FILE: each committee's summary table, charts of the grades and of the "
        "Four-Good share against the target, each cell's decision and reasons, its members folded beneath; "
        "with --db, last year's decisions beside this year's.",
        "partyrules report examples/ward-2025.yaml -o bao-cao.html",
    ),
    "help.rulesets": _entry(
        "Liệt kê các bộ tiêu chí và khung tiêu chí đã cài, với gói, phiên bản, tình trạng, và các bộ máy đánh "
        "giá có sẵn.",
        "List the installed rulesets and frameworks, with their distribution, version and status, and the "
        "backends available.",
        "partyrules rulesets --format json",
    ),
    "help.check": _entry(
        "Kiểm tra một khung tiêu chí (một tệp hoặc tên đã cài): mọi vấn đề, hoặc bản tóm tắt.",
        "Check a framework (a file or an installed name): every problem, or a summary.",
        "partyrules check examples/frameworks/hoa-binh.toml",
        "partyrules check my-ward.toml --format json",
    ),
    "help.audit": _entry(
        "Kiểm định một khung tiêu chí (tên hoặc tệp): tính đầy đủ, tất định, đơn điệu, sự thống nhất của các bộ "
        "máy đánh giá, độ phủ, tính nhất quán và vết đầy đủ, mỗi vi phạm có một phản ví dụ nhỏ nhất.",
        "Audit a framework (a name or a file): totality, determinism, monotonicity, agreement of the backends, "
        "coverage, consistency and trace completeness, each with a minimal counterexample.",
        "partyrules audit examples/frameworks/hoa-binh.toml --examples 50",
        "partyrules audit fourgood --property totality --format json",
    ),
    "help.facts": _entry(
        "In danh mục dữ kiện (Markdown) của một khung tiêu chí: những gì tệp dữ liệu của một phường có thể chứa.",
        "Print the facts reference (Markdown) of a framework: what a ward's file can contain.",
        "partyrules facts --framework examples/frameworks/hoa-binh.toml",
        "partyrules facts --lang vi > facts.vi.md",
    ),
    "help.review": (
        "Kiểm điểm của một năm: tự đánh giá, thẩm định, quyết định, công nhận, đính chính.\n\n"
        "Mỗi bước được ghi thêm vào một tệp SQLite (--db); không gì bị ghi đè. Bước nào không được làm (cấp "
        "không có thẩm quyền, ngày ngoài thời hạn, đảng bộ trước các chi bộ của nó) thoát với mã 1, nêu mọi lý "
        "do và không ghi gì.",
        "The review of a year: self-assessment, appraisal, decision, recognition, corrections.\n\n"
        "Every stage is appended to a SQLite file (--db); nothing is ever overwritten. A step that may not be "
        "taken (a body without authority, a date outside the window, a committee before its cells) exits 1 with "
        "every reason and writes nothing.",
    ),
    "help.self-assess": _entry(
        "Ghi bản tự đánh giá của mọi đối tượng trong FILE: dữ kiện và mức tự xếp loại.",
        "Record the self-assessment of every subject in FILE: its facts and its proposed grade.",
        "partyrules review self-assess examples/ward-2025.yaml --db ward.sqlite --on 2025-12-05",
    ),
    "help.appraise": _entry(
        "Ghi kết quả thẩm định trong FILE của BODY, cấp quyết định: dữ kiện hay mức xếp loại thay đổi, mỗi thay "
        "đổi kèm lý do.",
        "Record the appraisal in FILE by BODY, the deciding body: changed facts or grades, each with its reason.",
        "partyrules review appraise examples/review/appraisal-2025.yaml --by hoa-binh --db ward.sqlite",
    ),
    "help.reverify": _entry(
        "Ghi kết quả thẩm tra, xác minh lại trong FILE của BODY, cấp ủy cấp trên của từng đối tượng (khiếu nại, "
        "dấu hiệu vi phạm hoặc mất đoàn kết).",
        "Record a re-verification in FILE by BODY, a committee above each subject (complaints, signs of "
        "violation or disunity).",
        "partyrules review reverify complaint.yaml --by tinh-uy --db ward.sqlite",
    ),
    "help.decide": _entry(
        "Quyết định, với tư cách BODY, mức xếp loại của các đối tượng đã tự đánh giá thuộc thẩm quyền của mình "
        "(tất cả, hoặc SUBJECTS), áp tỷ lệ khống chế, trong thời hạn của năm.",
        "Decide, as BODY, the grades of the self-assessed subjects it is competent for (all, or SUBJECTS), with "
        "the quota applied, in the year's window.",
        "partyrules review decide --by hoa-binh --year 2025 --db ward.sqlite --on 2025-12-20",
    ),
    "help.recognise": _entry(
        'Ghi, với tư cách BODY, việc công nhận "bốn tốt" cho các đối tượng mình đã quyết định trong năm.',
        "Record, as BODY, the Four-Good recognition of the subjects it decided in the year.",
        "partyrules review recognise --by hoa-binh --year 2025 --db ward.sqlite --on 2025-12-29",
    ),
    "help.correct": _entry(
        "Đính chính quyết định của năm cho SUBJECT: một bản ghi mới trỏ tới bản ghi được đính chính.",
        "Correct SUBJECT's decision for the year: a new record pointing to the one it corrects.",
        'partyrules review correct c07 --year 2025 --by tinh-uy --reason "Kết luận 12" --grade COMPLETED',
    ),
    "help.history": _entry(
        'Mức xếp loại và công nhận "bốn tốt" của SUBJECT qua các năm, và số năm liên tục.',
        "SUBJECT's grades and Four-Good recognitions over the years, and its streaks.",
        "partyrules review history c06 --explain --db ward.sqlite",
    ),
    "help.reproduce": _entry(
        "Đánh giá lại bản ghi RECORD đã lưu theo đúng phiên bản khung tiêu chí đã ghi, rồi so sánh.",
        "Evaluate stored RECORD again with its recorded framework version, and compare.",
        "partyrules review reproduce 12 --db ward.sqlite",
    ),
    "help.export": _entry(
        "Ghi các quyết định trong năm của BODY: bảng tổng hợp và danh sách (JSON, CSV hoặc XLSX).",
        "Write BODY's decisions of the year: the summary table and the list (JSON, CSV or XLSX).",
        "partyrules review export --by hoa-binh --year 2025 -o hoa-binh-2025.xlsx",
    ),
}
