//! `scorecard lsp`: a real conversation with the built binary over stdio,
//! a stream of random edits it must survive, and the time from a change to
//! diagnostics on a larger file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
#![allow(clippy::arithmetic_side_effects)]

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for responses.
    notes: Vec<Value>,
}

impl Client {
    fn start(utf8: bool) -> (Client, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_scorecard"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0usize;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        len = n.parse().unwrap();
                    }
                }
                let mut body = vec![0; len];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut client = Client { child, stdin, messages, next_id: 0, notes: Vec::new() };
        let encodings = if utf8 { json!(["utf-8", "utf-16"]) } else { json!(["utf-16"]) };
        let init = client.request("initialize", json!({"capabilities": {"general": {"positionEncodings": encodings}}}));
        client.notify("initialized", json!({}));
        (client, init)
    }

    fn send(&mut self, v: &Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        let msg = self.response(id);
        assert!(msg.get("error").is_none(), "{method}: {msg}");
        msg["result"].clone()
    }

    /// Sends a request without waiting; returns its id.
    fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// The whole response to request `id`; other messages are kept in `notes`.
    fn response(&mut self, id: i64) -> Value {
        if let Some(i) = self.notes.iter().position(|m| m["id"] == json!(id) && m.get("method").is_none()) {
            return self.notes.remove(i);
        }
        loop {
            let msg = self.messages.recv_timeout(WAIT).expect("the server answers");
            if msg["id"] == json!(id) && msg.get("method").is_none() {
                return msg;
            }
            self.notes.push(msg);
        }
    }

    /// The diagnostics published for `version` of the document.
    fn diagnostics(&mut self, version: i64) -> Vec<Value> {
        loop {
            if let Some(i) = self.notes.iter().position(|n| {
                n["method"] == "textDocument/publishDiagnostics" && n["params"]["version"] == json!(version)
            }) {
                let n = self.notes.remove(i);
                return n["params"]["diagnostics"].as_array().unwrap().clone();
            }
            match self.messages.recv_timeout(WAIT) {
                Ok(m) => self.notes.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("no diagnostics for version {version}"),
                Err(e) => panic!("server gone: {e}"),
            }
        }
    }

    fn open(&mut self, text: &str) {
        let doc = json!({"uri": URI, "languageId": "scorecard", "version": 1, "text": text});
        self.notify("textDocument/didOpen", json!({"textDocument": doc}));
    }

    fn change(&mut self, version: i64, text: &str) {
        let doc = json!({"uri": URI, "version": version});
        self.notify("textDocument/didChange", json!({"textDocument": doc, "contentChanges": [{"text": text}]}));
    }

    fn at(&mut self, method: &str, line: usize, character: usize, extra: Value) -> Value {
        let mut params = json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}});
        params.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        self.request(method, params)
    }

    fn finish(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "the server exits cleanly: {status}");
    }
}

const URI: &str = "file:///work/seed.rules";

fn seed() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules/chenggong-2021-window-service.rules"))
        .unwrap()
}

/// Line and UTF-16 column of the first `needle` in `text`.
fn utf16_position(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..at].encode_utf16().count())
}

/// Applies LSP text edits (for one document) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let lines: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let offset = |p: &Value| {
        let start = lines[p["line"].as_u64().unwrap() as usize];
        let want = p["character"].as_u64().unwrap() as usize;
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= want || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| (offset(&e["range"]["start"]), offset(&e["range"]["end"]), e["newText"].as_str().unwrap().to_owned()))
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_owned();
    for (s, e, t) in spans {
        out.replace_range(s..e, &t);
    }
    out
}

