"""Catalogue: the ``--help`` line of every option (key → (vi, en)).

``help.<command>.<option>`` is an option of one command; ``help.<option>`` is the line of an
option that means the same on every command that has it.
"""

_FRAMEWORK = (
    "Tên khung tiêu chí hoặc tệp khung (mặc định: khung tệp dữ liệu nêu, nếu không thì fourgood).",
    "Framework name or framework file (default: the file's, else fourgood).",
)

MESSAGES: dict[str, tuple[str, str]] = {
    # shared by the commands that have them
    "help.help": ("Hiện trợ giúp này rồi thoát.", "Show this message and exit."),
    "help.version": ("Hiện phiên bản rồi thoát.", "Show the version and exit."),
    "help.lang": ("Ngôn ngữ của kết quả in ra.", "Language of the output."),
    "help.backend": (
        "Bộ máy chạy các quy tắc: auto (durable khi đã cài, nếu không thì python), durable hoặc python.",
        "The engine that runs the rules: auto (durable where installed, else python), durable or python.",
    ),
    "help.framework": _FRAMEWORK,
    "help.framework_version": (
        "Một phiên bản của khung tiêu chí (mặc định: phiên bản có hiệu lực trong kỳ).",
        "A framework version (default: the one in force in the period).",
    ),
    "help.regime": ("Buộc dùng một quy định xếp loại (366 hoặc 124).", "Force a grading regime (366 or 124)."),
    "help.fmt": ("text, hoặc json cho các công cụ khác.", "text, or json for tools."),
    "help.db": ("Tệp SQLite của đợt kiểm điểm.", "The review's SQLite file."),
    "help.on": ("Ngày của bước này (mặc định: hôm nay).", "The date of the stage (default: today)."),
    "help.year": ("Năm được kiểm điểm.", "The year under review."),
    "help.by": ("Cấp quyết định.", "The deciding body."),
    "help.output": ("Ghi vào tệp này (toàn vẹn: hoặc đủ, hoặc không có).", "Write to this file (atomically)."),
    "help.force": ("Ghi đè tệp nếu đã có.", "Replace the file if it exists."),
    # the whole program
    "help.partyrules.plugins": (
        "Bỏ qua phần bổ trợ (entry point) hoặc gói NAME, như -p no:NAME của pytest.",
        "Leave out the plugin (entry point) or distribution NAME, as pytest's -p no:NAME.",
    ),
    "help.partyrules.limits": (
        "Nâng hoặc hạ một giới hạn đối với dữ liệu vào, ví dụ --limit file_size=1G (docs/explanation/security.md).",
        "Raise or lower a limit on input, e.g. --limit file_size=1G (docs/explanation/security.md).",
    ),
    "help.partyrules.allow_outside": (
        "Cho phép tệp khung tiêu chí (`extends`, hoặc `framework:` trong tệp dữ liệu) chỉ tới tệp ngoài thư mục của nó.",
        "Let framework files (`extends`, or `framework:` in an input) name files outside their folder.",
    ),
    "help.partyrules.quiet": (
        "Không hiện tiến độ và các dòng thông tin ở luồng lỗi chuẩn.",
        "No progress and no informational lines on standard error.",
    ),
    "help.partyrules.verbose": (
        "Nói thêm đã chọn gì và mất bao lâu.",
        "Also say what was chosen and how long it took.",
    ),
    # evaluate and explain
    "help.evaluate.fmt": (
        "table (mặc định), json, jsonl, csv hoặc xlsx; với --output thì phần mở rộng của tệp quyết định.",
        "table (the default), json, jsonl, csv or xlsx; with --output, the file's extension chooses.",
    ),
    "help.evaluate.trace": (
        "json/jsonl: chỉ bằng chứng của mỗi bản ghi (compact), hoặc kèm cả vết đầy đủ (full).",
        "json/jsonl: each record's evidence only (compact), or its full trace too.",
    ),
    "help.evaluate.full": (
        "Giải thích mọi đối tượng: mọi tiêu chí và mọi quy tắc.",
        "Explain every subject: every dimension and rule.",
    ),
    "help.evaluate.lang": ("Ngôn ngữ của kết quả dạng văn bản.", "Language of the text output."),
    "help.evaluate.workers": (
        "Số tiến trình đánh giá các đơn vị của tệp (kết quả như với một tiến trình).",
        "Worker processes evaluating the file's units (same output as one).",
    ),
    "help.evaluate.scheduler": (
        "Chạy trên cụm Dask này (cần partyrules[dask]).",
        "Run on this Dask cluster (needs partyrules[dask]).",
    ),
    "help.explain.fmt": ("text, hoặc json: vết đầy đủ.", "text, or json: the full trace."),
    "help.explain.framework": ("Tên khung tiêu chí hoặc tệp khung.", "Framework name or framework file."),
    # template, example, report, facts
    "help.template.framework": ("Tên khung tiêu chí hoặc tệp khung.", "Framework name or framework file."),
    "help.template.year": ("Năm được đánh giá, ghi vào mẫu.", "The year reviewed, written into the template."),
    "help.template.source": (
        "Điền vào mẫu các đối tượng của tệp dữ liệu này (YAML, JSON hoặc bảng tính).",
        "Fill the template with the subjects of this input file (YAML, JSON or a spreadsheet).",
    ),
    "help.template.lang": ("Ngôn ngữ của tiêu đề cột và hướng dẫn.", "Language of the headers and instructions."),
    "help.template.output": (
        "Tệp mẫu: .xlsx (mỗi cấp một trang, cần partyrules[xlsx]) hoặc .csv (một bảng).",
        "The template: .xlsx (a sheet per level, needs partyrules[xlsx]) or .csv (one table).",
    ),
    "help.template.force": (
        "Ghi đè tệp nếu đã có (một mẫu đã điền sẽ mất).",
        "Replace the file if it exists (a filled template would be lost).",
    ),
    "help.example.output": (
        "Ghi vào tệp này (mặc định: tên riêng của ví dụ).",
        "Write it to this file (default: its own name).",
    ),
    "help.report.output": ("Tệp báo cáo (.html).", "The report (.html)."),
    "help.report.lang": ("Ngôn ngữ của báo cáo.", "Language of the report."),
    "help.report.db": (
        "Một tệp kiểm điểm: so sánh với các quyết định của năm trước.",
        "A review database: compare with last year's decisions.",
    ),
    "help.facts.framework": (
        "Tên khung tiêu chí hoặc tệp khung (mặc định: fourgood).",
        "Framework name or framework file (default: fourgood).",
    ),
    # audit
    "help.audit.examples": ("Số ví dụ thử trong mỗi lần tìm.", "Examples tried per search."),
    "help.audit.seed": (
        "Hạt giống của các lần tìm (cùng hạt giống, cùng kết quả).",
        "Seed of the searches (same seed, same run).",
    ),
    "help.audit.properties": (
        "Chỉ kiểm định các thuộc tính này (lặp lại được; mặc định: tất cả).",
        "Check only these properties (repeatable; default: all).",
    ),
    "help.audit.kinds": ("Chỉ các loại đối tượng này.", "Only these kinds."),
    "help.audit.save": (
        "Ghi thêm mỗi phản ví dụ thành một tệp trong thư mục này.",
        "Also write each counterexample to a file here.",
    ),
    # review
    "help.review.fmt": ("table, hoặc json cho các công cụ khác.", "table, or json for tools."),
    "help.appraise.by": (
        "Cấp thẩm định (cơ quan tham mưu về tổ chức của cấp đó thực hiện).",
        "The body that appraises (its organisation advisory body acts).",
    ),
    "help.reverify.by": (
        "Cấp ủy cấp trên thẩm tra, xác minh lại.",
        "The committee above that re-verifies.",
    ),
    "help.decide.votes": (
        "Một kết quả biểu quyết: mã đối tượng=số tán thành/số không tán thành[/số không biểu quyết].",
        "A vote count: subject id=for/against[/abstaining].",
    ),
    "help.decide.late_reason": (
        "Lý do quyết định sau thời hạn (khi quy định của cấp đó cho phép).",
        "Why a decision after the deadline is made (where the body's rules allow it).",
    ),
    "help.decide.quota_base": ("Tỷ lệ 20% được tính trên số nào.", "What the 20% is of."),
    "help.decide.quota_share": (
        "Tối đa 0.25 (QĐ 366 Điều 11). Mặc định: của cấp quyết định, nếu không thì của khung tiêu chí.",
        "At most 0.25 (QĐ 366 Art. 11). Default: the body's, else the framework's.",
    ),
    "help.decide.rounding": (
        "Cách làm tròn số theo tỷ lệ: down (xuống), nearest (gần nhất) hoặc up (lên).",
        "How the quota's count is rounded: down, nearest or up.",
    ),
    "help.recognise.late_reason": (
        "Lý do công nhận sau thời hạn (khi quy định của cấp đó cho phép).",
        "Why a recognition after the deadline is made (where the body's rules allow it).",
    ),
    "help.correct.by": ("Cấp quyết định, hoặc cấp ủy cấp trên.", "The deciding body, or a committee above it."),
    "help.correct.reason": ("Lý do đính chính.", "Why the decision is corrected."),
    "help.correct.grade": ("Mức xếp loại đúng.", "The corrected grade."),
    "help.correct.facts": ("Một dữ kiện được đính chính.", "A corrected fact."),
    "help.history.year": ("Chỉ các bước của năm này (với --explain).", "Only this year's stages (with --explain)."),
    "help.history.full": (
        "Mọi bước: thay đổi gì, ai quyết định và vì sao, từng quy tắc một.",
        "Every stage, what changed, who decided and why, rule by rule.",
    ),
    "help.export.output": (".json, .csv hoặc .xlsx.", ".json, .csv or .xlsx."),
    "help.export.quota_base": ("Cơ sở của cột %.", "The base of the % column."),
    # what the command line itself refuses, and how an error is shown
    "cli.error": ("lỗi", "error"),
    "cli.version": ("{prog}, phiên bản {version}", "{prog}, version {version}"),
    "os.ENOENT": ("không có tệp hay thư mục này", "No such file or directory"),
    "os.EACCES": ("không có quyền truy cập", "Permission denied"),
    "os.EPERM": ("không được phép", "Operation not permitted"),
    "os.EISDIR": ("đây là một thư mục", "Is a directory"),
    "os.ENOTDIR": ("không phải một thư mục", "Not a directory"),
    "os.EEXIST": ("đã có", "File exists"),
    "os.ENOSPC": ("hết chỗ trống trên đĩa", "No space left on device"),
    "os.EROFS": ("hệ thống tệp chỉ cho đọc", "Read-only file system"),
    "os.ENAMETOOLONG": ("tên tệp quá dài", "File name too long"),
    "cli.plugin_block": (
        "cần no:NAME (một phần bổ trợ hoặc gói cần bỏ qua), nhận được {given!r}",
        "expected no:NAME (a plugin or distribution to leave out), got {given!r}",
    ),
}
