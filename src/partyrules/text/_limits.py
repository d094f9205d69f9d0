"""Catalogue: the limits on input, and what reading and writing files refuses (key → (vi, en))."""

MESSAGES: dict[str, tuple[str, str]] = {
    "what.limits": ("các giới hạn (--limit)", "the limits (--limit)"),
    "limit.unknown": ("không có giới hạn {name}; có: {known}", "unknown limit {name}; known: {known}"),
    "limit.value": (
        "giới hạn {name}: cần một số nguyên dương (có thể kèm k, M, G), nhận được {given}",
        "limit {name}: expected a positive integer (k, M or G may follow), got {given}",
    ),
    "limit.values": (
        "quá nhiều giá trị (kể cả các bí danh YAML được mở rộng); tối đa {limit} (giới hạn 'values')",
        "too many values (YAML aliases expanded); at most {limit} (limit 'values')",
    ),
    "limit.string": (
        "một chuỗi {length} ký tự; tối đa {limit} (giới hạn 'string')",
        "a text of {length} characters; at most {limit} (limit 'string')",
    ),
    "limit.integer": (
        "một số nguyên {digits} chữ số; tối đa {limit} chữ số (giới hạn 'integer_digits')",
        "an integer of {digits} digits; at most {limit} digits (limit 'integer_digits')",
    ),
    "limit.integer_parse": (
        "một số nguyên hơn {limit} chữ số (giới hạn 'integer_digits')",
        "an integer of more than {limit} digits (limit 'integer_digits')",
    ),
    "limit.finite": ("cần một số hữu hạn, nhận được {given}", "expected a finite number, got {given}"),
    "limit.depth": (
        "lồng nhau quá {limit} cấp (giới hạn 'depth')",
        "nested more than {limit} levels deep (limit 'depth')",
    ),
    "limit.depth_parse": ("lồng nhau quá sâu để đọc", "nested too deeply to be read"),
    "limit.subjects": (
        "{count} đối tượng trong một đơn vị; tối đa {limit} (giới hạn 'subjects')",
        "{count} subjects in one unit; at most {limit} (limit 'subjects')",
    ),
    "limit.period": (
        "kỳ {given} ngoài khoảng hợp lý {low}–{high} (giới hạn 'period_min', 'period_max')",
        "period {given} is outside the plausible range {low}–{high} (limits 'period_min', 'period_max')",
    ),
    "limit.file_size": (
        "{size} byte; tối đa {limit} byte (giới hạn '{name}')",
        "{size} bytes; at most {limit} bytes (limit '{name}')",
    ),
    "limit.unit_size": (
        "một đơn vị dài hơn {limit} byte (giới hạn 'unit_size')",
        "a unit longer than {limit} bytes (limit 'unit_size')",
    ),
    "limit.extends": (
        "chuỗi 'extends' dài hơn {limit} tệp (giới hạn 'extends'): {chain}",
        "the 'extends' chain is longer than {limit} files (limit 'extends'): {chain}",
    ),
    "example.written": ("đã ghi ví dụ {name} vào {path}", "wrote the example {name} to {path}"),
    "sheet.level.committee": ("Đảng bộ", "Committees"),
    "sheet.level.cell": ("Chi bộ", "Cells"),
    "sheet.level.member": ("Đảng viên", "Members"),
    "sheet.parent": ("Trực thuộc", "Parent"),
    "sheet.period": ("Năm", "Year"),
    "sheet.grade": ("Xếp loại", "Grade"),
    "sheet.score": ("Điểm", "Score"),
    "sheet.summary_title": (
        "Kết quả xếp loại do {body} ({id}) quyết định",
        "Grades decided by {body} ({id})",
    ),
    "sheet.summary_loose": (
        "Chi bộ, đảng viên không kèm đảng bộ của mình trong tệp",
        "Cells and members listed without their committee",
    ),
    "sheet.quota_line": (
        "Tỉ lệ HTXSNV: không quá {percent}% số HTTNV, làm tròn xuống (Quy định 366-QĐ/TW, Điều 11)",
        "Quota: EXCELLENT at most {percent}% of those GOOD, rounded down (Quy định 366-QĐ/TW, Art. 11)",
    ),
    "problems.more": ("… và {count} vấn đề khác", "… and {count} more problems"),
    "io.not_regular": (
        "không phải tệp thông thường ({what}); partyrules chỉ đọc tệp thông thường",
        "not a regular file ({what}); partyrules reads regular files only",
    ),
    "io.kind.directory": ("một thư mục", "a directory"),
    "io.kind.fifo": ("một ống dẫn", "a pipe"),
    "io.kind.device": ("một thiết bị", "a device"),
    "io.kind.socket": ("một socket", "a socket"),
    "io.kind.other": ("không rõ loại", "of another kind"),
    "io.symlink_loop": ("đường dẫn có vòng lặp liên kết tượng trưng", "the path has a symbolic link loop"),
    "out.not_regular": (
        "không phải tệp thông thường ({what}); chỉ ghi vào một tệp thông thường hoặc một đường dẫn mới",
        "not a regular file ({what}); output goes only to a regular file or a new path",
    ),
    "out.is_input": (
        "đây là tệp đầu vào {input}; hãy chọn một tệp kết quả khác",
        "this is the input file {input}; give another output file",
    ),
    "file.path_absolute": (
        "{target}: đường dẫn tuyệt đối không được phép",
        "{target}: an absolute path is not allowed",
    ),
    "file.path_parent": (
        "{target}: '..' không được phép trong đường dẫn",
        "{target}: '..' is not allowed in the path",
    ),
    "file.path_outside": (
        "{target}: ra ngoài thư mục {root}",
        "{target}: leaves the folder {root}",
    ),
    "file.path_hint": (
        "khung tiêu chí chỉ được dùng tệp trong thư mục của nó; --allow-outside để cho phép",
        "a framework may use files inside its own folder only; --allow-outside allows others",
    ),
}