#[test]
fn a_whole_conversation() {
    let (mut c, init) = Client::start(false);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    let seed = seed();
    // A typo on a Chinese line: the diagnostic's column is in UTF-16 units.
    let typo = seed.replacen("评分 年办件量低于", "评分 年办件数低于", 1);
    c.open(&typo);
    let diags = c.diagnostics(1);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "E0201");
    let (line, col) = utf16_position(&typo, "年办件数");
    assert_eq!(diags[0]["range"]["start"], json!({"line": line, "character": col}));
    assert_eq!(diags[0]["range"]["end"], json!({"line": line, "character": col + 4}));
    // Hover on the diagnostic gives its long explanation.
    let hover = c.at("textDocument/hover", line, col + 1, json!({}));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("E0201") && text.contains("是否想写 `年办件量`"), "{text}");
    // The code action writes the suggested name; applied, the file is clean.
    let range = diags[0]["range"].clone();
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range, "context": {"diagnostics": diags}}),
    );
    assert_eq!(actions[0]["title"], "改为 `年办件量`");
    let fixed = apply(&typo, actions[0]["edit"]["changes"][URI].as_array().unwrap());
    assert_eq!(fixed, seed);
    c.change(2, &fixed);
    assert_eq!(c.diagnostics(2), Vec::<Value>::new());

    // Hover on a tier: the engine's reading of the indicator.
    let (tl, tc) = utf16_position(&seed, "低于上期80%");
    let hover = c.at("textDocument/hover", tl, tc + 2, json!({}));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("年办件量低于上期的 80%（不含本数），扣 5 分"), "{text}");
    assert!(text.contains("只扣最重的一档，不累计"), "{text}");
    // Hover on an input: key, unit and use.
    let (il, ic) = utf16_position(&seed, "支出金额 = spending");
    let text = c.at("textDocument/hover", il, ic + 1, json!({}))["contents"]["value"].as_str().unwrap().to_owned();
    assert!(text.contains("spending（万元）") && text.contains("用于 严格按照厉行节约"), "{text}");

    // Completion offers the declared names, keywords and units.
    let items = c.at("textDocument/completion", tl, tc, json!({}));
    let labels: Vec<&str> = items.as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    for want in ["年办件量", "上期", "评分", "万元", "优"] {
        assert!(labels.contains(&want), "{want} in {labels:?}");
    }

    // Definition and references of an input used as a baseline.
    let (ul, uc) = utf16_position(&seed, "评分 年办件量低于上期90%");
    let uc = uc + "评分 年办件量低于".encode_utf16().count();
    let def = c.at("textDocument/definition", ul, uc, json!({}));
    let (dl, dc) = utf16_position(&seed, "上期 = cases_last_year");
    assert_eq!(def["range"]["start"], json!({"line": dl, "character": dc}));
    let refs = c.at("textDocument/references", ul, uc, json!({"context": {"includeDeclaration": true}}));
    assert_eq!(refs.as_array().unwrap().len(), 5, "the declaration and four tiers: {refs}");

    // Rename the input; the renamed file compiles clean.
    let edit = c.at("textDocument/rename", ul, uc, json!({"newName": "基期"}));
    let renamed = apply(&seed, edit["changes"][URI].as_array().unwrap());
    assert_eq!(renamed.matches("基期").count(), 5, "{renamed}");
    // The rule changes; the 评分标准 prose quoted from the table keeps its words.
    assert!(renamed.contains("评分 年办件量低于基期90%，扣3分，低于基期80%"), "{renamed}");
    assert!(renamed.contains("评分标准 「年办件量低于上期90%"), "{renamed}");
    c.change(3, &renamed);
    assert_eq!(c.diagnostics(3), Vec::<Value>::new());

    // Formatting lays out a file with odd indentation as `scorecard fmt` does.
    let messy = renamed.replacen("    三级指标 年办件量", "      三级指标 年办件量", 1);
    assert_ne!(messy, renamed);
    c.change(4, &messy);
    c.diagnostics(4);
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let formatted = apply(&messy, edits.as_array().unwrap());
    assert_eq!(formatted, scorecard::format(&messy, &scorecard::Limits::default()).unwrap());
    assert_ne!(formatted, messy);

    // The outline: three 一级指标 with their indicators.
    let symbols = c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": URI}}));
    let top: Vec<&str> = symbols.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(top, ["产出指标", "效益指标", "满意度指标"]);
    assert_eq!(symbols[0]["children"][0]["children"][0]["name"], "年办件量");
    c.finish();
}

