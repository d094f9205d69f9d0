"""Catalogue: what ``check``, ``rulesets`` and ``audit`` print (key → (vi, en))."""

MESSAGES: dict[str, tuple[str, str]] = {
    # partyrules check: a framework's summary
    "check.valid": ("khung tiêu chí {name} {version}: hợp lệ", "framework {name} {version}: valid"),
    "check.title": ("  tên: {title}", "  title: {title}"),
    "check.issuer": ("  cơ quan ban hành: {issuer}; văn bản: {document}", "  issuer: {issuer}; document: {document}"),
    "check.in_force": (
        "  hiệu lực: {period}; kế thừa: {extends}; mã sha256 {hash}",
        "  in force: {period}; extends: {extends}; sha256 {hash}",
    ),
    "check.kind": ("  {kind}: {count} quy tắc", "  {kind}: {count} rules"),
    "check.dimension": (
        "    {dimension}: {count} quy tắc, {points} điểm{weight}, {sanctions} quy tắc loại trừ/giới hạn/chặn",
        "    {dimension}: {count} rules, {points} points{weight}, {sanctions} vetoes/caps/blocks",
    ),
    "check.weight": (" (trọng số {weight})", " (weight {weight})"),
    "check.annual": ("xếp loại chất lượng", "annual grade"),
    "check.parameters": ("  tham số:", "  parameters:"),
    "check.parameter": ("    {name} = {value}{changed}  [{status}]", "    {name} = {value}{changed}  [{status}]"),
    "check.parameter_default": (" (mặc định {default})", " (default {default})"),
    "check.policy": (
        '  chính sách: "bốn tốt" cần ít nhất {grade}; ngưỡng điểm {bands}; dữ kiện chưa biết thì {unknown}; '
        "tỷ lệ khống chế {quota}",
        "  policy: Four-Good needs at least {grade}; bands {bands}; unknown facts count as {unknown}; quota {quota}",
    ),
    "check.differences": ("  khác với {name} {version}:", "  differences from {name} {version}:"),
    "check.parameter_added": ("    thêm tham số: {name} = {value}", "    parameter added: {name} = {value}"),
    "check.parameter_changed": ("    tham số {name}: {old} → {new}", "    parameter {name}: {old} → {new}"),
    "check.fact_added": (
        "    thêm dữ kiện ({kind}): {name} ({type}) {title}",
        "    fact added ({kind}): {name} ({type}) {title}",
    ),
    "check.derived_added": (
        "    thêm dữ kiện ({kind}): {name} = {formula}",
        "    fact added ({kind}): {name} = {formula}",
    ),
    "check.computed": ("tính bằng mã", "computed"),
    "check.rule_added": (
        "    thêm quy tắc ({kind}): {id} [{dimension}] {title}: {condition}",
        "    added ({kind}): {id} [{dimension}] {title}: {condition}",
    ),
    "check.rule_disabled": ("    bỏ quy tắc ({kind}): {id}{reason}", "    disabled ({kind}): {id}{reason}"),
    "check.points_changed": ("    điểm ({kind}) {id}: {old} → {new}", "    points ({kind}) {id}: {old} → {new}"),
    "check.policy_changed": ("    chính sách {name}: {old} → {new}", "    policy {name}: {old} → {new}"),
    "check.no_difference": ("    không có", "    none"),
    # partyrules rulesets
    "rulesets.head": ("Bộ tiêu chí:", "Rulesets:"),
    "rulesets.ruleset": (
        "  {name:<40} {count:>3} quy tắc ({confirmed} đã xác nhận, {default} mặc định)  [{origin}]  hợp lệ  {title}",
        "  {name:<40} {count:>3} rules ({confirmed} confirmed, {default} default)  [{origin}]  ok  {title}",
    ),
    "rulesets.frameworks": ("Khung tiêu chí:", "Frameworks:"),
    "rulesets.framework": (
        "  {name:<24} phiên bản {version:<8} hiệu lực {period:<11} [{origin}]  hợp lệ",
        "  {name:<24} version {version:<8} in force {period:<11} [{origin}]  ok",
    ),
    "rulesets.backends": ("Bộ máy đánh giá:", "Backends:"),
    "rulesets.python": ("  python     có sẵn (bộ thông dịch)", "  python     available (the interpreter)"),
    "rulesets.durable": (
        "  durable    có sẵn (durable_rules; mặc định)",
        "  durable    available (durable_rules; the default)",
    ),
    "rulesets.no_durable": (
        "  durable    chưa cài: pip install 'partyrules[durable]' (cần trình biên dịch C)",
        "  durable    not installed: pip install 'partyrules[durable]' (needs a C compiler)",
    ),
    # partyrules audit
    "audit.needs_hypothesis": (
        "lỗi: partyrules audit cần hypothesis: pip install 'partyrules[test]'",
        "error: partyrules audit needs hypothesis: pip install 'partyrules[test]'",
    ),
    "audit.cannot": ("không kiểm định được {framework}: {error}", "cannot audit {framework}: {error}"),
    "audit.start": (
        "kiểm định {name} {version}, {examples} ví dụ cho mỗi lần tìm, hạt giống {seed}",
        "auditing {name} {version} with {examples} examples per search, seed {seed}",
    ),
    "audit.checking": ("  đang kiểm {name}…", "  checking {name}…"),
    "audit.wrote": ("đã ghi {path}", "wrote {path}"),
    "audit.head": (
        "kiểm định {name} {version} (sha256 {hash}), hạt giống {seed}:",
        "audit of {name} {version} (sha256 {hash}), seed {seed}:",
    ),
    "audit.example": ("    ví dụ (partyrules evaluate đọc được):", "    example (partyrules evaluate reads it):"),
    "audit.counterexample": (
        "    phản ví dụ (partyrules evaluate đọc được):",
        "    counterexample (partyrules evaluate reads it):",
    ),
    "audit.accepted_by": ("    được chấp nhận theo ngoại lệ: {exemption}", "    accepted by exemption: {exemption}"),
    "audit.failed": (
        "KHÔNG ĐẠT: {failing} vi phạm, {accepted} được chấp nhận theo ngoại lệ ({checked})",
        "FAILED: {failing} violation(s), {accepted} accepted by exemptions ({checked})",
    ),
    "audit.passed": (
        "đạt: không có vi phạm, {accepted} được chấp nhận theo ngoại lệ ({checked})",
        "passed: no violation, {accepted} accepted by exemptions ({checked})",
    ),
    # the properties, and the findings of each
    "audit.property.totality": ("tính đầy đủ", "totality"),
    "audit.property.determinism": ("tính tất định", "determinism"),
    "audit.property.monotonicity": ("tính đơn điệu", "monotonicity"),
    "audit.property.agreement": ("sự thống nhất của các bộ máy", "agreement"),
    "audit.property.coverage": ("độ phủ", "coverage"),
    "audit.property.consistency": ("tính nhất quán", "consistency"),
    "audit.property.trace": ("vết đầy đủ", "trace"),
    "audit.failed_unknown": ("thất bại", "failed"),
    "audit.graded_without_grade": (
        "có xếp loại (graded={graded}) nhưng mức xếp loại là {grade}",
        "graded={graded} but grade={grade}",
    ),
    "audit.changes_after_others": (
        "kết quả thay đổi khi đánh giá sau các đối tượng khác",
        "the result changes after other subjects",
    ),
    "audit.changes_with_order": (
        "kết quả thay đổi khi các quy tắc theo thứ tự khác",
        "the result changes with the rules in another order",
    ),
    "audit.disagree": ("hai bộ máy đánh giá cho kết quả khác nhau", "the backends disagree"),
    "audit.disagree_on": (
        "hai bộ máy đánh giá cho kết quả khác nhau ở {rules}",
        "the backends disagree on {rules}",
    ),
    "audit.contradict": (
        "các quy tắc cùng điều kiện mâu thuẫn nhau: {shown}; chỉ quy tắc thấp nhất có thể áp dụng",
        "rules with the same condition contradict each other: {shown}; only the lowest can ever apply",
    ),
    "audit.rewarded_and_sanctioned": (
        "cùng một điều kiện được cộng điểm bởi {rewards} và bị xử lý bởi {sanctions}",
        "the same condition is rewarded by {rewards} and sanctioned by {sanctions}",
    ),
    "audit.shadowed": (
        "quy tắc {rule} bị che: hễ nó áp dụng thì một quy tắc loại trừ hay giới hạn ít nhất mạnh bằng cũng áp dụng "
        "(trong ví dụ: {also})",
        "rule {rule} is shadowed: whenever it applies, a veto or cap at least as strong applies too "
        "(in the example: {also})",
    ),
    "audit.all_apply": ("{rules} cùng áp dụng ở đây", "{rules} all apply here"),
    "audit.evaluated": ("kết quả đánh giá: {result}", "evaluated: {result}"),
    "audit.from_trace": ("dựng lại từ vết: {result}", "from the trace: {result}"),
    "audit.never": (
        "quy tắc {rule} không bao giờ {outcome} trong {examples} {kind} được sinh ra{why}",
        "rule {rule} is never {outcome} in {examples} generated {kind}s{why}",
    ),
    "audit.dead": (" (quy tắc chết: không bao giờ áp dụng được)", " (a dead rule: it can never apply)"),
    "audit.always": (" (luôn áp dụng)", " (it always applies)"),
    "audit.here_too": (
        "{rule}: {outcome} ở đây, như ở mọi nơi đã thử",
        "{rule}: {outcome} here, as everywhere it was tried",
    ),
    "audit.target_grade": ("mức {grade}", "grade {grade}"),
    "audit.target_four_good": ('"bốn tốt"', "Four-Good"),
    "audit.target_not_four_good": ('không "bốn tốt"', "not Four-Good"),
    "audit.unreached": (
        "{target} không bao giờ đạt được trong {examples} {kind} được sinh ra",
        "{target} is never reached in {examples} generated {kind}s",
    ),
    "audit.no_effect": (
        "quy tắc {rule} không bao giờ làm thay đổi kết quả nào trong {examples} {kind} được sinh ra (hễ nó áp "
        "dụng thì một quy tắc khác đã quyết định ít nhất như vậy)",
        "rule {rule} never changes any outcome in {examples} generated {kind}s (whenever it applies, another "
        "rule already decides as much)",
    ),
    "audit.worse": (
        "{direction} {fact} ({before} → {after}) làm kết quả xấu đi{through}",
        "{direction} {fact} ({before} → {after}) makes the result worse{through}",
    ),
    "audit.raising": ("tăng", "raising"),
    "audit.lowering": ("giảm", "lowering"),
    "audit.through": (" do {rules}", " through {rules}"),
    "audit.not_recomputable": (
        "không dựng lại được quyết định từ vết",
        "the decision cannot be recomputed from the trace",
    ),
    "audit.on_backend": ("{backend}: {result}{details}", "{backend}: {result}{details}"),
    "audit.rule_outcomes": ("{rule}: durable {durable}, python {python}", "{rule}: durable {durable}, python {python}"),
    "audit.details": (" ({details})", " ({details})"),
    "audit.veto": ("{rule} (loại trừ, {grade})", "{rule} (veto {grade})"),
    "audit.cap": ("{rule} (giới hạn {grade})", "{rule} (cap {grade})"),
    "audit.result": ('{grade}, "bốn tốt": {four_good}', "{grade}, Four-Good {four_good}"),
}
