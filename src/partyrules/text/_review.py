"""Catalogue: the review: the organisation, authority, the window, the quota, the stages and the
history database (key → (vi, en))."""

MESSAGES: dict[str, tuple[str, str]] = {
    # levels, organs, stages
    "level.province": ("đảng bộ tỉnh, thành phố", "provincial committee"),
    "level.above_grassroots": (
        "đảng bộ cấp trên cơ sở (xã, phường, đặc khu)",
        "above-grassroots committee (commune, ward)",
    ),
    "level.grassroots_committee": ("đảng bộ cơ sở", "grassroots committee"),
    "level.grassroots_cell": ("chi bộ cơ sở", "grassroots cell"),
    "level.intermediate_committee": ("đảng bộ bộ phận", "intermediate committee"),
    "level.subordinate_cell": ("chi bộ trực thuộc", "subordinate cell"),
    "level.member": ("đảng viên", "member"),
    "organ.standing_board": ("ban thường vụ", "standing board"),
    "organ.executive_committee": ("ban chấp hành", "executive committee"),
    "organ.cell": ("chi bộ", "the cell"),
    "stage.self_assessment": ("tự đánh giá", "self-assessment"),
    "stage.appraisal": ("thẩm định", "appraisal"),
    "stage.reverification": ("thẩm tra, xác minh lại", "re-verification"),
    "stage.decision": ("quyết định xếp loại", "decision"),
    "stage.recognition": ("công nhận bốn tốt", "Four-Good recognition"),
    "stage.correction": ("điều chỉnh, xếp loại lại", "correction"),
    "scope.subject": ("đối tượng {name!r}", "subject {name!r}"),
    "scope.body": ("tổ chức {name!r}", "body {name!r}"),
    # the organisation
    "review.level_required": (
        "cần cấp (level) của tổ chức này: nó không có trong danh sách được đánh giá",
        "a level is required: this body is not among the subjects listed",
    ),
    "review.unknown_level": (
        "cấp không hợp lệ {given}; các cấp: {known}",
        "unknown level {given}; the levels: {known}",
    ),
    "review.level_of_kind": (
        "cấp {level} không dùng được cho đối tượng loại {kind}; dùng một trong: {allowed}",
        "level {level} does not fit a subject of kind {kind}; use one of: {allowed}",
    ),
    "review.expect_names": ("một danh sách tên", "a list of names"),
    "review.quota_share": (
        "cần một tỉ lệ trong (0; 0,25] (QĐ 366 Điều 11: tối đa 25%), nhận được {given}",
        "expected a share in (0, 0.25] (QĐ 366 Art. 11: at most 25%), got {given}",
    ),
    "review.unknown_parent": (
        "tổ chức cấp trên {parent!r} của {id!r} không có trong tổ chức",
        "the parent {parent!r} of {id!r} is not in the organisation",
    ),
    "review.two_parents": (
        "{id!r} được liệt kê dưới {listed!r} nhưng khai cấp trên là {given!r}: mỗi đối tượng chỉ thuộc một cấp trên "
        "(chỉ được khai một đảng bộ bộ phận của {listed!r})",
        "{id!r} is listed under {listed!r} but names {given!r} as its parent: a subject has exactly one parent "
        "(only an intermediate committee of {listed!r} may be named)",
    ),
    "review.parent_level": (
        "{id!r} ({level}) không thể trực thuộc {parent!r} ({parent_level}); cấp trên được phép: {allowed}",
        "{id!r} ({level}) cannot sit under {parent!r} ({parent_level}); allowed parents: {allowed}",
    ),
    "review.cycle": ("vòng lặp cấp trên: {bodies}", "a cycle of parents: {bodies}"),
    # authority
    "review.authority": (
        "{decider} ({organ}) quyết định, theo {source}",
        "decided by {decider} ({organ}), per {source}",
    ),
    "review.province_central": (
        "{subject!r} là đảng bộ tỉnh: Bộ Chính trị, Ban Bí thư quyết định sau khi Ban Tổ chức Trung ương thẩm định "
        "(HD 43 §3), ngoài phạm vi partyrules",
        "{subject!r} is a provincial committee: the Politburo and the Secretariat decide after the Central Organisation "
        "Commission appraises (HD 43 §3), outside partyrules",
    ),
    "review.no_decider": (
        "không biết cấp có thẩm quyền quyết định cho {subject!r} ({level}): hãy khai cấp trên của nó trong organisation",
        "no competent body is known for {subject!r} ({level}): name its parent under organisation",
    ),
    "review.unknown_body": (
        "không có tổ chức {body!r} trong tổ chức của năm này",
        "no body {body!r} in this year's organisation",
    ),
    "review.not_competent": (
        "{body!r} không có thẩm quyền quyết định cho {subject!r}: cấp có thẩm quyền là {decider!r} (HD 43 §3)",
        "{body!r} is not competent to decide for {subject!r}: the competent body is {decider!r} (HD 43 §3)",
    ),
    "review.not_superior": (
        "{body!r} không phải cấp ủy cấp trên của {subject!r}; cấp quyết định là {decider!r}",
        "{body!r} is not a committee above {subject!r}; its deciding body is {decider!r}",
    ),
    # the window
    "review.too_early": (
        "ngày {on} trước năm đánh giá {year}",
        "{on} is before the year under review, {year}",
    ),
    "review.after_files": (
        "ngày {on} cũng quá hạn gửi hồ sơ năm {year} lên trước ngày 1/2 (HD 43 §4; hạn cuối {files_by})",
        "{on} is also past the files of {year}, due before 1 February (HD 43 §4; by {files_by})",
    ),
    "review.late_refused": (
        "ngày {on} sau hạn {closes} (HD 43 §4), và quy chế của {body!r} không cho quyết định muộn",
        "{on} is after the deadline, {closes} (HD 43 §4), and {body!r}'s rules allow no late decision",
    ),
    "review.late_needs_reason": (
        "ngày {on} sau hạn {closes}: quyết định muộn cần ghi lý do (--late-reason)",
        "{on} is after the deadline, {closes}: a late decision needs its reason (--late-reason)",
    ),
    # the stages
    "review.refused": (
        "không thực hiện được ({count} lý do), không ghi gì",
        "refused ({count} reasons); nothing written",
    ),
    "review.one_year": (
        "mỗi lần tự đánh giá là một năm: {year}, nhận được {given}",
        "one self-assessment is one year: {year}, got {given}",
    ),
    "review.already_decided": (
        "{subject!r} đã được quyết định xếp loại năm {year}: dùng `review correct` để điều chỉnh",
        "{subject!r} is already decided for {year}: use `review correct` to correct it",
    ),
    "review.already_appraised": (
        "{subject!r} đã được thẩm định năm {year}: tự đánh giá lại sẽ bỏ qua kết quả thẩm định",
        "{subject!r} is already appraised for {year}: a new self-assessment would drop the appraisal",
    ),
    "review.parent_decided": (
        "{subject!r}: cấp trên {parent!r} đã được quyết định năm {year}, không tự đánh giá thêm được",
        "{subject!r}: its parent {parent!r} is already decided for {year}; it can no longer self-assess",
    ),
    "review.correction_empty": (
        "{subject!r}: điều chỉnh phải thay đổi mức xếp loại hoặc dữ kiện (--grade, --fact)",
        "{subject!r}: a correction must change the grade or a fact (--grade, --fact)",
    ),
    "review.date_before": (
        "ngày {on} trước bước trước đó của cùng đối tượng (ngày {before})",
        "{on} is before the stage it follows, of {before}",
    ),
    "review.not_self_assessed": (
        "{subject!r} chưa tự đánh giá năm {year}",
        "{subject!r} has no self-assessment for {year}",
    ),
    "review.reason_required": (
        "{subject!r}: có thay đổi so với đề xuất thì phải ghi lý do (reason)",
        "{subject!r}: a change from the proposal needs its reason",
    ),
    "review.votes_not_decided": (
        "có số phiếu cho {subject!r} nhưng lần này không quyết định nó",
        "votes given for {subject!r}, which is not decided here",
    ),
    "review.nothing_to_decide": (
        "{body!r} không còn đối tượng nào thuộc thẩm quyền đã tự đánh giá năm {year} để quyết định",
        "{body!r} has no self-assessed subject of {year} left to decide",
    ),
    "review.collective_first": (
        "{subject!r}: tập thể trước, cá nhân sau: quyết định chi bộ {cell!r} trước (QĐ 366 Điều 7)",
        "{subject!r}: the collective before its members: decide the cell {cell!r} first (QĐ 366 Art. 7)",
    ),
    "review.lower_first": (
        "{subject!r}: cấp dưới trước, cấp trên sau: còn chưa quyết định {waiting} (QĐ 366 Điều 7)",
        "{subject!r}: lower levels before higher: still undecided: {waiting} (QĐ 366 Art. 7)",
    ),
    "review.nothing_to_recognise": (
        "{body!r} chưa quyết định xếp loại chi bộ, đảng bộ nào năm {year} (hoặc đã công nhận hết)",
        "{body!r} decided no cell or committee in {year} that is not yet recognised",
    ),
    "review.nothing_decided": (
        "{body!r} chưa quyết định xếp loại đối tượng nào năm {year}",
        "{body!r} decided no subject in {year}",
    ),
    "review.not_decided": (
        "{subject!r} chưa có quyết định xếp loại năm {year}",
        "{subject!r} has no decision for {year}",
    ),
    "review.unknown_grade": ("mức xếp loại không hợp lệ {given}", "unknown grade {given}"),
    "review.unknown_grade_known": (
        "mức xếp loại không hợp lệ {given}; các mức: {known}",
        "unknown grade {given}; the grades: {known}",
    ),
    "review.unknown_record": ("không có bản ghi số {id}", "no record number {id}"),
    "review.expect_changes": ("cần danh sách {label} không rỗng", "expected a non-empty list {label}"),
    "review.grounds": (
        "cần căn cứ thẩm tra lại (grounds), một trong: {known}; nhận được {given}",
        "expected the grounds of the re-verification, one of: {known}; got {given}",
    ),
    "review.nothing_changed": ("cần ít nhất facts hoặc grade", "expected facts or a grade, or both"),
    # the trace of the stages
    "review.step": ("{on} {stage}, {body}: {grade}", "{on} {stage} by {body}: {grade}"),
    "review.step_four_good": ("{on} {stage}, {body}: {verdict}", "{on} {stage} by {body}: {verdict}"),
    "review.recognised": ("công nhận bốn tốt", "recognised as Four-Good"),
    "review.not_recognised": ("không công nhận bốn tốt", "not recognised as Four-Good"),
    "review.changed_fact": ("dữ kiện {fact}: {old} → {new}", "fact {fact}: {old} → {new}"),
    "review.changed_grade": ("xếp loại: {old} → {new}", "grade: {old} → {new}"),
    "review.over_facts": (
        "khác mức các dữ kiện cho ({evaluated}), theo đánh giá của cấp thẩm định",
        "differs from the grade the facts give ({evaluated}), by the appraiser's judgement",
    ),
    "review.reason": ("lý do: {reason}", "reason: {reason}"),
    "review.grounds_were": ("căn cứ: {grounds}", "grounds: {grounds}"),
    "review.base.good": ("số HTTNV", "the number GOOD"),
    "review.base.good_or_better": ("số HTTNV trở lên", "the number GOOD or better"),
    "review.rounding.down": ("xuống", "down"),
    "review.rounding.nearest": ("gần nhất", "to the nearest"),
    "review.rounding.up": ("lên", "up"),
    "review.re_evaluated": (
        "đánh giá lại theo dữ kiện mới nhất của các chi bộ, đảng viên trực thuộc",
        "evaluated again on the latest facts of its cells and members",
    ),
    "review.proposed_by": ("do {body} đề xuất", "proposed by {body}"),
    "review.votes": (
        "biểu quyết: {yes} đồng ý, {no} không đồng ý, {abstain} không biểu quyết",
        "votes: {yes} for, {no} against, {abstain} abstaining",
    ),
    "review.exception": ("quyết định muộn, ngoại lệ: {reason}", "a late decision, as an exception: {reason}"),
    "review.corrects": ("điều chỉnh bản ghi số {id}", "corrects record {id}"),
    "review.recorded_with": (
        "khung {framework} {version} ({hash}), partyrules {library}",
        "framework {framework} {version} ({hash}), partyrules {library}",
    ),
    "review.rules_head": (
        "Các quy tắc, với dữ kiện của bản ghi số {id} (mức do dữ kiện cho, trước tỉ lệ và điều chỉnh của cấp có thẩm quyền):",
        "The rules, on the facts of record {id} (the grade the facts give, before the quota and the body's judgement):",
    ),
    "review.history_head": ("{subject}: các năm", "{subject}: the years"),
    "review.streaks": (
        "liên tục đến {through}: HTXSNV {excellent} năm, bốn tốt {four_good} năm",
        "running through {through}: EXCELLENT {excellent} years, Four-Good {four_good} years",
    ),
    "review.five_years": (
        "HTXSNV 5 năm liền: đủ điều kiện khen thưởng theo HD 06-HD/TW §19",
        "EXCELLENT 5 years running: eligible for the commendation of HD 06-HD/TW §19",
    ),
    "review.no_history": ("{subject!r} chưa có năm nào được quyết định", "{subject!r} has no decided year yet"),
    "review.reproduced_same": (
        "đánh giá lại bản ghi {id}: cùng kết quả",
        "record {id} evaluated again: the same result",
    ),
    "review.reproduced_differs": (
        "đánh giá lại bản ghi {id}: khác ({stored} → {again})",
        "record {id} evaluated again: different ({stored} → {again})",
    ),
    "review.written": ("đã ghi {count} bản ghi vào {db}", "wrote {count} records to {db}"),
    # the export (docs/forms.md §6)
    "export.kind": ("Đối tượng", "Subject"),
    "export.total": ("Tổng số", "Total"),
    "export.not_graded": ("Chưa xếp loại", "Not graded"),
    "export.share.good": ("Tỷ lệ % HTXSNV trong số HTTNV", "% EXCELLENT of those GOOD"),
    "export.share.good_or_better": ("Tỷ lệ % HTXSNV trong số HTTNV trở lên", "% EXCELLENT of those GOOD or better"),
    "export.limit": ("Tối đa HTXSNV theo tỉ lệ", "Most EXCELLENT the quota allows"),
    "export.note": ("Ghi chú", "Note"),
    "export.within": ("trong tỉ lệ", "within the quota"),
    "export.over": ("vượt tỉ lệ", "over the quota"),
    "export.total_row": ("Tổng cộng", "Total"),
    "export.subject": ("Mã", "Id"),
    "export.name": ("Tên", "Name"),
    "export.self_score": ("Điểm tự chấm", "Self-assessed score"),
    "export.proposed": ("Đề xuất", "Proposed"),
    "export.decided": ("Quyết định", "Decided"),
    "export.four_good": ("Bốn tốt", "Four-Good"),
    "export.moved_by_quota": ("Chuyển do tỉ lệ", "Moved by the quota"),
    "export.reasons": ("Lý do", "Reasons"),
    "export.on": ("Ngày", "Date"),
    "export.yes": ("Có", "Yes"),
    "export.no": ("Không", "No"),
    "export.summary_sheet": ("Tổng hợp", "Summary"),
    "export.list_sheet": ("Danh sách", "List"),
    "export.title": ("Kết quả xếp loại năm {year} do {body} quyết định", "Grades of {year} decided by {body}"),
    # the command line
    "cli.no_database": (
        "chưa có cơ sở dữ liệu {path}: bắt đầu bằng `partyrules review self-assess`",
        "no database at {path}: start with `partyrules review self-assess`",
    ),
    "cli.votes": (
        "cần SUBJECT=FOR/AGAINST[/ABSTAIN] (mã đối tượng=số tán thành/số không tán thành[/số không biểu quyết]), "
        "nhận được {given!r}",
        "expected SUBJECT=FOR/AGAINST[/ABSTAIN], got {given!r}",
    ),
    "cli.fact_option": ("cần TÊN=GIÁ_TRỊ, nhận được {given!r}", "expected NAME=VALUE, got {given!r}"),
    "cli.export_suffix": (
        "tệp xuất phải là .json, .csv hoặc .xlsx, nhận được {given}",
        "the export must be .json, .csv or .xlsx, got {given}",
    ),
    # the database
    "store.unusable": ("không dùng được cơ sở dữ liệu {path}: {error}", "cannot use the database {path}: {error}"),
    "store.newer": (
        "cơ sở dữ liệu {path} ở phiên bản lược đồ {version}, mới hơn bản partyrules này hiểu ({known}): hãy nâng cấp partyrules",
        "the database {path} has schema version {version}, newer than this partyrules knows ({known}): upgrade partyrules",
    ),
    "store.duplicate": (
        "đã có {stage} cho {subject!r} năm {year} (có thể do một tiến trình khác vừa ghi)",
        "there is already a {stage} for {subject!r} in {year} (another process may just have written it)",
    ),
}