#[test]
fn utf8_is_used_when_the_client_offers_it() {
    let (mut c, init) = Client::start(true);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    // An astral character before the error on the same line.
    let text = "计分表 「𠀀」\n输入 甲 = a（%）\n三级指标 「𠀀指标」\n  分值 5分\n  评分 「𠀀」乙低于90%，扣5分\n";
    c.open(text);
    let diags = c.diagnostics(1);
    let at = text.find("「𠀀」乙").unwrap();
    let line_start = text[..at].rfind('\n').unwrap() + 1;
    assert!(!diags.is_empty());
    let start = &diags[0]["range"]["start"];
    assert_eq!(start["line"], 4);
    let col = start["character"].as_u64().unwrap() as usize;
    assert!(text.is_char_boundary(line_start + col), "a UTF-8 byte column: {col}");
    assert!(col >= at - line_start, "{col}");
    c.finish();
}

/// Random edits of the corpus files, streamed as changes with requests in
/// between: the server answers every request and exits cleanly.
#[test]
fn random_edits_never_kill_the_server() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules/corpus");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rules"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    files.sort();
    let (mut c, _) = Client::start(false);
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    };
    let pieces = ["扣", "分", "「", "」", "低于", "%", "\n", "  ", "𠀀", "９０", "（含）", "评分 ", "#", "", "=", "每"];
    let mut text = files[0].clone();
    c.open(&text);
    for version in 2..=400i64 {
        if version % 50 == 0 {
            text = files[next(files.len())].clone();
        }
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let a = chars.get(next(chars.len() + 1)).map_or(text.len(), |(i, _)| *i);
        let b = chars.get(next(chars.len() + 1)).map_or(text.len(), |(i, _)| *i);
        let (a, b) = (a.min(b), a.max(b).min(a + 40));
        let b = (a..=b).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(a);
        text.replace_range(a..b, pieces[next(pieces.len())]);
        c.change(version, &text);
        if version % 20 == 0 {
            let line = next(text.lines().count().max(1));
            c.at("textDocument/hover", line, next(30), json!({}));
            c.at("textDocument/completion", line, 0, json!({}));
            c.request(
                "textDocument/formatting",
                json!({"textDocument": {"uri": URI}, "options": {"tabSize": 2, "insertSpaces": true}}),
            );
            c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": URI}}));
            c.request("textDocument/semanticTokens/full", json!({"textDocument": {"uri": URI}}));
            c.request("textDocument/codeAction", json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": line, "character": 0}}, "context": {"diagnostics": []}}));
        }
    }
    c.diagnostics(400);
    c.finish();
}

/// A rule file of `n` indicators.
fn big(n: usize) -> String {
    let mut s = String::from("计分表 「大表」\n输入 满意度 = s（%）\n一级指标 产出指标\n  二级指标 数量指标\n");
    for i in 0..n {
        s.push_str(&format!(
            "    三级指标 「指标{i}」\n      分值 1分\n      评分 满意度低于90%，扣0.5分，低于80%，扣1分\n"
        ));
    }
    s.replace("计分表 「大表」\n", &format!("计分表 「大表」\n总分 {n}分\n"))
}

#[test]
fn diagnostics_follow_a_change_on_a_large_file() {
    let (mut c, _) = Client::start(false);
    // The size: 1,000 indicators. Times are printed, never asserted
    // (the machine is shared); docs/editors.md quotes them.
    let text = big(1000);
    let started = Instant::now();
    c.open(&text);
    assert_eq!(c.diagnostics(1), Vec::<Value>::new());
    eprintln!("open: {:?}", started.elapsed());
    let mut times = Vec::new();
    for version in 2..=6i64 {
        let broken = text.replacen("低于90%，扣0.5分", &format!("低于90%，扣0.5{}", "x".repeat(version as usize)), 1);
        let started = Instant::now();
        c.change(version, &broken);
        let d = c.diagnostics(version);
        times.push(started.elapsed());
        assert_eq!(d.len(), 1, "{d:?}");
    }
    times.sort();
    println!("1,000 indicators: change → diagnostics, median {:?} (min {:?}, max {:?})", times[2], times[0], times[4]);
    let started = Instant::now();
    c.finish();
    eprintln!("shutdown: {:?}", started.elapsed());
}

