//! The JSON endpoints behind the page, one file per part of it.
//!
//! | method | path | what |
//! |---|---|---|
//! | GET | `/api/files` | the rule files, and the one to open first |
//! | GET | `/api/file?path=` | a rule file's text |
//! | POST | `/api/save` | write a rule file back |
//! | POST | `/api/check` | diagnostics, inputs (the form) and language |
//! | POST | `/api/format` | the canonical layout (`scorecard fmt`) |
//! | POST | `/api/reading` | how each criterion was read (the reading model) |
//! | POST | `/api/score` | one record: report, what-if advice, errors by field |
//! | POST | `/api/batch` | many records (CSV, JSON Lines, JSON): a table |
//! | POST | `/api/batch/csv` | the same as a CSV download for Excel |
//! | POST | `/api/batch/xlsx` | the same as the 自评表 workbook (a form sheet per record and a summary) |
//! | POST | `/api/import` | a 绩效目标表 (.xlsx/.xls/.ods/.docx/.csv/.txt) as a draft rule file |
//! | GET | `/api/suite?path=` | the suite beside a rule file, run |

mod check;
mod files;
mod import;
mod score;
mod suites;
mod table;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::{middleware, Router};
use scorecard::Limits;

use crate::cache::{Cache, Compiled};
use crate::config::{Config, Site};
use crate::error::ApiError;
use crate::guard::{self, Hosts};
use crate::pool::Pool;
use crate::workspace::Workspace;

/// What every request handler shares.
#[derive(Debug)]
pub struct App {
    workspace: Workspace,
    open: Option<String>,
    limits: Limits,
    pool: Pool,
    cache: Arc<Cache>,
}

impl App {
    /// The state for serving `site` with `config`'s limits.
    pub fn new(site: &Site, config: &Config) -> App {
        App {
            workspace: site.workspace.clone(),
            open: site.open.clone(),
            limits: config.limits,
            pool: Pool::new(config.workers, config.timeout),
            cache: Arc::new(Cache::default()),
        }
    }

    /// Compiles `text` (or takes it from the cache) and runs `then` on it, on the pool.
    async fn with_card<T: Send + 'static>(
        &self,
        text: String,
        then: impl FnOnce(&Compiled) -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let (cache, limits) = (self.cache.clone(), self.limits);
        self.pool.run(move || then(&cache.get(&text, &limits))).await
    }
}

/// Every route, behind the guards and the body limit.
pub fn router(app: Arc<App>, hosts: Arc<Hosts>, max_body_bytes: usize) -> Router {
    Router::new()
        .route("/", get(crate::assets::index))
        .route("/app.js", get(crate::assets::script))
        .route("/app.css", get(crate::assets::style))
        .route("/api/files", get(files::list))
        .route("/api/file", get(files::read))
        .route("/api/save", post(files::save))
        .route("/api/check", post(check::check))
        .route("/api/format", post(check::format))
        .route("/api/reading", post(check::reading))
        .route("/api/score", post(score::score))
        .route("/api/batch", post(table::batch))
        .route("/api/batch/csv", post(table::batch_csv))
        .route("/api/batch/xlsx", post(table::batch_xlsx))
        .route("/api/import", post(import::import))
        .route("/api/suite", get(suites::suite))
        .fallback(not_found)
        .with_state(app)
        .layer(DefaultBodyLimit::max(max_body_bytes))
        .layer(middleware::from_fn_with_state(hosts, guard::check))
}

/// The bytes of a file the page sent as base64.
fn upload(name: &str, base64: &str) -> Result<Vec<u8>, ApiError> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(base64.trim()).map_err(|e| {
        ApiError::bad_request(
            format!("{name}：文件内容不是有效的 base64（{e}）"),
            format!("{name}: the file's content is not valid base64 ({e})"),
        )
    })
}

async fn not_found() -> ApiError {
    ApiError::new(axum::http::StatusCode::NOT_FOUND, "没有这个地址", "no such page")
}
