//! `scorecard serve [DIR|FILE]`: the workbench in the browser; the server
//! itself is the `scorecard-web` crate.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use scorecard_web::{Config, DEFAULT_PORT};

use crate::args::LimitFlags;
use crate::exit::{note, CliError, Exit};

/// Arguments of `scorecard serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The directory of rule files to serve, or one rule file (opened at once).
    #[arg(value_name = "DIR|FILE", default_value = ".")]
    pub target: PathBuf,
    /// The port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// Listen on this address instead of 127.0.0.1 (e.g. 0.0.0.0 to let other
    /// machines in); anyone who can reach it can read and change the rule files.
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<IpAddr>,
    /// Longest a compile, a record or a batch may take, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
    /// Largest request body (a rule file or a dropped batch), in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 32 * 1024 * 1024,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_body_bytes: u64,
    /// The limits rule files are read with.
    #[command(flatten)]
    pub limits: LimitFlags,
}

/// Serves the workbench until Ctrl-C.
pub fn run(args: &ServeArgs) -> Result<Exit, CliError> {
    let mut config = Config::local(&args.target, args.port);
    if let Some(ip) = args.listen {
        config.addr = SocketAddr::new(ip, args.port);
        if ip != IpAddr::V4(Ipv4Addr::LOCALHOST) && !ip.is_loopback() {
            note(&format!(
                "warning: listening on {ip}: anyone who can reach this address can read and change the rule files in {} \
                 (警告：其他机器也能访问，并可读写这些规则文件)",
                args.target.display()
            ));
        }
    }
    config.limits = args.limits.limits();
    config.timeout = Duration::from_secs(args.timeout);
    config.max_body_bytes = usize::try_from(args.max_body_bytes).unwrap_or(usize::MAX);
    scorecard_web::run(config, |running| {
        let open = running.open.as_deref().map(|f| format!(" ({f})")).unwrap_or_default();
        println!("scorecard workbench{open}: open {} in a browser (在浏览器中打开); Ctrl-C stops it", running.url());
    })
    .map_err(|e| CliError::read(&args.target, e))?;
    Ok(Exit::Success)
}
