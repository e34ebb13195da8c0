//! `scorecard serve`: loopback by default, a warning when exposed with
//! `--listen`, and a clear error for a target that is not there. The
//! workbench itself is tested in `crates/scorecard-web/tests`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

/// A running `scorecard serve`, ended (by its id) when dropped.
struct Served(Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(args: &[&str]) -> (Served, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scorecard"))
        .arg("serve")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    (Served(child), line)
}

/// The address in the printed line.
fn address(line: &str) -> &str {
    let (_, rest) = line.split_once("http://").unwrap_or_else(|| panic!("no address in {line:?}"));
    rest.split('/').next().unwrap()
}

#[test]
fn serves_the_seed_on_loopback_and_prints_where() {
    let (_served, line) = serve(&[common::SEED, "--port", "0"]);
    assert!(line.contains("(chenggong-2021-window-service.rules)"), "{line}");
    let addr = address(&line);
    assert!(addr.starts_with("127.0.0.1:"), "{line}");
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(stream, "GET /api/files HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.contains("\"open\":\"chenggong-2021-window-service.rules\""), "{reply}");
}

#[test]
fn listening_beyond_loopback_warns() {
    let (mut served, line) = serve(&[common::SEED, "--port", "0", "--listen", "0.0.0.0"]);
    assert!(line.contains("http://127.0.0.1:"), "{line}");
    served.0.kill().unwrap();
    let mut stderr = String::new();
    served.0.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(stderr.contains("warning: listening on 0.0.0.0") && stderr.contains("警告"), "{stderr}");
}

#[test]
fn a_missing_target_is_a_usage_error() {
    let run = common::scorecard(&["serve", "no-such-dir", "--port", "0"]);
    run.no_panic();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no-such-dir"), "{}", run.stderr);
}
