//! The workbench in a real browser: Debian's `chromium` driven through
//! `chromedriver` (WebDriver). Opens the seed file, types an error and finds
//! it underlined at the right CJK column, fixes it, fills the form with the
//! example measurements (total 81, grade 良), switches the language, scores
//! and downloads a batch (CSV and .xlsx in, CSV and the 自评表 workbook out),
//! runs the suite, imports a 绩效目标表 through the file input, shows a
//! 19-digit total unrounded, measures keystroke → diagnostics and value →
//! score in the page, and saves screenshots into `docs/`.
//!
//! `.ci/run` installs `chromium` and `chromium-driver`; if the browser
//! cannot start, this test fails and says why. It is never skipped.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::*;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A running chromedriver, ended when dropped.
struct Driver {
    _child: tokio::process::Child,
    url: String,
}

async fn start_driver() -> Driver {
    for tool in [CHROMIUM, CHROMEDRIVER] {
        assert!(
            Path::new(tool).exists(),
            "{tool} is missing: install Debian's `chromium` and `chromium-driver` (apt-get install -y chromium chromium-driver); .ci/run does this"
        );
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = tokio::process::Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {CHROMEDRIVER}: {e}"));
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
        assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not listen on port {port} within 20 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Driver { _child: child, url }
}

async fn browser(driver: &Driver, downloads: &Path) -> Client {
    let profile = downloads.with_extension("profile");
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1500,950",
        "--lang=zh-CN",
    ];
    let mut args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": args,
            "prefs": {
                "download.default_directory": downloads.display().to_string(),
                "download.prompt_for_download": false,
            },
        },
    });
    let caps = caps.as_object().unwrap().clone();
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .unwrap_or_else(|e| panic!("chromium did not start through chromedriver: {e}"))
}

