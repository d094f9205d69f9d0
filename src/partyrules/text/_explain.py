"""Catalogue: the sentences of explanations: reasons, and the words of the text output
(key → (vi, en))."""

MESSAGES: dict[str, tuple[str, str]] = {
    # a rule's effect and the status of its numbers, in a rule line
    "effect.points": ("cộng điểm", "points"),
    "effect.points_required": ("cộng điểm, bắt buộc", "points, required"),
    "effect.required": ("bắt buộc", "required"),
    "effect.veto": ("buộc xếp loại", "veto"),
    "effect.cap": ("tối đa", "cap"),
    "effect.blocks_four_good": ("chặn bốn tốt", "blocks Four-Good"),
    "effect.excludes": ("không xếp loại", "excludes"),
    "status.confirmed": ("đã xác nhận", "confirmed"),
    "status.default": ("mặc định", "default"),
    "word.if": ("nếu", "if"),
    "policy.unknown.worst": ("tính là không đạt", "worst"),
    "policy.unknown.best": ("tính là đạt", "best"),
    "policy.unknown.error": ("báo lỗi", "error"),
    # why a subject did not reach a level
    "reason.score_below": ("điểm {score} < {needed} cần cho {grade}", "score {score} < {needed} needed for {grade}"),
    "reason.score_unknown": ("thiếu điểm ({facts})", "score unknown (missing {facts})"),
    "reason.criteria_poor": ("tiêu chí xếp loại Kém: {criteria}", "criteria rated poor: {criteria}"),
    "reason.task_rating_below": (
        "kết quả nhiệm vụ ({task}) là {rating}, cần {needed}",
        "task results ({task}) rated {rating}, {needed} needed",
    ),
    "reason.criteria_below_good": ("tiêu chí dưới mức Tốt: {criteria}", "criteria below good: {criteria}"),
    "reason.quota_moved": (
        "chuyển xuống HTTNV do tỉ lệ: thứ {rank} trong {allowed} được phép ({proposed} đề xuất HTXSNV; tối đa "
        "{percent}% của {base}, làm tròn {rounding}; QĐ 366 Điều 11)",
        "moved to GOOD by the quota: rank {rank} of {allowed} allowed ({proposed} proposed EXCELLENT; at most "
        "{percent}% of {base}, rounded {rounding}; QĐ 366 Art. 11)",
    ),
    "reason.quota_kept": (
        "trong tỉ lệ HTXSNV: thứ {rank} trong {allowed} được phép ({proposed} đề xuất; tối đa {percent}% của {base})",
        "within the quota on EXCELLENT: rank {rank} of {allowed} allowed ({proposed} proposed; at most {percent}% "
        "of {base})",
    ),
    "reason.capped": (
        "{title} [{rule}: {condition}] giới hạn ở mức {grade}",
        "{title} [{rule}: {condition}] caps the grade at {grade}",
    ),
    "reason.vetoed_grade": (
        "{title} [{rule}: {condition}] buộc xếp loại {grade}",
        "{title} [{rule}: {condition}] forces {grade}",
    ),
    "reason.share_below": (
        "{dimension}: {score}/{max} điểm, dưới ngưỡng {needed_pct}",
        "{dimension}: {score}/{max} points, below the {needed_pct} threshold",
    ),
    "reason.required_failed": (
        "không đạt tiêu chí bắt buộc: {title} [{rule}: {condition}]",
        "required criterion not met: {title} [{rule}: {condition}]",
    ),
    "reason.vetoed": ("{title} [{rule}]", "veto applies: {title} [{rule}]"),
    "reason.unknown": ("{rule}: thiếu dữ liệu", "{rule}: unknown (a fact is missing)"),
    "reason.dimension_not_good": (
        "{dimension} chưa tốt ({rating}, {score}/{max})",
        "{dimension} not good ({rating}, {score}/{max})",
    ),
    "reason.blocked": ("không đạt: {title} [{rule}: {condition}]", "not met: {title} [{rule}: {condition}]"),
    "reason.grade_below": (
        "xếp loại {grade} thấp hơn mức tối thiểu {needed}",
        "grade {grade} below the minimum {needed}",
    ),
    "reason.not_graded": ("không xếp loại ({rules})", "not graded ({rules})"),
    "reason.excellent_needs_good_dimensions": (
        "HTXSNV cần mọi tiêu chí đều tốt; chưa tốt: {dimensions}",
        "EXCELLENT needs every dimension good; not good: {dimensions}",
    ),
    # the words of the text output
    "word.four_good": ("Bốn tốt", "Four-Good"),
    "word.yes": ("có", "yes"),
    "word.no": ("không", "no"),
    "word.why_not": ("vì", "because"),
    "word.not_graded": ("không xếp loại", "not graded"),
    "word.next": ("Chưa đạt mức {grade} vì", "Not {grade} because"),
    "word.why_not_four_good": ("Chưa đạt bốn tốt vì", "Not Four-Good because"),
    "word.incomplete": ("(thiếu dữ liệu: một số tiêu chí không xác định)", "(incomplete: some criteria unknown)"),
    "word.framework_line": (
        "Khung tiêu chí: {name} {version} (hiệu lực {period}; sha256 {hash}) · Quy định {regime} · "
        "bộ máy {backend} · chính sách khi thiếu dữ liệu: {policy}",
        "Framework: {name} {version} (in force {period}; sha256 {hash}) · Regime {regime} · "
        "backend {backend} · unknown policy: {policy}",
    ),
    "word.dimensions": ("Tiêu chí", "Dimensions"),
    "word.rules": ("Chi tiết tiêu chí", "Criteria"),
    "word.score": ("điểm", "score"),
    "word.children": ("Đơn vị trực thuộc", "Listed"),
    "word.children_four_good": ("{count} ({parts}); bốn tốt {share}", "{count} ({parts}); Four-Good {share}"),
    "word.not_four_good_list": ("; chưa bốn tốt: {ids}", "; not Four-Good: {ids}"),
}
