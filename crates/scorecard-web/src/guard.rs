//! Request guards: the `Host` a page may be reached by (so a web page
//! elsewhere cannot rebind its name to the workbench), and for every
//! changing request a JSON body sent by the workbench's own page.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// The names the server answers to: for a loopback address only
/// `127.0.0.1`, `localhost` and `[::1]` with its port; any name when it was
/// deliberately exposed with `--listen`.
#[derive(Debug, Clone)]
pub struct Hosts {
    allowed: Option<Vec<String>>,
}

impl Hosts {
    /// The names a server bound to `addr` answers to.
    pub fn for_addr(addr: SocketAddr) -> Hosts {
        if !addr.ip().is_loopback() {
            return Hosts { allowed: None };
        }
        let port = addr.port();
        let allowed = vec![format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")];
        Hosts { allowed: Some(allowed) }
    }

    fn admits(&self, host: &str) -> bool {
        self.allowed.as_ref().is_none_or(|names| names.iter().any(|n| n.eq_ignore_ascii_case(host)))
    }
}

/// Refuses a request with a foreign `Host`, and a changing request that is
/// not JSON from the page's own origin.
pub async fn check(State(hosts): State<Arc<Hosts>>, request: Request, next: Next) -> Response {
    match refusal(&hosts, request.method(), request.headers()) {
        Some(e) => e.into_response(),
        None => next.run(request).await,
    }
}

fn refusal(hosts: &Hosts, method: &Method, headers: &HeaderMap) -> Option<ApiError> {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let Some(host) = text(header::HOST).filter(|h| hosts.admits(h)) else {
        return Some(forbidden(
            "请求的主机名不被接受（请用启动时打印的地址打开）",
            "unknown Host: open the address the server printed",
        ));
    };
    if matches!(*method, Method::GET | Method::HEAD) {
        return None;
    }
    if text(header::ORIGIN) != Some(format!("http://{host}").as_str()) {
        return Some(forbidden(
            "只接受工作台页面本身发出的修改请求（Origin 不符）",
            "changing requests are accepted only from the workbench's own page (Origin does not match)",
        ));
    }
    let json = text(header::CONTENT_TYPE).is_some_and(|t| t.trim_start().starts_with("application/json"));
    if !json {
        return Some(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "请求体须为 JSON（Content-Type: application/json）",
            "the request body must be JSON (Content-Type: application/json)",
        ));
    }
    None
}

fn forbidden(zh: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, zh, en)
}