/// Evaluates `expr` in the page until it is truthy.
async fn wait_until(c: &Client, expr: &str, what: &str) -> Value {
    let started = Instant::now();
    loop {
        let v = c.execute(&format!("return {expr};"), vec![]).await.unwrap();
        if !(v.is_null() || v == json!(false) || v == json!("") || v == json!(0)) {
            return v;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "timed out waiting for {what} ({expr})");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// A fresh directory with the seed rules (both languages), the suite and a 1,000-indicator file.
fn site() -> PathBuf {
    let dir = seed_dir("browser");
    for name in ["chenggong-2021-window-service.en.rules", "chenggong-2021-window-service.en.suite.toml"] {
        std::fs::copy(repo().join("rules").join(name), dir.join(name)).unwrap();
    }
    std::fs::write(dir.join("big.rules"), thousand_indicators()).unwrap();
    std::fs::write(dir.join("long.rules"), LONG_DECIMALS).unwrap();
    dir
}

/// A total of 18 significant digits: a binary float (a JS number) would show 99999999.12345679.
const LONG_DECIMALS: &str = "计分表 「长小数」
舍入 四舍五入，保留10位
输入 预算数 = budget（万元）
输入 执行数 = spent（万元）
计算 执行率 = 执行数 ÷ 预算数，除数为零时为 0%
三级指标 预算执行率
  分值 99999999.1234567891分
  得分 = 分值 × 执行率
";

/// A rule file with 1,000 indicators, one input each.
fn thousand_indicators() -> String {
    let mut s = String::from("计分表 「一千个指标」\n总分 1000分\n舍入 四舍五入，保留2位\n\n");
    for i in 0..1000 {
        s.push_str(&format!("输入 满意度{i} = s{i}（%），范围 0～100\n"));
    }
    s.push_str("\n一级指标 满意度指标\n");
    for i in 0..1000 {
        if i % 50 == 0 {
            s.push_str(&format!("  二级指标 第{}组\n", i / 50 + 1));
        }
        s.push_str(&format!("    三级指标 满意度指标{i}\n      评分 满意度{i}低于90%，扣0.5分，低于80%扣1分\n"));
    }
    s
}

async fn open(c: &Client, base: &str, file: &str, lang: &str) {
    c.goto(&format!("{base}?file={file}&lang={lang}")).await.unwrap();
    wait_until(c, "window.workbench && window.workbench.state.checked !== null && document.querySelectorAll('#highlight > div').length > 5", "the file to open and be checked").await;
}

/// Types a value into each field of the form, as an analyst would.
async fn fill_form(c: &Client) {
    let record = example_record();
    for (key, value) in record.as_object().unwrap() {
        let field =
            c.find(Locator::Css(&format!("#in-{key}"))).await.unwrap_or_else(|e| panic!("no field for {key}: {e}"));
        field.clear().await.unwrap();
        field.send_keys(value.as_str().unwrap()).await.unwrap();
    }
}

async fn screenshot(c: &Client, name: &str) {
    let png = c.screenshot().await.unwrap();
    let path = repo().join("docs").join(name);
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
}

/// Median and worst of a measured latency, in ms.
fn summary(samples: &Value) -> (f64, f64) {
    let mut v: Vec<f64> = samples.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[v.len() - 1])
}

/// Keystroke → diagnostics on screen: insert and delete a character that
/// breaks the file, waiting each time until the page shows the diagnostics
/// of exactly that text and has painted them.
const KEYSTROKE: &str = r#"
const [needle, rounds, done] = arguments;
const ta = document.getElementById("source"), problems = document.getElementById("problems");
const at = ta.value.indexOf(needle) + needle.length;
const samples = [];
const once = (text) => new Promise(resolve => {
  ta.focus();
  const t0 = performance.now();
  if (text) { ta.setSelectionRange(at, at); document.execCommand("insertText", false, text); }
  else { ta.setSelectionRange(at, at + 1); document.execCommand("delete"); }
  const want = String(window.workbench.state.revision);
  const seen = () => problems.dataset.rev === want;
  const finish = () => requestAnimationFrame(() => { samples.push(performance.now() - t0); resolve(); });
  if (seen()) return finish();
  const obs = new MutationObserver(() => { if (seen()) { obs.disconnect(); finish(); } });
  obs.observe(problems, { attributes: true, childList: true });
});
(async () => {
  for (let i = 0; i < rounds; i++) { await once("份"); await once(""); }
  done(samples);
})();
"#;

/// Value change → score on screen.
const VALUE: &str = r#"
const [key, values, done] = arguments;
const input = document.getElementById("in-" + key), result = document.getElementById("result");
const samples = [];
const once = (value) => new Promise(resolve => {
  input.focus();
  input.select();
  const t0 = performance.now();
  document.execCommand("insertText", false, value);
  const want = String(window.workbench.state.formRevision);
  const seen = () => result.dataset.rev === want;
  const finish = () => requestAnimationFrame(() => { samples.push(performance.now() - t0); resolve(); });
  if (seen()) return finish();
  const obs = new MutationObserver(() => { if (seen()) { obs.disconnect(); finish(); } });
  obs.observe(result, { attributes: true, childList: true, subtree: true });
});
(async () => { for (const v of values) await once(v); done(samples); })();
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_scores_the_seed_table_in_chromium() {
    let dir = site();
    let downloads = dir.join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let server = serve(&dir).await;
    let driver = start_driver().await;
    let c = browser(&driver, &downloads).await;
    let base = server.url();

    open(&c, &base, SEED, "auto").await;
    assert_eq!(js(&c, "return document.querySelector('[data-tab=try]').textContent").await, json!("试算"));
    assert_eq!(js(&c, "return document.querySelectorAll('.d-error').length").await, json!(0));

    // Type an error: delete 的 from a name on line 38.
    js(&c, "const ta = document.getElementById('source'); const i = ta.value.indexOf('评分 入驻窗口工作人员的满意度') + '评分 入驻窗口工作人员的'.length; ta.focus(); ta.setSelectionRange(i, i);").await;
    c.find(Locator::Id("source")).await.unwrap().send_keys("\u{e003}").await.unwrap();
    let mark = wait_until(&c, "(() => { const m = document.querySelector('#highlight .d-error'); return m && {line: m.dataset.line, col: m.dataset.col, text: m.textContent}; })()", "the error to be underlined").await;
    assert_eq!(mark, json!({"line": "38", "col": "10", "text": "入驻窗口工作人员满意度"}));
    // The underline starts where the 10th character is drawn: after six spaces, 评分 and a space.
    let offset = js(&c, r#"
        const m = document.querySelector('#highlight .d-error');
        const line = m.closest('#highlight > div');
        const style = getComputedStyle(line);
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = `${style.fontSize} ${style.fontFamily}`;
        return [m.getBoundingClientRect().left - line.getBoundingClientRect().left, ctx.measureText('      评分 ').width];
    "#).await;
    let (drawn, expected) = (offset[0].as_f64().unwrap(), offset[1].as_f64().unwrap());
    assert!((drawn - expected).abs() < 1.5, "underline drawn at {drawn}px, the 10th character is at {expected}px");
    let problem = wait_until(
        &c,
        "document.querySelector('#problems .problem') && document.querySelector('#problems .problem').textContent",
        "the problem list",
    )
    .await;
    let problem = problem.as_str().unwrap();
    assert!(problem.starts_with("38:10E0201") && problem.contains("入驻窗口工作人员的满意度"), "{problem}");
    // Hovering the underline shows the message, the help and the code.
    let tip = js(&c, r#"
        const r = document.querySelector('#highlight .d-error').getBoundingClientRect();
        document.getElementById('source').dispatchEvent(new MouseEvent('mousemove', {clientX: r.left + 5, clientY: r.top + r.height / 2, bubbles: true}));
        const tip = document.getElementById('tip');
        return tip.hidden ? null : tip.textContent;
    "#).await;
    let tip = tip.as_str().unwrap_or_else(|| panic!("no tooltip on hover"));
    assert!(tip.contains("E0201") && tip.contains("是否想写"), "{tip}");
    screenshot(&c, "workbench-error.png").await;

    // Fix it.
    c.find(Locator::Id("source")).await.unwrap().send_keys("的").await.unwrap();
    wait_until(
        &c,
        "document.querySelectorAll('.d-error').length === 0 && window.workbench.state.checked.ok",
        "the error to go",
    )
    .await;

    fill_form(&c).await;
    wait_until(
        &c,
        "document.getElementById('total') && document.getElementById('total').textContent === '81'",
        "total 81",
    )
    .await;
    assert_eq!(js(&c, "return document.getElementById('grade').textContent").await, json!("良"));
    let advice = js(&c, "return document.querySelector('.whatif').textContent").await;
    assert!(advice.as_str().unwrap().contains("1,620,000件"), "{advice}");
    screenshot(&c, "workbench-zh.png").await;

    // A wrong value is shown at its field.
    let field = c.find(Locator::Id("in-staff_satisfaction")).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys("120").await.unwrap();
    let err =
        wait_until(&c, "document.getElementById('err-staff_satisfaction').textContent", "the error at the field").await;
    assert!(err.as_str().unwrap().contains("超出允许范围"), "{err}");
    field.clear().await.unwrap();
    field.send_keys("85").await.unwrap();
    wait_until(
        &c,
        "document.getElementById('total') && document.getElementById('total').textContent === '81'",
        "total 81 again",
    )
    .await;

    // The interface language can be switched.
    c.find(Locator::Id("lang")).await.unwrap().select_by_value("en").await.unwrap();
    wait_until(&c, "document.querySelector('[data-tab=try]').textContent === 'Try a record'", "English labels").await;
    c.find(Locator::Id("lang")).await.unwrap().select_by_value("auto").await.unwrap();

    reading(&c).await;
    batch(&c, &dir, &downloads).await;
    suites(&c).await;
    let (keys_seed, values_seed) = latencies(&c).await;
    import_table(&c, &dir).await;
    long_decimals(&c, &base).await;

    open(&c, &base, "big.rules", "auto").await;
    let big = c
        .execute_async(KEYSTROKE, vec![json!("三级指标 满意度指标500\n      评分 满意度500低于90%，扣0.5"), json!(5)])
        .await
        .unwrap();
    let keys_big = summary(&big);

    open(&c, &base, "chenggong-2021-window-service.en.rules", "auto").await;
    assert_eq!(js(&c, "return document.querySelector('[data-tab=try]').textContent").await, json!("Try a record"));
    fill_form(&c).await;
    wait_until(
        &c,
        "document.getElementById('total') && document.getElementById('total').textContent === '81'",
        "total 81 in English",
    )
    .await;
    screenshot(&c, "workbench-en.png").await;

    eprintln!("keystroke → diagnostics, seed file: median {:.1} ms, worst {:.1} ms", keys_seed.0, keys_seed.1);
    eprintln!("keystroke → diagnostics, 1,000 indicators: median {:.1} ms, worst {:.1} ms", keys_big.0, keys_big.1);
    eprintln!("value change → score, seed file: median {:.1} ms, worst {:.1} ms", values_seed.0, values_seed.1);
    c.close().await.unwrap();
}

/// The reading panel shows each tier as a row: condition, whether the threshold counts, points.
async fn reading(c: &Client) {
    c.find(Locator::Css("[data-tab=reading]")).await.unwrap().click().await.unwrap();
    wait_until(c, "document.querySelector('#reading table.tiers')", "the reading panel").await;
    let first =
        js(c, "return [...document.querySelector('#reading table.tiers tbody tr').cells].map(c => c.textContent)")
            .await;
    assert!(first[0].as_str().unwrap().contains("低于上期的 90%"), "{first}");
    assert_eq!(first[1], json!("不含本数"));
    assert_eq!(first[2], json!("3"));
    assert_eq!(first[3], json!("年办件量低于上期90%，扣3分"));
    assert_eq!(js(c, "return document.querySelectorAll('#reading .reading-ind').length").await, json!(7));
    screenshot(c, "workbench-reading.png").await;
}

async fn batch(c: &Client, dir: &Path, downloads: &Path) {
    c.find(Locator::Css("[data-tab=batch]")).await.unwrap().click().await.unwrap();
    let header = "cases,cases_last_year,staff_satisfaction,on_time_rate,spending,complaint_rate,blacklist_count,public_satisfaction";
    let csv = dir.join("records.csv");
    std::fs::write(&csv, format!("{header}\n1500000,1800000,85,92.5%,2700000元,12.5,0,91\n1,1,abc,1,1,1,1,1\n"))
        .unwrap();
    c.find(Locator::Id("batch-file")).await.unwrap().send_keys(&csv.display().to_string()).await.unwrap();
    wait_until(c, "document.getElementById('batch-table')", "the batch table").await;
    let cells = js(
        c,
        "return [...document.querySelectorAll('#batch-table tbody tr')].map(r => [...r.cells].map(c => c.textContent))",
    )
    .await;
    assert_eq!(cells[0][1], json!("81"), "{cells}");
    assert_eq!(cells[0][2], json!("良"));
    assert!(cells[1].as_array().unwrap().last().unwrap().as_str().unwrap().contains("abc"), "{cells}");
    c.find(Locator::Id("download-csv")).await.unwrap().click().await.unwrap();
    let path = downloads.join("records.results.csv");
    let started = Instant::now();
    while !path.is_file() {
        assert!(started.elapsed() < Duration::from_secs(30), "no download in {}", downloads.display());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("\u{feff}行号,总分,等级,"), "{text}");
    assert!(text.contains("\r\n2,81.00,良,"), "{text}");
    assert!(text.contains("\r\n3,,,") && text.contains("abc"), "{text}");

    // The same records as a workbook, numbers as numbers; the results as the 自评表 form.
    let xlsx = dir.join("records.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in (0u16..).zip(header.split(',')) {
        sheet.write_string(0, c, h).unwrap();
    }
    for (c, v) in (0u16..).zip(["1500000", "1800000", "85", "92.5%", "2700000元", "12.5", "0", "91"]) {
        match v.parse::<f64>() {
            Ok(n) => sheet.write_number(1, c, n).unwrap(),
            Err(_) => sheet.write_string(1, c, v).unwrap(),
        };
    }
    book.save(&xlsx).unwrap();
    js(c, "document.getElementById('batch').innerHTML = ''; return null").await;
    c.find(Locator::Id("batch-file")).await.unwrap().send_keys(&xlsx.display().to_string()).await.unwrap();
    wait_until(c, "document.getElementById('batch-table')", "the batch table of the workbook").await;
    let cells = js(
        c,
        "return [...document.querySelectorAll('#batch-table tbody tr')].map(r => [...r.cells].map(c => c.textContent))",
    )
    .await;
    assert_eq!(cells[0][0], json!("2"), "{cells}");
    assert_eq!(cells[0][1], json!("81"), "{cells}");
    c.find(Locator::Id("download-xlsx")).await.unwrap().click().await.unwrap();
    let path = downloads.join("records.results.xlsx");
    let started = Instant::now();
    while !path.is_file() {
        assert!(started.elapsed() < Duration::from_secs(30), "no workbook in {}", downloads.display());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(std::fs::read(&path).unwrap().starts_with(b"PK\x03\x04"), "the 自评表 download is an xlsx");
}

/// A 绩效目标表 chosen with the import button becomes the draft in the editor.
async fn import_table(c: &Client, dir: &Path) {
    let table = dir.join("education-2023.xlsx");
    std::fs::copy(repo().join("crates/scorecard-table/tests/fixtures/tables/education-2023.xlsx"), &table).unwrap();
    c.find(Locator::Id("import-file")).await.unwrap().send_keys(&table.display().to_string()).await.unwrap();
    wait_until(
        c,
        "document.getElementById('source').value.includes('计分表 「2023年度学生资助资金项目绩效目标表」')",
        "the imported draft in the editor",
    )
    .await;
    let status = js(c, "return document.getElementById('status').textContent").await;
    assert!(status.as_str().unwrap().contains("6 个指标，5 个评分标准按原文读出"), "{status}");
    assert_eq!(js(c, "return window.workbench.state.path").await, json!(null), "the draft is not tied to a file");
    wait_until(c, "window.workbench.state.checked && window.workbench.state.checked.ok", "the draft to check").await;
}

/// An 18-digit total is shown as the engine computed it, not as a float.
async fn long_decimals(c: &Client, base: &str) {
    open(c, base, "long.rules", "auto").await;
    for (key, value) in [("budget", "1"), ("spent", "1")] {
        let field = c.find(Locator::Css(&format!("#in-{key}"))).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }
    wait_until(
        c,
        "document.getElementById('total') && document.getElementById('total').textContent === '99999999.1234567891'",
        "the exact 18-digit total",
    )
    .await;
}

async fn suites(c: &Client) {
    c.find(Locator::Css("[data-tab=suites]")).await.unwrap().click().await.unwrap();
    c.find(Locator::Id("run-suites")).await.unwrap().click().await.unwrap();
    wait_until(c, "document.querySelectorAll('#suites .case').length > 0", "the suite's cases").await;
    assert_eq!(js(c, "return document.querySelectorAll('#suites .case.fail').length").await, json!(0));
    let passed = js(c, "return document.querySelectorAll('#suites .case.pass').length").await;
    assert!(passed.as_u64().unwrap() >= 5, "{passed}");
    c.find(Locator::Css("[data-tab=try]")).await.unwrap().click().await.unwrap();
}

/// Keystroke → diagnostics and value → score on the seed file, median and worst.
async fn latencies(c: &Client) -> ((f64, f64), (f64, f64)) {
    let keys = c.execute_async(KEYSTROKE, vec![json!("年办件量低于上期90%，扣3"), json!(15)]).await.unwrap();
    let values = json!([
        "1500001", "1500002", "1600000", "1700000", "1750000", "1500000", "1400000", "1300000", "1200000", "1500000"
    ]);
    let scored = c.execute_async(VALUE, vec![json!("cases"), values]).await.unwrap();
    wait_until(c, "document.getElementById('total').textContent === '81'", "the example total after measuring").await;
    (summary(&keys), summary(&scored))
}