/// Every kind of code action, each from the fix the engine attached to its
/// diagnostic; applied, the file compiles clean. `check --format json`
/// carries the same fix.
#[test]
fn every_code_action_kind_fixes_its_file() {
    let head = "计分表 「t」\n输入 满意度 = s（%）\n";
    let cases = [
        // A heading name with a comparison word in it.
        (
            "三级指标 满意度低于预期的比例\n  分值 5分\n  评分 满意度低于90%，扣3分\n",
            "用「」括起名称 `满意度低于预期的比例`",
            "三级指标 「满意度低于预期的比例」\n",
        ),
        // A misspelt name.
        ("三级指标 「甲」\n  分值 5分\n  评分 满意率低于90%，扣3分\n", "改为 `满意度`", "评分 满意度低于90%"),
        // A missing 分.
        ("三级指标 「甲」\n  分值 5分\n  评分 满意度低于90%，扣3\n", "补上“分”", "扣3分"),
        // An undeclared input, with the unit of its threshold.
        (
            "三级指标 「甲」\n  分值 5分\n  评分 满意度低于90%，扣3分，办结率低于95%，扣5分\n",
            "声明输入 `办结率`（%）",
            "输入 办结率（%）\n",
        ),
    ];
    let (mut c, _) = Client::start(false);
    let mut version = 1;
    for (body, title, expect) in cases {
        let text = format!("{head}{body}");
        if version == 1 {
            c.open(&text);
        } else {
            c.change(version, &text);
        }
        let diags = c.diagnostics(version);
        assert_eq!(diags.len(), 1, "{text}: {diags:?}");
        let actions = c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": diags[0]["range"], "context": {"diagnostics": diags}}),
        );
        assert_eq!(actions[0]["title"], title, "{text}");
        assert_eq!(actions[0]["kind"], "quickfix");
        let fixed = apply(&text, actions[0]["edit"]["changes"][URI].as_array().unwrap());
        assert!(fixed.contains(expect), "{fixed}");
        version += 1;
        c.change(version, &fixed);
        assert_eq!(c.diagnostics(version), Vec::<Value>::new(), "{fixed}");
        version += 1;

        // The same fix, as byte spans, in `check --format json`.
        let path = std::env::temp_dir().join(format!("lsp-fix-{}-{version}.rules", std::process::id()));
        std::fs::write(&path, &text).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_scorecard"))
            .args(["check", "--format", "json"])
            .arg(&path)
            .output()
            .unwrap();
        let _ = std::fs::remove_file(&path);
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let fix = &report["diagnostics"][0]["fixes"][0];
        assert_eq!(fix["title"], title);
        let edit = &fix["edits"][0];
        let mut by_bytes = text.clone();
        let span = edit["span"]["start"].as_u64().unwrap() as usize..edit["span"]["end"].as_u64().unwrap() as usize;
        by_bytes.replace_range(span, edit["text"].as_str().unwrap());
        assert_eq!(by_bytes, fixed);
    }
    c.finish();
}

