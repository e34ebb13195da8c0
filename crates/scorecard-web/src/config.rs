//! What `scorecard serve` is asked to serve, and the running server.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use scorecard::Limits;
use tokio::task::JoinHandle;

use crate::workspace::{Workspace, RULES_EXTENSION};

/// The default port.
pub const DEFAULT_PORT: u16 = 7878;

/// How to serve the workbench.
#[derive(Debug, Clone)]
pub struct Config {
    /// The directory served, or one rule file in it (opened at once).
    pub target: PathBuf,
    /// Where to listen; loopback unless deliberately exposed.
    pub addr: SocketAddr,
    /// The limits rule files are read with.
    pub limits: Limits,
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
    /// Longest a compile, a score or a batch may take.
    pub timeout: Duration,
    /// Compiles and scores that may run at once.
    pub workers: usize,
}

impl Config {
    /// Serves `target` on 127.0.0.1 at `port` with the default limits.
    pub fn local(target: impl Into<PathBuf>, port: u16) -> Config {
        Config {
            target: target.into(),
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
            limits: Limits::default(),
            max_body_bytes: 32 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            workers: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}

/// The served directory and the file the page opens first.
#[derive(Debug, Clone)]
pub struct Site {
    /// The served directory.
    pub workspace: Workspace,
    /// The file opened at once: the one named, or the directory's only rule file.
    pub open: Option<String>,
}

impl Site {
    /// The site for a directory or a rule file.
    pub fn open(target: &Path) -> io::Result<Site> {
        let meta = std::fs::metadata(target)?;
        if meta.is_dir() {
            let workspace = Workspace::new(target)?;
            let files = workspace.rule_files();
            let open = match files.as_slice() {
                [only] => Some(only.clone()),
                _ => None,
            };
            return Ok(Site { workspace, open });
        }
        if target.extension().is_none_or(|e| e != RULES_EXTENSION) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not a rule file (*.rules) or a directory", target.display()),
            ));
        }
        let file = target.canonicalize()?;
        let dir = file.parent().unwrap_or(Path::new("."));
        let workspace = Workspace::new(dir)?;
        let open = workspace.relative(&file);
        Ok(Site { workspace, open })
    }
}

/// A server started by [`crate::start`].
#[derive(Debug)]
pub struct Running {
    /// The address it listens on.
    pub addr: SocketAddr,
    /// The file the page opens first.
    pub open: Option<String>,
    /// The serving task; it ends only on an I/O error.
    pub task: JoinHandle<io::Result<()>>,
}

impl Running {
    /// The address to open in a browser.
    pub fn url(&self) -> String {
        let host = if self.addr.ip().is_unspecified() { "127.0.0.1".to_owned() } else { self.addr.ip().to_string() };
        let host = if host.contains(':') { format!("[{host}]") } else { host };
        format!("http://{host}:{}/", self.addr.port())
    }
}
