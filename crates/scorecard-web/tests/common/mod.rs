//! Shared by the web tests: a served copy of the seed table in a fresh
//! directory, and a plain HTTP/1.1 client that can send what a browser
//! would not (foreign hosts, traversal paths, oversized bodies).
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use scorecard_web::{Config, Running};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The seed rule file's name.
pub const SEED: &str = "chenggong-2021-window-service.rules";

/// A fresh directory holding a copy of the seed rules and their suite.
pub fn seed_dir(tag: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("scorecard-web-{tag}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for name in [SEED, "chenggong-2021-window-service.suite.toml"] {
        std::fs::copy(repo().join("rules").join(name), dir.join(name)).unwrap();
    }
    dir
}

/// Serves `target` on a free loopback port.
pub async fn serve(target: &Path) -> Running {
    serve_with(Config::local(target, 0)).await
}

/// Serves with a given configuration.
pub async fn serve_with(config: Config) -> Running {
    scorecard_web::start(config).await.expect("the server starts")
}

/// A response: status, raw headers and body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: String,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
    }
}

/// A request as a browser on the page would send it.
pub struct Request<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub host: Option<String>,
    pub origin: Option<String>,
    pub content_type: Option<&'a str>,
    pub body: Vec<u8>,
}

impl<'a> Request<'a> {
    pub fn get(running: &Running, path: &'a str) -> Request<'a> {
        Request { method: "GET", path, host: Some(host(running)), origin: None, content_type: None, body: Vec::new() }
    }

    pub fn post(running: &Running, path: &'a str, body: &serde_json::Value) -> Request<'a> {
        Request {
            method: "POST",
            path,
            host: Some(host(running)),
            origin: Some(format!("http://{}", host(running))),
            content_type: Some("application/json"),
            body: body.to_string().into_bytes(),
        }
    }

    /// Sends the request and reads the whole response.
    pub async fn send(&self, running: &Running) -> Reply {
        let mut stream = TcpStream::connect(running.addr).await.unwrap();
        let mut head = format!("{} {} HTTP/1.1\r\nConnection: close\r\n", self.method, self.path);
        if let Some(h) = &self.host {
            head.push_str(&format!("Host: {h}\r\n"));
        }
        if let Some(o) = &self.origin {
            head.push_str(&format!("Origin: {o}\r\n"));
        }
        if let Some(c) = self.content_type {
            head.push_str(&format!("Content-Type: {c}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", self.body.len()));
        stream.write_all(head.as_bytes()).await.unwrap();
        // The server may answer (413) before reading all of a large body.
        let _ = stream.write_all(&self.body).await;
        let mut raw = Vec::new();
        tokio::time::timeout(Duration::from_secs(60), stream.read_to_end(&mut raw))
            .await
            .expect("the server answers within a minute")
            .ok();
        parse(&raw)
    }
}

/// `127.0.0.1:PORT`.
pub fn host(running: &Running) -> String {
    format!("127.0.0.1:{}", running.addr.port())
}

fn parse(raw: &[u8]) -> Reply {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete HTTP response");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut body = raw[split + 4..].to_vec();
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = unchunk(&body);
    }
    Reply { status, headers: head, body }
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = data.windows(2).position(|w| w == b"\r\n") else { return out };
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
}

/// GET as the page would.
pub async fn get(running: &Running, path: &str) -> Reply {
    Request::get(running, path).send(running).await
}

/// POST JSON as the page would.
pub async fn post(running: &Running, path: &str, body: serde_json::Value) -> Reply {
    Request::post(running, path, &body).send(running).await
}

/// The seed rule file's text.
pub fn seed_text() -> String {
    std::fs::read_to_string(repo().join("rules").join(SEED)).unwrap()
}

/// The example measurements, as the form's strings (numbers as written, never through a float).
pub fn example_record() -> serde_json::Value {
    let text = std::fs::read_to_string(repo().join("examples/chenggong-2021/measurements.json")).unwrap();
    let raw: std::collections::BTreeMap<String, &serde_json::value::RawValue> = serde_json::from_str(&text).unwrap();
    let strings = raw
        .into_iter()
        .map(|(k, v)| {
            let s = serde_json::from_str::<String>(v.get()).unwrap_or_else(|_| v.get().to_owned());
            (k, serde_json::Value::String(s))
        })
        .collect();
    serde_json::Value::Object(strings)
}
