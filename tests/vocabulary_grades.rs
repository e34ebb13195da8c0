//! Grade inputs (`（等级：…）` / `(grade: …)`) and `得分 按等级` / `score by
//! grade`: shares or points per grade, with an assessed score that must lie in
//! its grade's band (else OutsideGradeBand), or the band's top without one;
//! unknown grades in records (UnknownGrade) and in rules (compile errors);
//! grade conditions in deduction tiers.

#[path = "vocabulary_common.rs"]
mod common;

use common::{assert_compile_error, assert_mentions, both, card, expect, indicator, one_error, run};
use scorecard::{Code, DataErrorKind};

const ASSESSED_ZH: &str = "计分表 「等级」
输入 评价 = grade（等级：达成、部分达成、未达成）
输入 评定 = assessed（分）
三级指标 履职评价
  分值 10分
  得分 按等级 评价：达成 80%～100%，部分达成 50%～80%，未达成 0%～50%，评定分 评定
";

const ASSESSED_EN: &str = "scorecard \"grades\"
input rating = grade (grade: achieved, partly, \"not achieved\")
input assessor mark = assessed (分)
indicator \"duty rating\"
  points 10
  score by grade rating: achieved 80% to 100%, partly 50% to 80%, \"not achieved\" 0% to 50%, assessed assessor mark
";

/// The labels of the three grades in each file, best first.
const LABELS_ZH: [&str; 3] = ["达成", "部分达成", "未达成"];
const LABELS_EN: [&str; 3] = ["achieved", "partly", "not achieved"];

fn graded(label: &str, assessed: &str) -> String {
    format!(r#"{{"grade": "{label}", "assessed": {assessed}}}"#)
}

#[test]
fn an_assessed_score_inside_its_band_is_the_score() {
    // bands in points: 8–10, 5–8, 0–5 (shares of 10); both ends included
    let [zh, en] = both(ASSESSED_ZH, ASSESSED_EN);
    for (c, [top, mid, low]) in [(&zh, LABELS_ZH), (&en, LABELS_EN)] {
        for (label, assessed) in [
            (top, "9"),
            (top, "8"),
            (top, "10"),
            (top, "8.75"),
            (mid, "8"),
            (mid, "5"),
            (mid, "6.5"),
            (low, "0"),
            (low, "5"),
        ] {
            expect(c, &graded(label, assessed), 0, assessed);
        }
    }
}

#[test]
fn an_assessed_score_outside_its_band_is_a_data_error() {
    let [zh, en] = both(ASSESSED_ZH, ASSESSED_EN);
    for (c, [top, mid, low], name) in [(&zh, LABELS_ZH, "履职评价"), (&en, LABELS_EN, "duty rating")] {
        for (label, assessed, lo, hi) in [
            (top, "7.99", "8", "10"),
            (top, "10.01", "8", "10"),
            (mid, "8.01", "5", "8"),
            (mid, "4.99", "5", "8"),
            (low, "5.5", "0", "5"),
            (low, "-0.5", "0", "5"),
        ] {
            let e = one_error(c, &graded(label, assessed));
            assert_eq!(
                e.kind,
                DataErrorKind::OutsideGradeBand {
                    grade: label.to_owned(),
                    score: assessed.to_owned(),
                    low: lo.to_owned(),
                    high: hi.to_owned()
                },
                "[{}] {label} {assessed}",
                common::lang(c)
            );
            assert_eq!(e.indicators, vec![name.to_owned()]);
            assert_eq!(e.input.as_ref().map(|i| i.key.as_str()), Some("assessed"));
        }
    }
}

#[test]
fn without_an_assessed_score_the_band_top_is_given() {
    let zh = card(&ASSESSED_ZH.replace("，评定分 评定", "").replace("输入 评定 = assessed（分）\n", ""));
    let en =
        card(&ASSESSED_EN.replace(", assessed assessor mark", "").replace("input assessor mark = assessed (分)\n", ""));
    for (c, [top, mid, low]) in [(&zh, LABELS_ZH), (&en, LABELS_EN)] {
        expect(c, &format!(r#"{{"grade": "{top}"}}"#), 0, "10");
        expect(c, &format!(r#"{{"grade": "{mid}"}}"#), 0, "8");
        expect(c, &format!(r#"{{"grade": "{low}"}}"#), 0, "5");
    }
}

#[test]
fn grade_explanations_name_the_grade_and_the_score() {
    let [zh, en] = both(ASSESSED_ZH, ASSESSED_EN);
    let r = run(&zh, &graded("达成", "9"));
    assert_mentions(&indicator(&r, 0).explanation, &["评价 达成（该档 8～10 分），评定 9 分"]);
    let r = run(&en, &graded("partly", "6.5"));
    assert_mentions(&indicator(&r, 0).explanation, &["rating", "partly", "(band 5 to 8), assessed 6.5"]);
    let zh = card(&ASSESSED_ZH.replace("，评定分 评定", "").replace("输入 评定 = assessed（分）\n", ""));
    let r = run(&zh, r#"{"grade": "部分达成"}"#);
    assert_mentions(&indicator(&r, 0).explanation, &["部分达成", "取该档上限 8 分"]);
    let en =
        card(&ASSESSED_EN.replace(", assessed assessor mark", "").replace("input assessor mark = assessed (分)\n", ""));
    let r = run(&en, r#"{"grade": "not achieved"}"#);
    assert_mentions(&indicator(&r, 0).explanation, &["not achieved", "the band's top: 5"]);
}

const POINTS_ZH: &str = "计分表 「等级分」
输入 评价 = grade（等级：达成、部分达成、未达成）
三级指标 履职评价
  分值 5分
  得分 按等级 评价：达成 5分，部分达成 3.5分，未达成 0分
";

const POINTS_EN: &str = "scorecard \"grade points\"
input rating = grade (grade: achieved, partly, \"not achieved\")
indicator \"duty rating\"
  points 5
  score by grade rating: achieved 5, partly → 3.5, \"not achieved\" 0
";

#[test]
fn grades_may_give_points_instead_of_shares() {
    let [zh, en] = both(POINTS_ZH, POINTS_EN);
    for (c, [top, mid, low]) in [(&zh, LABELS_ZH), (&en, LABELS_EN)] {
        expect(c, &format!(r#"{{"grade": "{top}"}}"#), 0, "5");
        expect(c, &format!(r#"{{"grade": "{mid}"}}"#), 0, "3.5");
        expect(c, &format!(r#"{{"grade": "{low}"}}"#), 0, "0");
    }
}

/// Through the typed API a grade is its position in the declared list (0 is
/// the first). `1.0` is the same grade as `1`; a fraction is no grade.
#[test]
fn typed_grades_are_positions_whatever_their_scale() {
    let [zh, en] = both(POINTS_ZH, POINTS_EN);
    for c in [&zh, &en] {
        let key = c.input("grade").unwrap_or_else(|_| panic!("no input grade"));
        let score = |text: &str| {
            let mut record = c.record();
            let value: scorecard::Decimal = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            c.set(&mut record, key, value).map(|()| c.score(&record).map(|s| s.total.to_string()))
        };
        for (text, want) in [("0", "5"), ("1", "3.5"), ("1.0", "3.5"), ("1.000", "3.5"), ("2.00", "0")] {
            assert_eq!(score(text).ok().and_then(Result::ok).as_deref(), Some(want), "grade {text}");
        }
        for bad in ["1.5", "3", "-1"] {
            let e = score(bad).err().unwrap_or_else(|| panic!("grade {bad} was accepted"));
            assert!(matches!(e.errors[0].kind, DataErrorKind::UnknownGrade { .. }), "{bad}: {e:?}");
        }
    }
}

#[test]
fn a_declared_grade_without_points_in_the_mapping_is_a_data_error() {
    let zh = card(&POINTS_ZH.replace("，未达成 0分", ""));
    let en = card(&POINTS_EN.replace(", \"not achieved\" 0", ""));
    for (c, [top, _, low]) in [(&zh, LABELS_ZH), (&en, LABELS_EN)] {
        expect(c, &format!(r#"{{"grade": "{top}"}}"#), 0, "5");
        let e = one_error(c, &format!(r#"{{"grade": "{low}"}}"#));
        assert_eq!(e.kind, DataErrorKind::UnmappedGrade { grade: low.to_owned() }, "[{}]", common::lang(c));
    }
}

#[test]
fn a_grade_not_declared_for_the_input_is_a_data_error_listing_the_grades() {
    let [zh, en] = both(ASSESSED_ZH, ASSESSED_EN);
    for (c, labels, bad) in [(&zh, LABELS_ZH, "优秀"), (&en, LABELS_EN, "excellent")] {
        let e = one_error(c, &graded(bad, "9"));
        assert_eq!(
            e.kind,
            DataErrorKind::UnknownGrade {
                text: bad.to_owned(),
                allowed: labels.iter().map(|l| (*l).to_owned()).collect()
            },
            "[{}]",
            common::lang(c)
        );
        assert_eq!(e.input.as_ref().map(|i| i.key.as_str()), Some("grade"));
        // a grade is text equal to a label: a number is rejected
        one_error(c, r#"{"grade": 1, "assessed": 9}"#);
    }
    let e = one_error(&en, &graded("达成", "9"));
    assert!(matches!(e.kind, DataErrorKind::UnknownGrade { .. }), "{e:?}");
    // a label with a space is one label
    expect(&en, &graded("not achieved", "2.5"), 0, "2.5");
    let e = one_error(&en, &graded("not", "2.5"));
    assert!(matches!(e.kind, DataErrorKind::UnknownGrade { .. }), "{e:?}");
}

#[test]
fn a_grade_label_not_in_the_input_list_is_a_compile_error() {
    // in a grade mapping
    assert_compile_error(&POINTS_ZH.replace("部分达成 3.5分", "优秀 3.5分"), Code::UnknownName);
    assert_compile_error(&POINTS_EN.replace("partly → 3.5", "excellent → 3.5"), Code::UnknownName);
    // in a grade condition
    assert_compile_error(
        "计分表 「t」\n输入 评价 = grade（等级：好、中、差）\n三级指标 甲\n  分值 5分\n  评分 评价为优秀，扣3分\n",
        Code::UnknownName,
    );
    assert_compile_error(
        "scorecard \"t\"\ninput rating = grade (grade: good, fair, poor)\nindicator x\n  points 5\n  scoring: rating is excellent → −3\n",
        Code::UnknownName,
    );
}

#[test]
fn a_grade_mapping_needs_a_grade_input() {
    assert_compile_error(
        "计分表 「t」\n输入 评价 = grade（%）\n三级指标 甲\n  分值 5分\n  得分 按等级 评价：达成 5分，未达成 0分\n",
        Code::WrongKind,
    );
    assert_compile_error(
        "scorecard \"t\"\ninput rating = grade (%)\nindicator x\n  points 5\n  score by grade rating: good 5, poor 0\n",
        Code::WrongKind,
    );
}

#[test]
fn a_grade_mapping_needs_declared_points() {
    assert_compile_error(&ASSESSED_ZH.replace("  分值 10分\n", ""), Code::PointsUnbounded);
    assert_compile_error(&ASSESSED_EN.replace("  points 10\n", ""), Code::PointsUnbounded);
}

const TIER_ZH: &str = "计分表 「等级扣分」
输入 评价 = grade（等级：好、中、差）
三级指标 服务评价
  分值 5分
  评分 评价为差，扣3分；评价为中，扣1分
";

const TIER_EN: &str = "scorecard \"grade tiers\"
input rating = grade (grade: good, fair, poor)
indicator \"service rating\"
  points 5
  scoring: rating is poor → −3, rating is fair → −1
";

#[test]
fn a_grade_condition_in_a_deduction_tier() {
    let [zh, en] = both(TIER_ZH, TIER_EN);
    for (c, [good, fair, poor]) in [(&zh, ["好", "中", "差"]), (&en, ["good", "fair", "poor"])] {
        expect(c, &format!(r#"{{"grade": "{good}"}}"#), 0, "5");
        expect(c, &format!(r#"{{"grade": "{fair}"}}"#), 0, "4");
        let r = expect(c, &format!(r#"{{"grade": "{poor}"}}"#), 0, "2");
        assert_eq!(indicator(&r, 0).fired.len(), 1);
    }
    let r = run(&zh, r#"{"grade": "差"}"#);
    assert_mentions(&indicator(&r, 0).explanation, &["评价 差", "扣 3 分"]);
    let r = run(&en, r#"{"grade": "poor"}"#);
    assert_mentions(&indicator(&r, 0).explanation, &["rating poor", "−3"]);
}
