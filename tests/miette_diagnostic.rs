//! The `miette` feature: a `CompileError` is a `miette::Diagnostic` with its
//! source and path, and its positions count characters under Chinese text.

use miette::{Diagnostic, NarratableReportHandler, SourceSpan};
use scorecard::Scorecard;

/// `件树` (an unknown name) is character 6 of line 4, but byte 10 of it.
const BROKEN: &str = "计分表 「甲」\n输入 件数 = n（件）\n三级指标 乙\n  评分 件树低于5件，扣3分\n";

fn render(e: &dyn Diagnostic) -> String {
    let mut out = String::new();
    NarratableReportHandler::new().render_report(&mut out, e).unwrap();
    out
}

#[test]
fn a_compile_error_is_a_diagnostic_with_source_and_path() {
    let e = Scorecard::compile(BROKEN).unwrap_err().with_path("甲.rules");
    assert_eq!(e.code().map(|c| c.to_string()).as_deref(), Some("E0201"));
    assert_eq!(e.severity(), Some(miette::Severity::Error));
    let labels: Vec<_> = e.labels().unwrap().collect();
    assert_eq!(labels.len(), 1);
    assert_eq!(&BROKEN[labels[0].offset()..labels[0].offset() + labels[0].len()], "件树");
    assert!(labels[0].label().unwrap().starts_with("E0201: "), "{:?}", labels[0]);
    let source = e.source_code().unwrap();
    let contents = source.read_span(labels[0].inner(), 0, 0).unwrap();
    assert_eq!(contents.name(), Some("甲.rules"));
    // 0-based line 3, character column 5 (byte column 10).
    assert_eq!((contents.line(), contents.column()), (3, 5));
    let shown = render(&e);
    assert!(shown.starts_with("甲.rules:4:6: error[E0201]"), "{shown}");
    assert!(shown.contains("Begin snippet for 甲.rules starting at line 3"), "{shown}");
    assert!(shown.contains("件树"), "{shown}");
}

#[test]
fn context_lines_start_at_column_0_and_every_diagnostic_is_labelled() {
    let two = BROKEN.replace("三级指标 乙\n", "三级指标 乙\n  评分 件树低于5件，扣3分\n");
    let e = Scorecard::compile(&two).unwrap_err();
    assert_eq!(e.labels().unwrap().count(), e.diagnostics.len());
    assert!(e.diagnostics.len() >= 2, "{e}");
    assert!(e.code().is_none(), "several diagnostics: no single code");
    let at = two.rfind("件树").unwrap();
    let contents = e.source_code().unwrap().read_span(&SourceSpan::from((at, "件树".len())), 1, 1).unwrap();
    assert_eq!((contents.line(), contents.column()), (3, 0));
    assert!(std::str::from_utf8(contents.data()).unwrap().contains("件树"));
    assert!(e.source_code().unwrap().read_span(&SourceSpan::from((two.len(), 5)), 0, 0).is_err());
}
