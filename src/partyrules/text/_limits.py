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
    "template.guide_sheet": ("Hướng dẫn", "Instructions"),
    "template.period": ("Năm đánh giá", "Year reviewed"),
    "template.framework": ("Khung tiêu chí", "Framework"),
    "template.expected": ("Nhập {expected}", "Enter {expected}"),
    "template.instructions": (
        "Cách điền:\n"
        "1. Ghi năm đánh giá ở ô B1 (khung tiêu chí ở ô B2 để nguyên, trừ khi địa phương có khung riêng).\n"
        "2. Mỗi đối tượng một dòng, từ dòng 3 của trang Đảng bộ, Chi bộ hoặc Đảng viên; dòng 2 là tên máy, không sửa.\n"
        "3. Cột 'Trực thuộc': mã đảng bộ của chi bộ, mã chi bộ của đảng viên (để trống nếu không kèm).\n"
        "4. Ô để trống là chưa biết: các tiêu chí đọc nó được ghi 'không xác định'.\n"
        "5. Có / Không cho các câu hỏi có hay không; số cho các số lượng.\n"
        "Rồi chạy: partyrules evaluate TỆP.xlsx -o ket-qua.xlsx",
        "How to fill it in:\n"
        "1. Write the year reviewed in B1 (leave the framework in B2, unless your locality has its own).\n"
        "2. One subject per row, from row 3 of the Committees, Cells or Members sheet; row 2 holds the machine names: do not change it.\n"
        "3. 'Parent': a cell's committee id, a member's cell id (empty when it is not listed).\n"
        "4. An empty cell is unknown: the rules that read it are 'unknown' in the trace.\n"
        "5. Yes / No for the yes-or-no questions; numbers for the counts.\n"
        "Then run: partyrules evaluate FILE.xlsx -o results.xlsx",
    ),
    "template.csv.level": ("Cấp (đảng bộ, chi bộ, đảng viên)", "Level (committee, cell, member)"),
    "template.csv.id": ("Mã", "Id"),
    "template.csv.name": ("Tên", "Name"),
    "template.csv.parent": ("Trực thuộc", "Parent"),
    "template.csv.period": ("Năm", "Year"),
    "template.written": ("đã ghi mẫu {path} cho khung {framework}", "wrote the template {path} for {framework}"),
    "sheet.no_machine_row": (
        "trang {sheet}: dòng 2 phải là dòng tên máy, bắt đầu bằng 'id' (như trong mẫu)",
        "sheet {sheet}: row 2 must be the row of machine names, starting with 'id' (as in the template)",
    ),
    "sheet.no_machine_row_csv": (
        "dòng 2 phải là dòng tên máy, bắt đầu bằng 'id' (như trong mẫu)",
        "row 2 must be the row of machine names, starting with 'id' (as in the template)",
    ),
    "sheet.unknown_parent": (
        "không có {level} mã {parent!r} trong tệp",
        "no {level} with id {parent!r} in the file",
    ),
    "sheet.unreadable": (
        "không đọc được bảng tính ({reason}); hãy lưu lại dưới dạng .xlsx",
        "the spreadsheet cannot be read ({reason}); save it again as .xlsx",
    ),
    "sheet.unknown_level": (
        "cấp {given!r} không có; dùng đảng bộ, chi bộ hoặc đảng viên",
        "unknown level {given!r}; use committee, cell or member",
    ),
    "cli.template_suffix": (
        "mẫu là tệp .xlsx hoặc .csv, nhận được {given!r}",
        "a template is a .xlsx or .csv file, got {given!r}",
    ),
    "cli.progress.evaluate": ("Đánh giá {file}", "Evaluating {file}"),
    "cli.progress.units": ("đơn vị", "units"),
    "cli.progress.audit": ("Kiểm định {framework}", "Auditing {framework}"),
    "cli.progress.properties": ("tính chất", "properties"),
    "cli.done": (
        "{units} đơn vị, {subjects} đối tượng trong {seconds} giây",
        "{units} units, {subjects} subjects in {seconds} s",
    ),
    "cli.exists": (
        "{path} đã có; thêm --force để ghi đè (một mẫu đã điền sẽ mất)",
        "{path} exists; add --force to replace it (a filled template would be lost)",
    ),
    "cli.stdin_once": (
        "lệnh này đọc tệp hai lần nên không đọc từ đầu vào chuẩn; hãy ghi ra tệp trước",
        "this command reads its file twice, so not from standard input; write it to a file first",
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
    "io.give_file_name": ("là một thư mục; hãy chỉ định tên tệp", "is a directory; give a file name"),
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
    "file.path_invalid": ("{target}: không phải đường dẫn hợp lệ", "{target}: not a valid path"),
    "file.path_hint": (
        "khung tiêu chí chỉ được dùng tệp trong thư mục của nó; --allow-outside để cho phép",
        "a framework may use files inside its own folder only; --allow-outside allows others",
    ),
}
