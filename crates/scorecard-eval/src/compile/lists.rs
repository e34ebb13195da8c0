//! Lists of readings (`输入 抽检合格率 = rates（%，列表）`): where a list may
//! stand (`每次…` tiers, `平均`/`最低`/`最高`/`合计`/`个数` in formulas) and
//! the E0210 messages for a list where one value is needed, or the reverse.

use super::texts::Texts;
use scorecard_syntax::{Code, Diagnostic, Lang, Spanned};

use super::Ctx;

/// E0210: a list used where one value is needed.
pub(super) fn one_value_needed(name: &Spanned<String>, cx: &Ctx<'_>) -> Diagnostic {
    let n = &name.node;
    cx.error_about(Code::ListMismatch, name.span, n, &LIST_WHERE_ONE_VALUE).with_help(match cx.lang {
        Lang::Zh => format!(
            "按每次读数扣分写 `每次{n}低于95%扣0.5分`（指标值对每次读数适用，把 95% 换成指标值）；需要一个值时先写 `计算 平均{n} = 平均({n})`（或 最低、最高、合计、个数），再对它评分"
        ),
        Lang::En => format!(
            "to count readings write `every {n} below 95% → −0.5` (a target applies to each reading: put its value for 95%); for one value first write `let mean {n} = average({n})` (or lowest, highest, sum, count) and score that"
        ),
    })
}

/// E0210: `每次…` or a list function on an input with one value.
pub(super) fn not_a_list(name: &Spanned<String>, cx: &Ctx<'_>) -> Diagnostic {
    let n = &name.node;
    cx.error_about(Code::ListMismatch, name.span, n, &NOT_A_LIST)
}

/// E0210: a list of something other than numbers.
pub(super) fn not_a_number_list(name: &Spanned<String>, cx: &Ctx<'_>) -> Diagnostic {
    cx.error_about(Code::ListMismatch, name.span, &name.node, &CANNOT_BE_A_LIST)
}

const LIST_WHERE_ONE_VALUE: Texts = Texts {
    zh: "`{}` 是多次读数的列表，这里需要一个值",
    zh_label: "列表",
    zh_help: None,
    en: "`{}` is a list of readings, but one value is needed here",
    en_label: "a list",
    en_help: None,
};

const NOT_A_LIST: Texts = Texts {
    zh: "`{}` 只有一个值，不是多次读数的列表",
    zh_label: "不是列表",
    zh_help: Some("多次读数的输入声明为 `输入 名称 = key（%，列表）`；只有一个值时去掉 `每次`，或不用 平均/最低/最高/合计/个数"),
    en: "`{}` holds one value, not a list of readings",
    en_label: "not a list",
    en_help: Some("declare an input with several readings as `input name = key (%, list)`; with one value, drop `every` or the list function"),
};

const CANNOT_BE_A_LIST: Texts = Texts {
    zh: "`{}` 声明为列表，但列表只能是数值读数",
    zh_label: "不能是列表",
    zh_help: Some("是否、等级和日期类输入每条记录只有一个值；数值读数写成 `（%，列表）`"),
    en: "`{}` is declared a list, but only numeric readings can be lists",
    en_label: "cannot be a list",
    en_help: Some("yes/no, grade and date inputs hold one value per record; numeric readings are written `(%, list)`"),
};