/// A slow request (the first analysis of a large file) neither holds up a
/// request on another document nor outlives `$/cancelRequest`; edits that
/// arrive out of order are dropped.
#[test]
fn slow_requests_never_block_and_can_be_cancelled() {
    const BIG: &str = "file:///work/big.rules";
    let (mut c, _) = Client::start(false);
    let seed = seed();
    c.open(&seed);
    assert_eq!(c.diagnostics(1), Vec::<Value>::new());
    let hover_big = json!({"textDocument": {"uri": BIG}, "position": {"line": 5, "character": 8}});
    let big = big(4000);
    let open = json!({"uri": BIG, "languageId": "scorecard", "version": 1, "text": big});
    c.notify("textDocument/didOpen", json!({"textDocument": open}));

    // Cancelled while its analysis runs: answered with RequestCancelled (-32800), once.
    let cancelled = c.send_request("textDocument/hover", hover_big.clone());
    c.notify("$/cancelRequest", json!({"id": cancelled}));
    let answer = c.response(cancelled);
    assert_eq!(answer["error"]["code"], -32800, "{answer}");

    // A new version of the large file: its hover waits for the analysis,
    // while a hover on the small file is answered first.
    let changed = big.replacen("扣0.5分", "扣0.25分", 1);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": BIG, "version": 2}, "contentChanges": [{"text": changed}]}),
    );
    let slow = c.send_request("textDocument/hover", hover_big);
    let (tl, tc) = utf16_position(&seed, "低于上期80%");
    let quick = c.at("textDocument/hover", tl, tc + 2, json!({}));
    assert!(quick["contents"]["value"].as_str().unwrap().contains("扣 5 分"), "{quick}");
    assert!(
        !c.notes.iter().any(|m| m["id"] == json!(slow)),
        "the small file's hover was answered after the large file's"
    );
    assert!(c.response(slow).get("error").is_none());

    // An edit older than the one applied (version 1 after 2) is ignored:
    // had it been applied, its missing 分 would offer a fix.
    let broken = changed.replacen("扣0.25分", "扣0.25", 1);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": BIG, "version": 1}, "contentChanges": [{"text": broken}]}),
    );
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 99_999, "character": 0}});
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": BIG}, "range": whole, "context": {"diagnostics": []}}),
    );
    assert_eq!(actions, json!([]));
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": BIG, "version": 3}, "contentChanges": [{"text": broken}]}),
    );
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": BIG}, "range": whole, "context": {"diagnostics": []}}),
    );
    assert_eq!(actions[0]["title"], "补上“分”", "a newer edit is applied");
    c.finish();
}

/// Semantic tokens of the whole seed file, decoded back to text: keywords,
/// names (declarations marked), numbers, quoted text and comments, with
/// UTF-16 columns on Chinese lines.
#[test]
fn semantic_tokens_colour_the_seed_file() {
    let (mut c, init) = Client::start(false);
    let legend = &init["capabilities"]["semanticTokensProvider"]["legend"];
    let types: Vec<String> =
        legend["tokenTypes"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_owned()).collect();
    let seed = seed();
    c.open(&seed);
    c.diagnostics(1);
    let data = c.request("textDocument/semanticTokens/full", json!({"textDocument": {"uri": URI}}))["data"].clone();
    let data: Vec<u64> = data.as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    assert_eq!(data.len() % 5, 0);
    let lines: Vec<&str> = seed.split('\n').collect();
    let (mut line, mut start) = (0usize, 0usize);
    let mut tokens: Vec<(usize, String, String, u64)> = Vec::new();
    for t in data.chunks(5) {
        if t[0] > 0 {
            start = 0;
        }
        line += t[0] as usize;
        start += t[1] as usize;
        let units: Vec<u16> = lines[line].encode_utf16().collect();
        let text = String::from_utf16(&units[start..start + t[2] as usize]).unwrap();
        tokens.push((line, text, types[t[3] as usize].clone(), t[4]));
    }
    let has = |text: &str, kind: &str, modifiers: u64| {
        tokens.iter().any(|(_, t, k, m)| t == text && k == kind && *m == modifiers)
    };
    assert!(has("上期", "variable", 1), "the declaration of 上期");
    assert!(has("上期", "variable", 0), "a use of 上期");
    assert!(has("年办件量", "variable", 0));
    assert!(has("评分", "keyword", 0));
    assert!(has("低于", "keyword", 0));
    assert!(has("输入", "keyword", 0));
    assert!(has("90", "number", 0));
    assert!(has("「保障入驻单位123个窗口的正常运行」", "string", 0), "a quoted indicator name");
    assert!(has("三级指标", "keyword", 0));
    let (first, ..) = &tokens[0];
    assert_eq!((*first, tokens[0].2.as_str()), (0, "comment"));
    // Prose keeps its words: the criterion's quoted text is one string, with no name tokens.
    let (criterion_line, _) = utf16_position(&seed, "评分标准 「年办件量低于上期90%");
    let on_line: Vec<&str> =
        tokens.iter().filter(|(l, ..)| *l == criterion_line).map(|(_, _, k, _)| k.as_str()).collect();
    assert_eq!(on_line, ["keyword", "string"], "{on_line:?}");
    c.finish();
}
