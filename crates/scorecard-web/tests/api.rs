//! The HTTP API over a real socket: every endpoint, the bad requests,
//! traversal and symlinks, size limits, the guards, and concurrent requests.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use std::time::Duration;

use common::*;
use scorecard_web::Config;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_and_its_assets_are_served() {
    let dir = seed_dir("assets");
    let s = serve(&dir).await;
    let page = get(&s, "/").await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("/app.js") && page.text().contains("id=\"source\""), "{}", page.text());
    assert_eq!(page.header("x-frame-options").as_deref(), Some("DENY"));
    let js = get(&s, "/app.js").await;
    assert_eq!(js.status, 200);
    assert!(js.header("content-type").unwrap().starts_with("text/javascript"));
    assert!(js.text().contains("/api/check"));
    assert_eq!(get(&s, "/app.css").await.status, 200);
    assert_eq!(get(&s, "/nothing-here").await.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_are_listed_and_the_only_rule_file_opens_at_once() {
    let dir = seed_dir("files");
    let s = serve(&dir).await;
    let files = get(&s, "/api/files").await.json();
    assert_eq!(files["files"], json!([SEED]));
    assert_eq!(files["open"], json!(SEED));
    assert_eq!(s.url(), format!("http://127.0.0.1:{}/", s.addr.port()));

    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/other.rules"), "计分表 「另一个」\n").unwrap();
    let two = serve(&dir).await;
    let files = get(&two, "/api/files").await.json();
    assert_eq!(files["files"], json!([SEED, "sub/other.rules"]));
    assert_eq!(files["open"], json!(null), "two files: the analyst picks");
    // Given a file, the page opens that file.
    let one = serve(&dir.join("sub/other.rules")).await;
    assert_eq!(get(&one, "/api/files").await.json()["open"], json!("other.rules"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_is_read_and_saved_inside_the_directory() {
    let dir = seed_dir("save");
    let s = serve(&dir).await;
    let file = get(&s, &format!("/api/file?path={SEED}")).await;
    assert_eq!(file.status, 200);
    assert_eq!(file.json()["text"], json!(seed_text()));

    let text = format!("{}# 已审阅\n", seed_text());
    let saved = post(&s, "/api/save", json!({"path": SEED, "text": text})).await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert_eq!(std::fs::read_to_string(dir.join(SEED)).unwrap(), text);
    // A new rule file in the directory may be created; nothing else may be written.
    assert_eq!(post(&s, "/api/save", json!({"path": "new.rules", "text": "x"})).await.status, 200);
    assert!(dir.join("new.rules").is_file());
    let suite = post(&s, "/api/save", json!({"path": "chenggong-2021-window-service.suite.toml", "text": "x"})).await;
    assert_eq!(suite.status, 400);
    assert!(suite.json()["error"]["en"].as_str().unwrap().contains("only rule files"));
    assert_eq!(post(&s, "/api/save", json!({"path": "missing/x.rules", "text": "x"})).await.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn traversal_absolute_paths_and_symlinks_out_are_refused() {
    let outside = seed_dir("outside");
    std::fs::write(outside.join("secret.rules"), "secret").unwrap();
    let dir = seed_dir("confined");
    std::os::unix::fs::symlink(outside.join("secret.rules"), dir.join("link.rules")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("linkdir")).unwrap();
    std::os::unix::fs::symlink(dir.join(SEED), dir.join("inside.rules")).unwrap();
    let s = serve(&dir).await;
    let secret = outside.join("secret.rules").display().to_string();
    for (path, status) in [
        ("../x.rules".to_owned(), 400),
        ("sub/../../x.rules".to_owned(), 400),
        (secret.clone(), 400),
        ("%2Fetc%2Fpasswd".to_owned(), 400),
        ("..%2F..%2Fetc%2Fpasswd".to_owned(), 400),
        ("link.rules".to_owned(), 403),
        ("linkdir/secret.rules".to_owned(), 403),
        ("nope.rules".to_owned(), 404),
    ] {
        let reply = get(&s, &format!("/api/file?path={path}")).await;
        assert_eq!(reply.status, status, "{path}: {}", reply.text());
        assert!(!reply.text().contains("secret\""), "{path} leaked the file");
    }
    assert_eq!(get(&s, "/api/file?path=inside.rules").await.status, 200, "a link inside the directory is fine");
    for path in ["link.rules", "linkdir/secret.rules", "../x.rules", secret.as_str()] {
        let reply = post(&s, "/api/save", json!({"path": path, "text": "overwritten"})).await;
        assert!(matches!(reply.status, 400 | 403), "{path}: {}", reply.status);
    }
    assert_eq!(std::fs::read_to_string(outside.join("secret.rules")).unwrap(), "secret");
    assert!(!outside.join("x.rules").exists() && !dir.parent().unwrap().join("x.rules").exists());
    let listed = get(&s, "/api/files").await.json();
    assert_eq!(listed["files"], json!([SEED, "inside.rules"]), "links out are not listed");
    // A suite beside a rule file may not point its rules outside either.
    std::fs::write(dir.join("other.rules"), seed_text()).unwrap();
    std::fs::write(dir.join("other.suite.toml"), format!("rules = \"{secret}\"\n[[case]]\nname = \"x\"\ntotal = 1\n"))
        .unwrap();
    let reply = get(&s, "/api/suite?path=other.rules").await;
    assert_eq!(reply.status, 403, "{}", reply.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn foreign_hosts_and_cross_site_or_non_json_changes_are_refused() {
    let dir = seed_dir("guards");
    let s = serve(&dir).await;
    let body = json!({"text": seed_text()});
    let mut r = Request::get(&s, "/api/files");
    r.host = Some("attacker.example:80".into());
    assert_eq!(r.send(&s).await.status, 403, "DNS rebinding: a foreign Host");
    r.host = None;
    assert_eq!(r.send(&s).await.status, 403, "no Host");
    let mut r = Request::get(&s, "/api/files");
    r.host = Some(format!("localhost:{}", s.addr.port()));
    assert_eq!(r.send(&s).await.status, 200);

    let mut r = Request::post(&s, "/api/check", &body);
    assert_eq!(r.send(&s).await.status, 200);
    r.origin = None;
    assert_eq!(r.send(&s).await.status, 403, "no Origin");
    r.origin = Some("http://attacker.example".into());
    let refused = r.send(&s).await;
    assert_eq!(refused.status, 403, "another origin");
    assert!(refused.json()["error"]["zh"].as_str().unwrap().contains("Origin"));
    let mut r = Request::post(&s, "/api/check", &body);
    r.content_type = Some("text/plain");
    assert_eq!(r.send(&s).await.status, 415, "a form post is not JSON");
    let mut r = Request::post(&s, "/api/check", &body);
    r.body = b"{not json".to_vec();
    assert_eq!(r.send(&s).await.status, 400);
    let missing = post(&s, "/api/check", json!({"txt": "x"})).await;
    assert_eq!(missing.status, 422, "a field is missing");
    let mut r = Request::post(&s, "/api/save", &json!({"path": SEED, "text": "x"}));
    r.origin = Some("null".into());
    assert_eq!(r.send(&s).await.status, 403);
    assert_eq!(std::fs::read_to_string(dir.join(SEED)).unwrap(), seed_text(), "nothing was written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bodies_over_the_limit_are_refused() {
    let dir = seed_dir("limits");
    let mut config = Config::local(&dir, 0);
    config.max_body_bytes = 64 * 1024;
    let s = serve_with(config).await;
    let big = "#".repeat(100 * 1024);
    let reply = post(&s, "/api/check", json!({"text": big})).await;
    assert_eq!(reply.status, 413, "{}", reply.text());
    assert_eq!(post(&s, "/api/check", json!({"text": seed_text()})).await.status, 200);
    // Within the body limit but over the rule-file limit: a positioned diagnostic, not a crash.
    let mut config = Config::local(&dir, 0);
    config.limits = config.limits.with_max_file_bytes(1024);
    let s = serve_with(config).await;
    let checked = post(&s, "/api/check", json!({"text": seed_text()})).await.json();
    assert_eq!(checked["ok"], json!(false));
    assert_eq!(checked["diagnostics"][0]["code"], json!("E0001"));
    let read = get(&s, &format!("/api/file?path={SEED}")).await;
    assert_eq!(read.status, 413, "{}", read.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_places_diagnostics_by_character_column() {
    let dir = seed_dir("check");
    let s = serve(&dir).await;
    let ok = post(&s, "/api/check", json!({"text": seed_text()})).await.json();
    assert_eq!(ok["ok"], json!(true));
    assert_eq!(ok["lang"], json!("zh"));
    assert_eq!(ok["diagnostics"], json!([]));
    assert_eq!(ok["inputs"].as_array().unwrap().len(), 8);
    assert_eq!(ok["inputs"][2]["key"], json!("staff_satisfaction"));
    assert_eq!(ok["inputs"][2]["min"], json!("0"));
    assert_eq!(ok["inputs"][2]["max"], json!("100"));

    let broken = seed_text().replace("评分 入驻窗口工作人员的满意度", "评分 入驻窗口工作人员满意度");
    let bad = post(&s, "/api/check", json!({"text": broken})).await.json();
    assert_eq!(bad["ok"], json!(false));
    let d = &bad["diagnostics"][0];
    assert_eq!(d["code"], json!("E0201"));
    assert_eq!(d["severity"], json!("error"));
    // `      评分 ` is 9 characters (13 bytes): the name starts at column 10.
    assert_eq!(d["start"], json!({"line": 38, "column": 10}));
    assert_eq!(d["end"], json!({"line": 38, "column": 21}));
    assert!(d["help"].as_str().unwrap().contains("入驻窗口工作人员的满意度"));
    assert_eq!(bad["inputs"], json!([]));

    let en = std::fs::read_to_string(repo().join("rules/chenggong-2021-window-service.en.rules")).unwrap();
    assert_eq!(post(&s, "/api/check", json!({"text": en})).await.json()["lang"], json!("en"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reading_says_how_each_tier_was_read() {
    let dir = seed_dir("reading");
    let s = serve(&dir).await;
    let reading = post(&s, "/api/reading", json!({"text": seed_text()})).await;
    assert_eq!(reading.status, 200, "{}", reading.text());
    let reading = reading.json();
    assert_eq!(reading["indicators"].as_array().unwrap().len(), 7);
    let first = &reading["indicators"][0];
    assert_eq!(first["name"], json!("年办件量"));
    assert_eq!(first["points"], json!("8"));
    let tier = &first["rules"][0]["ladders"][0]["tiers"][0];
    assert_eq!(tier["condition"]["test"]["test"], json!("share_of"));
    assert_eq!(tier["condition"]["test"]["strict"], json!(true), "低于 is strictly below");
    assert_eq!(tier["points"], json!("3"));
    let broken = post(&s, "/api/reading", json!({"text": "计分表"})).await;
    assert_eq!(broken.status, 422);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn format_lays_out_or_says_why_not() {
    let dir = seed_dir("format");
    let s = serve(&dir).await;
    let messy = seed_text().replace("总分 100分", "总分    100分");
    let formatted = post(&s, "/api/format", json!({"text": messy})).await;
    assert_eq!(formatted.status, 200);
    assert!(formatted.json()["text"].as_str().unwrap().contains("\n总分 100分\n"));
    let invalid = post(&s, "/api/format", json!({"text": "计分表 「x」\n三级指标"})).await;
    assert_eq!(invalid.status, 422);
    assert!(invalid.json()["error"]["en"].as_str().unwrap().contains("fix them"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_scores_81_and_good_with_advice_and_errors_by_field() {
    let dir = seed_dir("score");
    let s = serve(&dir).await;
    let scored = post(&s, "/api/score", json!({"text": seed_text(), "record": example_record()})).await.json();
    assert_eq!(scored["outcome"], json!("scored"), "{scored}");
    assert_eq!(scored["report"]["total"], json!(81));
    assert_eq!(scored["report"]["grade"], json!("良"));
    assert_eq!(scored["report"]["indicators"].as_array().unwrap().len(), 7);
    let advice = scored["what_if"]["年办件量"][0].as_str().unwrap();
    assert!(advice.contains("1,620,000件"), "{advice}");

    let mut record = example_record();
    record["staff_satisfaction"] = json!("八十五");
    record["cases"] = json!("");
    let invalid = post(&s, "/api/score", json!({"text": seed_text(), "record": record})).await.json();
    assert_eq!(invalid["outcome"], json!("invalid"));
    let errors = invalid["errors"].as_array().unwrap();
    let at = |key: &str| errors.iter().find(|e| e["key"] == json!(key)).unwrap_or_else(|| panic!("{key}: {invalid}"));
    assert_eq!(at("staff_satisfaction")["missing"], json!(false));
    assert!(at("staff_satisfaction")["message"].as_str().unwrap().contains("不是数字"));
    assert_eq!(at("cases")["missing"], json!(true), "a blank field is a missing value");

    let broken = post(&s, "/api/score", json!({"text": "计分表", "record": {}})).await.json();
    assert_eq!(broken["outcome"], json!("not_compiled"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batches_score_csv_and_json_lines_with_errors_by_row() {
    let dir = seed_dir("batch");
    let s = serve(&dir).await;
    let header = "cases,cases_last_year,staff_satisfaction,on_time_rate,spending,complaint_rate,blacklist_count,public_satisfaction";
    let csv = format!("\u{feff}{header}\n1500000,1800000,85,92.5%,2700000元,12.5,0,91\n1,2,abc,4,5,6,7,8\n");
    let table = post(&s, "/api/batch", json!({"text": seed_text(), "name": "data.csv", "data": csv})).await.json();
    assert_eq!(table["scored"], json!(1));
    assert_eq!(table["failed"], json!(1));
    assert_eq!(table["indicators"].as_array().unwrap().len(), 7);
    assert_eq!(table["rows"][0]["line"], json!(2));
    assert_eq!(table["rows"][0]["total"], json!("81"));
    assert_eq!(table["rows"][0]["grade"], json!("良"));
    assert_eq!(table["rows"][1]["line"], json!(3));
    assert!(table["rows"][1]["error"].as_str().unwrap().contains("abc"));

    let lines = format!(
        "{}\n\n{{\"cases\": 1}}\n",
        std::fs::read_to_string(repo().join("examples/chenggong-2021/measurements.json")).unwrap().trim()
    );
    let table = post(&s, "/api/batch", json!({"text": seed_text(), "name": "data.jsonl", "data": lines})).await.json();
    assert_eq!(table["rows"][0]["total"], json!("81"));
    assert_eq!(table["rows"][1]["line"], json!(3));
    assert!(table["rows"][1]["error"].as_str().unwrap().contains("缺少"));

    let download = post(&s, "/api/batch/csv", json!({"text": seed_text(), "name": "data.csv", "data": csv})).await;
    assert_eq!(download.status, 200);
    assert!(download.header("content-disposition").unwrap().contains("attachment"));
    let text = download.text();
    assert!(text.starts_with("\u{feff}行号,总分,等级,年办件量 得分,年办件量 扣分,年办件量 说明,"), "{text}");
    let rows: Vec<&str> = text.split("\r\n").collect();
    assert!(rows[1].starts_with("2,81.00,良,5.00,3.00,"), "{}", rows[1]);
    assert!(rows[2].starts_with("3,,,") && rows[2].contains("abc"), "{}", rows[2]);

    let broken = post(&s, "/api/batch", json!({"text": "计分表", "name": "d.csv", "data": csv})).await;
    assert_eq!(broken.status, 422);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_suite_beside_the_file_runs_with_its_diff() {
    let dir = seed_dir("suite");
    let s = serve(&dir).await;
    let suite = get(&s, &format!("/api/suite?path={SEED}")).await.json();
    assert_eq!(suite["found"], json!(true));
    assert_eq!(suite["suite"], json!("chenggong-2021-window-service.suite.toml"));
    assert_eq!(suite["failed"], json!(0), "{suite}");
    assert!(suite["passed"].as_u64().unwrap() >= 5);

    let path = dir.join("chenggong-2021-window-service.suite.toml");
    let text = std::fs::read_to_string(&path).unwrap().replacen("total = 81", "total = 82", 1);
    std::fs::write(&path, text).unwrap();
    let suite = get(&s, &format!("/api/suite?path={SEED}")).await.json();
    assert_eq!(suite["failed"], json!(1));
    let failed = suite["cases"].as_array().unwrap().iter().find(|c| c["passed"] == json!(false)).unwrap();
    let diff = failed["text"].as_str().unwrap();
    assert!(diff.starts_with("FAIL ") && diff.contains("82") && diff.contains("81"), "{diff}");
    assert!(!diff.contains(&dir.display().to_string()), "paths are shown relative: {diff}");

    std::fs::write(dir.join("lonely.rules"), seed_text()).unwrap();
    assert_eq!(get(&s, "/api/suite?path=lonely.rules").await.json()["found"], json!(false));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_are_all_answered_alike() {
    let dir = seed_dir("concurrent");
    let s = std::sync::Arc::new(serve(&dir).await);
    let mut tasks = Vec::new();
    for i in 0..24 {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            // Two texts interleaved: the compile cache must not mix them up.
            let text = if i % 2 == 0 {
                seed_text()
            } else {
                seed_text().replace("扣3分，低于上期80%", "扣4分，低于上期80%")
            };
            post(&s, "/api/score", json!({"text": text, "record": example_record()})).await.json()
        }));
    }
    for (i, task) in tasks.into_iter().enumerate() {
        let reply = task.await.unwrap();
        let expected = if i % 2 == 0 { 81 } else { 80 };
        assert_eq!(reply["report"]["total"], json!(expected), "request {i}");
    }
}

/// A batch large enough to outlast a short deadline.
fn slow_batch() -> String {
    let row = "1500000,1800000,85,92.5%,2700000元,12.5,0,91\n";
    let header = "cases,cases_last_year,staff_satisfaction,on_time_rate,spending,complaint_rate,blacklist_count,public_satisfaction\n";
    format!("{header}{}", row.repeat(60_000))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_past_its_deadline_is_given_up_and_other_requests_are_served() {
    let dir = seed_dir("deadline");
    let mut config = Config::local(&dir, 0);
    config.timeout = Duration::from_millis(1500);
    config.workers = 1;
    let s = std::sync::Arc::new(serve_with(config).await);
    let heavy = {
        let s = s.clone();
        tokio::spawn(async move {
            post(&s, "/api/batch", json!({"text": seed_text(), "name": "big.csv", "data": slow_batch()})).await
        })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    for path in ["/api/files", "/", &format!("/api/file?path={SEED}")] {
        assert_eq!(get(&s, path).await.status, 200);
    }
    assert!(!heavy.is_finished(), "pages were served while the batch was still running");
    let heavy = heavy.await.unwrap();
    assert_eq!(heavy.status, 503, "{}", heavy.text());
    assert!(heavy.json()["error"]["en"].as_str().unwrap().contains("raise --timeout"));
}
