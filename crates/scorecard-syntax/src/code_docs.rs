//! The long form of every diagnostic code, for `scorecard explain-error`.

use crate::{Code, Lang};

impl Code {
    /// A paragraph explaining the code: what it means, an example, and how to fix it.
    pub fn explanation(self, lang: Lang) -> &'static str {
        let (zh, en) = texts(self);
        lang.pick(zh, en)
    }

    /// Looks a code up by its text, e.g. `"E0101"` (case-insensitive).
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

fn texts(code: Code) -> (&'static str, &'static str) {
    match code {
        Code::FileTooLarge => (
            "规则文件超过大小上限（默认 4 MiB）。一张绩效目标表通常只有几十 KB；过大的文件多半选错了文件。\n修改：确认文件无误；确需更大的表时拆成多个文件，或在嵌入时调高 Limits::with_max_file_bytes。",
            "The rule file is larger than the size limit (4 MiB by default). A performance table is usually a few dozen KB, so a larger file is probably the wrong file.\nFix: check the file; split a genuinely large table, or raise Limits::with_max_file_bytes when embedding.",
        ),
        Code::TooManyIndicators => (
            "三级指标的数量超过上限（默认 10,000 个）。\n修改：拆分文件，或调高 Limits::with_max_indicators。",
            "The file has more indicators than the limit (10,000 by default).\nFix: split the file, or raise Limits::with_max_indicators.",
        ),
        Code::NumberOutOfRange => (
            "数字的有效位数超过 28 位，或换算为基本单位后超出范围，无法精确表示。本引擎从不对数字做隐含的舍入。\n修改：检查数字是否多写了位数；金额可改用更大的单位（如 万元、亿元）。",
            "A number has more than 28 significant digits, or is too large once converted to its base unit, so it cannot be represented exactly. The engine never rounds numbers silently.\nFix: check for extra digits; write amounts in a larger unit (万元, 亿元).",
        ),
        Code::NulByte => (
            "文件中含有 NUL 字节（\\0）。规则文件是纯文本，这通常说明选中了二进制文件或文件已损坏。\n修改：用文本编辑器另存为 UTF-8 文本。",
            "The file contains a NUL byte (\\0). Rule files are plain text, so this usually means a binary or damaged file.\nFix: save the file as UTF-8 text from a text editor.",
        ),
        Code::TooManyTiers => (
            "一个指标的评分档位超过上限（默认 1,000 档；`评分`、`加分` 的档位与 `得分` 的分档、`按等级` 的等级合计）。\n修改：拆分该指标，或调高 Limits::with_max_tiers（命令行 `--max-tiers`）。",
            "One indicator has more tiers than the limit (1,000 by default; the tiers of `scoring` and `bonus`, the bands of `score` and the grades of `by grade` count together).\nFix: split the indicator, or raise Limits::with_max_tiers (`--max-tiers` on the command line).",
        ),
        Code::TooDeep => (
            "表达式嵌套过深：括号或函数嵌套超过 64 层，或运算符叠加超过 256 步（如 257 项相加，`a + b + c` 算两步）。上限保护引擎不因恶意或错误生成的文件而崩溃。\n修改：把它拆成几个 `计算` 步骤，每步算一部分。",
            "An expression is nested too deeply: parentheses or function calls more than 64 levels deep, or more than 256 operators stacked on one another (such as a sum of 257 terms; `a + b + c` is two). The limit keeps hostile or badly generated files from crashing the engine.\nFix: split it into several `let` steps that each compute a part.",
        ),
        Code::BandsOverlap => (
            "（警告）`得分` 的两档有重叠，重叠部分只按前一档计分。常见于 `0-10%(含)；10-20%` 这类写法里边界的归属不明。\n修改：用（含）/（不含）标明边界归哪一档。",
            "(warning) Two bands of a `score` statement overlap; values in both score by the earlier band. Typical when a shared bound's owner is not marked.\nFix: mark bounds with inclusive/exclusive.",
        ),
        Code::BandsGap => (
            "（警告）有些取值不属于 `得分` 的任何一档，这样的记录评分时会报错（NoBand），不会被悄悄算作 0 分。\n修改：补上缺少的一档，或以 `否则…` 结尾。",
            "(warning) Some values fall in no band of a `score` statement; such records are rejected (NoBand), never silently scored 0.\nFix: add the missing band, or end with `otherwise`.",
        ),
        Code::MayDivideByZero => (
            "（警告）除数是一个可能为 0 的输入，而没有声明除数为零时的取值；这样的记录评分时会报错。\n修改：加上 `，除数为零时为 100%` 之类的声明，或为该输入声明大于 0 的范围。",
            "(warning) A divisor is an input that may be 0 and no value for that case is declared; such records are rejected.\nFix: add `, if zero 100%` (or another value), or declare the input's range above 0.",
        ),
        Code::BonusNeverCounts => (
            "（警告）该指标有加分，但没有任何扣分或计分规则会让它低于满分，而加分不能超过满分，所以加分永远不起作用。\n修改：检查是否漏写了扣分，或声明 `加分可超过满分`。",
            "(warning) The indicator has a bonus, but nothing lowers it below its points and bonuses cannot exceed them, so the bonus never counts.\nFix: check for a missing deduction, or declare `bonus may exceed full marks`.",
        ),
        Code::BadDate => (
            "日期不存在，如 `2021-02-30`。\n修改：写成有效的日期，如 `2021-06-30` 或 `2021年6月30日`。",
            "The date does not exist, such as `2021-02-30`.\nFix: write a real date, e.g. `2021-06-30`.",
        ),
        Code::InvalidUtf8 => (
            "文件不是有效的 UTF-8 文本。Excel 或旧系统导出的中文文件常为 GBK/GB18030 编码。\n修改：用编辑器把文件另存为 UTF-8（如 VS Code 右下角“通过编码保存”，或 iconv -f GB18030 -t UTF-8）。",
            "The file is not valid UTF-8. Chinese files exported from Excel or older systems are often GBK/GB18030.\nFix: re-save the file as UTF-8 (e.g. `iconv -f GB18030 -t UTF-8`).",
        ),
        Code::Syntax => (
            "这一处不符合规则语言的写法。信息会列出此处应出现的内容。常见原因：比较词写错（如 `低与`）、扣分漏写“分”（`扣3` 应为 `扣3分`）、名称中含数字或标点却没有用「」括起来。\n例：`评分 满意度低于90%，扣3` → `评分 满意度低于90%，扣3分`。",
            "The text does not follow the language's syntax; the message lists what was expected here. Common causes: a misspelt comparison word (`belw`), a deduction without its amount (`→ −`), or a name with digits or punctuation that is not quoted.\nExample: `scoring: satisfaction belw 90% → −3` → `scoring: satisfaction below 90% → −3`.",
        ),
        Code::UnknownName => (
            "用到了一个没有声明的名称。评分条件中的名称必须先用 `输入` 或 `常量` 声明。\n例：`输入 满意度 = sat（%）` 之后才能写 `满意度低于90%`。信息中的“是否想写”给出最接近的已声明名称。",
            "A name is used but never declared. Names in tiers must be declared with `input` or `const` first.\nExample: after `input satisfaction = sat (%)` you can write `satisfaction below 90%`. The \"did you mean\" help suggests the closest declared name.",
        ),
        Code::DuplicateName => (
            "同一个名称被声明了两次（输入或常量）。\n修改：删除重复的声明，或给其中一个改名。",
            "A name is declared twice (as an input or a constant).\nFix: remove one declaration, or rename one.",
        ),
        Code::DuplicateIndicator => (
            "同一个上级指标下有两个同名的指标，报告中无法区分。\n修改：改名或合并两处。",
            "Two indicators under the same group have the same name, so the report could not tell them apart.\nFix: rename one, or merge them.",
        ),
        Code::DuplicateKey => (
            "两个输入读取测量数据中的同一个字段。\n修改：每个字段只声明一次；需要两个名称时只保留一个声明。",
            "Two inputs read the same record key.\nFix: declare each key once.",
        ),
        Code::NoSubject => (
            "这一档没有写明比较的是哪个测量值，前面的档位也没有，指标也没有声明 `度量`。\n修改：写成 `年办件量低于上期90%，扣3分`，或给指标加一行 `度量 年办件量`。",
            "The tier does not say which input it compares, no earlier tier of the statement did, and the indicator has no `measure`.\nFix: write `cases below 90% of last year → −3`, or add `measure cases` to the indicator.",
        ),
        Code::NoDeviationBase => (
            "`超出（低于）` 需要一个基准，如 `超出（低于）年初预算10%`，之后的档位可以省略基准，沿用前一档的；按步扣分（`每超过1个百分点`）需要起算的基准：写 `较100%…`，或为指标写 `指标值`。\n修改：在第一档写出基准，或补上 `指标值`。",
            "`over or under` needs a reference, as in `over or under budget by 10%` (later tiers may reuse it); a per-step tier counted from a reference (`each 1 pp over`) needs one: write `from 100% each …` or give the indicator a `target`.\nFix: name the reference, or add a `target`.",
        ),
        Code::WrongKind => (
            "名称指向的东西用错了地方：比较对象写成了常量（常量只能作基准，如 `低于预算90%`）；`评分` 中写了加分或 `加分` 中写了扣分；对数值输入写了“是否/等级”式的条件（应写比较词）；`不适用条件` 不是“是否”类输入；`按等级` 的输入不是“等级”类。\n修改：按信息所说改用正确种类的输入或写法。",
            "A name is used where its kind does not fit: a constant as the compared value (constants are references only); a bonus tier in `scoring` or a deduction in `bonus`; a yes/no-style condition on a numeric input (it needs a comparison word); a `not applicable if` input that is not yes/no; a `by grade` input that is not a grade input.\nFix: use an input of the right kind, as the message says.",
        ),
        Code::NoScoring => (
            "指标没有任何计分规则（`评分`、`得分`、`加分` 或 `酌情扣分`），无法计分。\n修改：加上规则，如 `评分 满意度低于90%，扣3分` 或 `得分 = 分值 × 执行率`。",
            "The indicator has no rule (`scoring`, `score`, `bonus` or `discretionary`), so it cannot be scored.\nFix: add one, e.g. `scoring: satisfaction below 90% → −3` or `score = points × execution rate`.",
        ),
        Code::NoAssessor => (
            "某一档的得分是一个区间（如 `得3～5分`），由评审人在区间内评定，但既没有写明评定分从哪个输入读取，文件也没有 `未评定时` 设置。\n修改：在该 `得分` 行末尾写 `；评定分 评审得分`，并声明 `输入 评审得分 = review_score（分）`；或在文件开头写 `未评定时 取上限`（或 `取下限`、`取中间值`）。",
            "A band gives a range of points (e.g. `→ 3 to 5`) for an assessor to choose within, but no input holds the assessor's score and the file has no `if not assessed` setting.\nFix: end the `score` line with `; assessed review mark` and declare `input review mark = review_mark (分)`; or write `if not assessed: top of range` (or `bottom of range`, `middle of range`) at the top of the file.",
        ),
        Code::ListMismatch => (
            "输入声明为多次读数的列表（如 `（%，列表）`），却用在只需要一个值的地方；或反过来，`每次`、`平均` 等用在只有一个值的输入上。\n修改：按每次读数扣分写 `每次抽检合格率低于95%扣0.5分`；需要一个值时先 `计算 平均合格率 = 平均(抽检合格率)`（或 `最低`、`最高`、`合计`、`个数`）；只有一个值的输入去掉 `每次`，或声明为列表。",
            "An input declared as a list of readings (e.g. `(%, list)`) is used where one value is needed; or `every`, `average` and the like are used on an input with one value.\nFix: to count readings write `every sample rate below 95% → −0.5`; for one value first `let mean rate = average(sample rate)` (or `lowest`, `highest`, `sum`, `count`); on a single-value input drop `every`, or declare it a list.",
        ),
        Code::UnknownUnit => (
            "单位不在已知列表中，或数值缺少必需的单位。已知单位：% 个百分点 百分点 pp 件 万件 元 千元 万元 亿元 次 人次 万人次 人 万人 天 日 周 小时 个月 月 年 个 户 项 起 篇 名 台 台次 辆 套 所 家 场 期 批次 公顷 亩 万亩 平方米 公里 公斤 千克 吨 分 day days month months year years。\n修改：改用已知单位；常量必须写单位，如 `241.73万元`。",
            "The unit is not a known one, or a value needs a unit. Known units: % 个百分点 百分点 pp 件 万件 元 千元 万元 亿元 次 人次 万人次 人 万人 天 日 周 小时 个月 月 年 个 户 项 起 篇 名 台 台次 辆 套 所 家 场 期 批次 公顷 亩 万亩 平方米 公里 公斤 千克 吨 分 day days month months year years.\nFix: use a known unit; constants need one, e.g. `241.73万元`.",
        ),
        Code::UnitMismatch => (
            "比较了两个单位不兼容的量，如把以“件”计的输入与 90% 比较。同类单位（元、万元、亿元）会精确换算；不同类的不能比较。“个百分点”（两个比率之差）与“%”（相对某个基准的比例）也不能混用。\n修改：使用与输入同类的单位。",
            "Two quantities of incompatible units are compared, such as an input in 件 with 90%. Units of one kind (元, 万元, 亿元) convert exactly; different kinds cannot be compared. Percentage points (个百分点, a difference of rates) and percent (a share of a reference) cannot be mixed either.\nFix: use a unit of the input's kind.",
        ),
        Code::NotAPercentage => (
            "比例或容差必须写成百分数，如 `上期90%`、`超出（低于）年初预算10%`。\n修改：在数字后加 %。",
            "A share or tolerance must be a percentage, as in `90% of last year` or `over or under budget by 10%`.\nFix: add % after the number.",
        ),
        Code::BadRange => (
            "范围的下限大于上限，或按次扣分的步长不大于 0。\n修改：写成 `范围 0～100`；步长须为正数。",
            "A range's lower bound is above its upper bound, or a per-step deduction has a step of 0 or less.\nFix: write `range 0 to 100`; steps must be positive.",
        ),
        Code::DivideByZero => (
            "除数恒为 0（如 `满意度 ÷ 0`、`÷ (1 − 1)`），每条记录都会因此报错。\n修改：改为应除的输入或常量；若确实需要，在 `计算` 末尾写 `，除数为零时为 …` 给出此时的取值。",
            "A divisor is always 0 (`satisfaction / 0`, `/ (1 - 1)`), so every record would be rejected.\nFix: divide by the input or constant meant; if intended, end the `let` with `, if zero …` to give the value.",
        ),
        Code::PointsUnbounded => (
            "指标没有写 `分值`，而分值无法从规则推出：按次、按步扣分没有上限；公式、按等级、`得满分`/`得80%分值` 都以分值为准。\n修改：加上 `分值 N分`；扣分到 N 分为止（扣完为止）。",
            "The indicator has no `points` and they cannot be derived: per-count and per-step deductions have no largest value; formulas, grades, `full` and shares are relative to the points.\nFix: add `points N`; deductions stop at N.",
        ),
        Code::TotalMismatch => (
            "各指标分值之和与 `总分` 不符。未写分值的指标按其最大扣分计。帮助信息列出了每个指标的分值。\n修改：修正某个指标的分值或总分。",
            "The indicators' points do not add up to the declared `total`. An indicator without `points` counts its largest deduction; the help lists every indicator's points.\nFix: correct an indicator's points or the total.",
        ),
        Code::GroupPointsMismatch => (
            "一级或二级指标写了 `分值`，但其下各指标分值之和与之不符。\n修改：修正该组或其下指标的分值。",
            "A group declares `points` but its indicators do not add up to them.\nFix: correct the group's or its indicators' points.",
        ),
        Code::DeductionExceedsPoints => (
            "（警告）某一档的扣分大于指标的分值。扣分以分值为限（扣完为止），所以这一档实际只扣到分值。\n修改：检查分值或扣分是否写错。",
            "(warning) A tier deducts more than the indicator's points. Deductions stop at the points, so the tier can only take the points.\nFix: check the points and the deduction.",
        ),
        Code::BadGrades => (
            "等级须按分数从高到低排列，只有最后一档可以不写分数（其余情况）。\n例：`等级 优 90，良 80，中 60，差`。",
            "Grades must go from the highest bound down, and only the last may omit its bound (everything else).\nExample: `grades 优 90, 良 80, 中 60, 差`.",
        ),
        Code::BadRounding => (
            "保留位数必须是 0 到 10 之间的整数。\n例：`舍入 四舍五入，保留2位`。",
            "Decimal places must be a whole number from 0 to 10.\nExample: `rounding half-up, 2 places`.",
        ),
        Code::DuplicateSetting => (
            "同一项设置或指标栏目写了两次（如两个 `分值`）。\n修改：删除其中一处。",
            "A setting or indicator property is given twice (e.g. two `points`).\nFix: remove one.",
        ),
        Code::BadBaseline => (
            "作为比例或偏离基准的常量不大于 0，与它的比例没有意义。\n修改：检查常量的值。",
            "A constant used as a share or deviation baseline is 0 or negative, so a ratio to it is undefined.\nFix: check the constant's value.",
        ),
        Code::PointsFinerThanRounding => (
            "指标的分值比舍入保留的位数更精细（如 `分值 2.5分` 配 `保留0位`）。舍入后得分可能超过分值，总分可能超过满分。\n修改：增加 `舍入` 的保留位数，或把分值改到该精度。",
            "An indicator's points have more decimal places than the rounding keeps (e.g. `points 2.5` with `0 places`), so a rounded score could exceed its points and the total the full score.\nFix: keep more places in `rounding`, or write the points to that precision.",
        ),
        Code::ProRataMonths => (
            "按月或按年计的逐档扣分不能写 `（按比例）`：月份长短不一，不足一个月的部分没有确定的比例。\n修改：改为按天计（如 `每滞后30天扣1分（按比例）`），或去掉 `（按比例）`，只计整月。",
            "A per-step tier in calendar months or years cannot be `pro rata`: months differ in length, so part of a month has no single share.\nFix: count days instead (e.g. `each 30 days late → −1 pro rata`), or drop `pro rata` and count whole months.",
        ),
        Code::UnusedInput => (
            "（警告）声明了输入但没有任何评分条件使用它。测量数据中可以缺少它。\n修改：删除该声明，或在评分条件中引用它。",
            "(warning) An input is declared but no tier reads it; records may leave it out.\nFix: remove it, or use it in a tier.",
        ),
        Code::ScoringPending => (
            "（警告）指标写有 `评分待定 「说明」`：它的评分标准还没有被改写成引擎能读的 `评分` 行，说明里写着哪里不清楚、建议怎样改写。`scorecard import` 在读不懂原文时写下这一行。`评分待定` 本身不改变计分：指标照常按它的 `评分`、`得分`、`酌情扣分` 计分（导入的草稿用 `酌情扣分` 让评审填写扣分，直到规则写好）。\n修改：核对原文，按建议写出 `评分` 行（并声明它用到的输入），删去 `评分待定` 和代替它的 `酌情扣分`。",
            "(warning) The indicator carries `pending \"note\"`: its criterion has not yet been rewritten as a `scoring` line the engine can read, and the note says what is unclear and proposes a rewording. `scorecard import` writes this line where it cannot read a criterion. `pending` does not change scoring by itself: the indicator is scored by its `scoring`, `score` and `discretionary` lines as usual (an imported draft uses `discretionary` so an assessor types the deduction until the rule is written).\nFix: check the criterion, write the proposed `scoring` line (declaring the inputs it uses), then remove `pending` and the `discretionary` line that stood in for it.",
        ),
        Code::TierNeverApplies => (
            "（警告）这一档永远不会生效：凡满足它的值也满足另一档，而那一档扣分不少于它。同一阶梯只取最重的一档，所以这一档从不起作用——通常是阈值或扣分写反了，使“更差的值扣分更少”。\n例：`低于80%，扣3分，低于90%，扣5分` 中的第一档。",
            "(warning) The tier never applies: every value it matches also matches another tier that deducts at least as much. Only the most severe tier of a ladder applies, so this one never counts; usually a threshold or deduction is swapped, so a worse value would deduct less.\nExample: the first tier of `below 80% → −3, below 90% → −5`.",
        ),
        Code::TierNeverFires => (
            "（警告）这一档的阈值在输入声明的范围之外，永远不会触发，如范围 0～100 的满意度 `低于0%`。\n修改：检查阈值或范围。",
            "(warning) The tier's threshold lies outside the input's declared range, so it can never fire, e.g. `below 0%` for a satisfaction ranging 0 to 100.\nFix: check the threshold or the range.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_both_explanations() {
        for code in Code::ALL {
            assert!(code.explanation(Lang::Zh).chars().count() > 20, "{code}");
            assert!(code.explanation(Lang::En).len() > 40, "{code}");
            assert_eq!(Code::parse(&code.as_str().to_lowercase()), Some(*code));
        }
        assert_eq!(Code::parse("E9999"), None);
    }
}
