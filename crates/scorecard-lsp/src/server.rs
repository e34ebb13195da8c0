//! The protocol side: reads LSP messages, keeps the open documents, runs
//! analyses off the main loop and answers with positions in the client's
//! encoding.

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use scorecard::{Severity, Span};

use crate::ide::lines::{Encoding, Lines, Pos};
use crate::ide::{self, Analysis};

/// What went wrong with the connection itself.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// How long edits are gathered before diagnostics are computed.
const DEBOUNCE: Duration = Duration::from_millis(25);

/// Threads answering requests: a slow request (a large file's first
/// analysis) never holds up the others.
const WORKERS: usize = 3;

/// Stack of the worker threads: deep but bounded rule files recurse in the parser.
const STACK: usize = 64 * 1024 * 1024;

/// Serves over standard input and output until the client exits.
pub fn run_stdio() -> Result<(), Error> {
    let (connection, io) = Connection::stdio();
    serve(connection)?;
    io.join()?;
    Ok(())
}

/// One open document.
struct Doc {
    version: i32,
    text: Arc<String>,
    analysis: Option<Arc<Analysis>>,
}

type Docs = Arc<Mutex<HashMap<lsp::Uri, Doc>>>;

/// Requests received and not yet answered. Whoever removes an id first (the
/// worker with its answer, or `$/cancelRequest` with RequestCancelled)
/// sends the one response.
type Pending = Arc<Mutex<HashSet<RequestId>>>;

/// Serves one connection: initialize, then messages until shutdown and exit.
pub fn serve(connection: Connection) -> Result<(), Error> {
    let (id, params) = connection.initialize_start()?;
    let params: lsp::InitializeParams = serde_json::from_value(params)?;
    let encoding = negotiate(&params);
    let result = lsp::InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(lsp::ServerInfo {
            name: "scorecard".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    let docs: Docs = Arc::default();
    let (changed_tx, changed_rx) = crossbeam_channel::unbounded::<lsp::Uri>();
    let (request_tx, request_rx) = crossbeam_channel::unbounded::<Request>();
    let ctx = Ctx { docs: docs.clone(), pending: Pending::default(), out: connection.sender.clone(), encoding };
    let diagnostics = {
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name("diagnostics".into())
            .stack_size(STACK)
            .spawn(move || ctx.diagnose(&changed_rx))?
    };
    let mut workers = Vec::new();
    for _ in 0..WORKERS {
        let (ctx, request_rx) = (ctx.clone(), request_rx.clone());
        workers.push(
            std::thread::Builder::new()
                .name("requests".into())
                .stack_size(STACK)
                .spawn(move || ctx.answer_all(&request_rx))?,
        );
    }
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) => {
                if connection.handle_shutdown(&req)? {
                    break;
                }
                ctx.pending().insert(req.id.clone());
                request_tx.send(req)?;
            }
            Message::Notification(n) if n.method == lsp::notification::Cancel::METHOD => ctx.cancel(n),
            Message::Notification(n) => {
                if let Some(uri) = ctx.notified(n) {
                    changed_tx.send(uri)?;
                }
            }
            Message::Response(_) => {}
        }
    }
    drop(changed_tx);
    drop(request_tx);
    let _ = diagnostics.join();
    for worker in workers {
        let _ = worker.join();
    }
    Ok(())
}

/// UTF-8 if the client offers it, else UTF-16.
fn negotiate(params: &lsp::InitializeParams) -> Encoding {
    let offered = params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_ref());
    if offered.is_some_and(|list| list.contains(&lsp::PositionEncodingKind::UTF8)) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    }
}

fn capabilities(encoding: Encoding) -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(lsp::TextDocumentSyncKind::FULL)),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp::CompletionOptions::default()),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        rename_provider: Some(lsp::OneOf::Left(true)),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Simple(true)),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        semantic_tokens_provider: Some(lsp::SemanticTokensServerCapabilities::SemanticTokensOptions(
            lsp::SemanticTokensOptions {
                legend: lsp::SemanticTokensLegend {
                    token_types: TOKEN_TYPES.to_vec(),
                    token_modifiers: vec![
                        lsp::SemanticTokenModifier::DECLARATION,
                        lsp::SemanticTokenModifier::READONLY,
                    ],
                },
                full: Some(lsp::SemanticTokensFullOptions::Bool(true)),
                ..lsp::SemanticTokensOptions::default()
            },
        )),
        ..lsp::ServerCapabilities::default()
    }
}

/// The semantic token types, indexed by `ide::TokenKind`.
const TOKEN_TYPES: [lsp::SemanticTokenType; 5] = [
    lsp::SemanticTokenType::KEYWORD,
    lsp::SemanticTokenType::VARIABLE,
    lsp::SemanticTokenType::NUMBER,
    lsp::SemanticTokenType::STRING,
    lsp::SemanticTokenType::COMMENT,
];

#[derive(Clone)]
struct Ctx {
    docs: Docs,
    pending: Pending,
    out: Sender<Message>,
    encoding: Encoding,
}

impl Ctx {
    /// Applies a document notification; returns the document to re-check.
    fn notified(&self, n: Notification) -> Option<lsp::Uri> {
        let (uri, version, text) = match n.method.as_str() {
            lsp::notification::DidOpenTextDocument::METHOD => {
                let p: lsp::DidOpenTextDocumentParams = serde_json::from_value(n.params).ok()?;
                (p.text_document.uri, p.text_document.version, p.text_document.text)
            }
            lsp::notification::DidChangeTextDocument::METHOD => {
                let p: lsp::DidChangeTextDocumentParams = serde_json::from_value(n.params).ok()?;
                let text = p.content_changes.into_iter().last()?.text;
                (p.text_document.uri, p.text_document.version, text)
            }
            lsp::notification::DidCloseTextDocument::METHOD => {
                let p: lsp::DidCloseTextDocumentParams = serde_json::from_value(n.params).ok()?;
                self.lock().remove(&p.text_document.uri);
                self.publish(p.text_document.uri, Vec::new(), None);
                return None;
            }
            _ => return None,
        };
        if self.lock().get(&uri).is_some_and(|d| d.version >= version) {
            return None; // an edit older than the one already applied
        }
        self.lock().insert(uri.clone(), Doc { version, text: Arc::new(text), analysis: None });
        Some(uri)
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, HashSet<RequestId>> {
        self.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// `$/cancelRequest`: answers a request still pending with RequestCancelled.
    fn cancel(&self, n: Notification) {
        let Ok(p) = serde_json::from_value::<lsp::CancelParams>(n.params) else { return };
        let id = match p.id {
            lsp::NumberOrString::Number(n) => RequestId::from(n),
            lsp::NumberOrString::String(s) => RequestId::from(s),
        };
        if self.pending().remove(&id) {
            let r = Response::new_err(id, ErrorCode::RequestCanceled as i32, "request cancelled".to_owned());
            let _ = self.out.send(Message::Response(r));
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<lsp::Uri, Doc>> {
        self.docs.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Re-checks changed documents, the latest version only, and publishes their diagnostics.
    fn diagnose(&self, changed: &Receiver<lsp::Uri>) {
        while let Ok(first) = changed.recv() {
            std::thread::sleep(DEBOUNCE);
            let mut uris = vec![first];
            uris.extend(changed.try_iter());
            uris.sort_by(|a, b| a.as_str().cmp(b.as_str()));
            uris.dedup();
            for uri in uris {
                let Some((version, analysis)) = self.analysis(&uri) else { continue };
                if self.lock().get(&uri).is_none_or(|d| d.version != version) {
                    continue; // stale: a newer version is already queued
                }
                let diagnostics = self.diagnostics(&analysis);
                self.publish(uri, diagnostics, Some(version));
            }
        }
    }

    /// The analysis of the current version of `uri`, computed once.
    fn analysis(&self, uri: &lsp::Uri) -> Option<(i32, Arc<Analysis>)> {
        let (version, text) = {
            let docs = self.lock();
            let doc = docs.get(uri)?;
            if let Some(a) = &doc.analysis {
                return Some((doc.version, a.clone()));
            }
            (doc.version, doc.text.clone())
        };
        let analysis = Arc::new(catch_unwind(AssertUnwindSafe(|| Analysis::new(text.to_string()))).ok()?);
        if let Some(doc) = self.lock().get_mut(uri).filter(|d| d.version == version) {
            doc.analysis = Some(analysis.clone());
        }
        Some((version, analysis))
    }

    fn publish(&self, uri: lsp::Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) {
        let params = lsp::PublishDiagnosticsParams { uri, diagnostics, version };
        let n = Notification::new(lsp::notification::PublishDiagnostics::METHOD.to_owned(), params);
        let _ = self.out.send(Message::Notification(n));
    }

    fn diagnostics(&self, a: &Analysis) -> Vec<lsp::Diagnostic> {
        let lines = Lines::new(&a.source);
        a.diagnostics.iter().map(|d| self.diagnostic(a, &lines, d)).collect()
    }

    fn diagnostic(&self, a: &Analysis, lines: &Lines, d: &scorecard::Diagnostic) -> lsp::Diagnostic {
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str(a.lang.pick("\n建议：", "\nhelp: "));
            message.push_str(help);
        }
        lsp::Diagnostic {
            range: self.range(&a.source, lines, d.span),
            severity: Some(match d.severity {
                Severity::Error => lsp::DiagnosticSeverity::ERROR,
                _ => lsp::DiagnosticSeverity::WARNING,
            }),
            code: Some(lsp::NumberOrString::String(d.code.as_str().to_owned())),
            source: Some("scorecard".to_owned()),
            message,
            ..lsp::Diagnostic::default()
        }
    }

    fn range(&self, text: &str, lines: &Lines, span: Span) -> lsp::Range {
        let p = |o: u32| {
            let Pos { line, character } = lines.pos(text, o as usize, self.encoding);
            lsp::Position { line, character }
        };
        lsp::Range { start: p(span.start), end: p(span.end) }
    }

    fn offset(&self, text: &str, lines: &Lines, pos: lsp::Position) -> usize {
        lines.offset(text, Pos { line: pos.line, character: pos.character }, self.encoding)
    }

    fn answer_all(&self, requests: &Receiver<Request>) {
        for req in requests {
            let id = req.id.clone();
            if !self.pending().contains(&id) {
                continue; // cancelled while queued
            }
            let response = match catch_unwind(AssertUnwindSafe(|| self.answer(req))) {
                Ok(Ok(r)) => r,
                Ok(Err(message)) => Response::new_err(id, ErrorCode::InvalidParams as i32, message),
                Err(_) => Response::new_err(id, ErrorCode::InternalError as i32, "internal error".to_owned()),
            };
            if self.pending().remove(&response.id) {
                let _ = self.out.send(Message::Response(response));
            }
        }
    }

    fn answer(&self, req: Request) -> Result<Response, String> {
        use lsp::request::*;
        let id = req.id.clone();
        match req.method.as_str() {
            HoverRequest::METHOD => self.with(
                req,
                |p: lsp::HoverParams| p.text_document_position_params,
                |s, a, l, at, _| s.hover(a, l, at),
            ),
            Completion::METHOD => {
                self.with(req, |p: lsp::CompletionParams| p.text_document_position, |_, a, _, _, _| completions(a))
            }
            GotoDefinition::METHOD => self.with(
                req,
                |p: lsp::GotoDefinitionParams| p.text_document_position_params,
                |s, a, l, at, uri| s.definition(a, l, at, uri),
            ),
            References::METHOD => self.with(
                req,
                |p: lsp::ReferenceParams| p.text_document_position,
                |s, a, l, at, uri| s.references(a, l, at, uri),
            ),
            Rename::METHOD => {
                let p: lsp::RenameParams = parse(&req)?;
                let new_name = p.new_name;
                self.with(
                    req,
                    |p: lsp::RenameParams| p.text_document_position,
                    move |s, a, l, at, uri| s.rename(a, l, at, uri, &new_name),
                )
            }
            Formatting::METHOD => {
                let p: lsp::DocumentFormattingParams = parse(&req)?;
                let (_, a) = self.analysis(&p.text_document.uri).ok_or("document not open")?;
                Ok(Response::new_ok(id, self.formatting(&a)))
            }
            CodeActionRequest::METHOD => {
                let p: lsp::CodeActionParams = parse(&req)?;
                let (_, a) = self.analysis(&p.text_document.uri).ok_or("document not open")?;
                Ok(Response::new_ok(id, self.code_actions(&a, &p.text_document.uri, p.range)))
            }
            SemanticTokensFullRequest::METHOD => {
                let p: lsp::SemanticTokensParams = parse(&req)?;
                let (_, a) = self.analysis(&p.text_document.uri).ok_or("document not open")?;
                Ok(Response::new_ok(id, self.semantic_tokens(&a)))
            }
            DocumentSymbolRequest::METHOD => {
                let p: lsp::DocumentSymbolParams = parse(&req)?;
                let (_, a) = self.analysis(&p.text_document.uri).ok_or("document not open")?;
                Ok(Response::new_ok(id, lsp::DocumentSymbolResponse::Nested(self.symbols(&a))))
            }
            _ => {
                Ok(Response::new_err(id, ErrorCode::MethodNotFound as i32, format!("unknown method `{}`", req.method)))
            }
        }
    }

    /// Answers a request about one position of one document.
    fn with<P, R>(
        &self,
        req: Request,
        position: impl FnOnce(P) -> lsp::TextDocumentPositionParams,
        f: impl FnOnce(&Ctx, &Analysis, &Lines, usize, &lsp::Uri) -> R,
    ) -> Result<Response, String>
    where
        P: serde::de::DeserializeOwned,
        R: serde::Serialize,
    {
        let id = req.id.clone();
        let at = position(parse(&req)?);
        let (_, a) = self.analysis(&at.text_document.uri).ok_or("document not open")?;
        let lines = Lines::new(&a.source);
        let offset = self.offset(&a.source, &lines, at.position);
        Ok(Response::new_ok(id, f(self, &a, &lines, offset, &at.text_document.uri)))
    }

    fn hover(&self, a: &Analysis, lines: &Lines, at: usize) -> Option<lsp::Hover> {
        let (text, span) = ide::hover(a, at)?;
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent { kind: lsp::MarkupKind::Markdown, value: text }),
            range: Some(self.range(&a.source, lines, span)),
        })
    }

    fn definition(
        &self,
        a: &Analysis,
        lines: &Lines,
        at: usize,
        uri: &lsp::Uri,
    ) -> Option<lsp::GotoDefinitionResponse> {
        let (named, _) = a.name_at(at)?;
        let span = *a.occurrences(named).first()?;
        Some(lsp::GotoDefinitionResponse::Scalar(lsp::Location {
            uri: uri.clone(),
            range: self.range(&a.source, lines, span),
        }))
    }

    fn references(&self, a: &Analysis, lines: &Lines, at: usize, uri: &lsp::Uri) -> Option<Vec<lsp::Location>> {
        let (named, _) = a.name_at(at)?;
        Some(
            a.occurrences(named)
                .into_iter()
                .map(|s| lsp::Location { uri: uri.clone(), range: self.range(&a.source, lines, s) })
                .collect(),
        )
    }

    fn rename(
        &self,
        a: &Analysis,
        lines: &Lines,
        at: usize,
        uri: &lsp::Uri,
        new_name: &str,
    ) -> Option<lsp::WorkspaceEdit> {
        let (named, _) = a.name_at(at)?;
        let edits = a.rename(named, new_name)?;
        Some(self.workspace_edit(a, lines, uri, &edits))
    }

    fn workspace_edit(&self, a: &Analysis, lines: &Lines, uri: &lsp::Uri, edits: &[ide::Edit]) -> lsp::WorkspaceEdit {
        let edits = edits
            .iter()
            .map(|e| lsp::TextEdit { range: self.range(&a.source, lines, e.span), new_text: e.text.clone() })
            .collect();
        lsp::WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..lsp::WorkspaceEdit::default() }
    }

    fn formatting(&self, a: &Analysis) -> Option<Vec<lsp::TextEdit>> {
        let formatted = a.formatted()?;
        let lines = Lines::new(&a.source);
        let range = self.range(&a.source, &lines, Span::new(0, a.source.len()));
        Some(vec![lsp::TextEdit { range, new_text: formatted }])
    }

    fn code_actions(&self, a: &Analysis, uri: &lsp::Uri, range: lsp::Range) -> Vec<lsp::CodeActionOrCommand> {
        let lines = Lines::new(&a.source);
        let span = self.offset(&a.source, &lines, range.start)..self.offset(&a.source, &lines, range.end);
        ide::code_actions(a, span)
            .into_iter()
            .map(|fix| {
                lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: fix.title.clone(),
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![self.diagnostic(a, &lines, &fix.diagnostic)]),
                    edit: Some(self.workspace_edit(a, &lines, uri, &fix.edits)),
                    is_preferred: Some(true),
                    ..lsp::CodeAction::default()
                })
            })
            .collect()
    }

    /// The tokens as LSP encodes them: each relative to the one before, in the client's units.
    fn semantic_tokens(&self, a: &Analysis) -> lsp::SemanticTokens {
        let lines = Lines::new(&a.source);
        let (mut line, mut start) = (0u32, 0u32);
        let mut data = Vec::new();
        for t in ide::tokens(a) {
            let r = self.range(&a.source, &lines, t.span);
            let (token_type, readonly) = match t.kind {
                ide::TokenKind::Keyword => (0, false),
                ide::TokenKind::Variable => (1, false),
                ide::TokenKind::Constant => (1, true),
                ide::TokenKind::Number => (2, false),
                ide::TokenKind::String => (3, false),
                ide::TokenKind::Comment => (4, false),
            };
            let delta_line = r.start.line.saturating_sub(line);
            let delta_start = if delta_line == 0 { r.start.character.saturating_sub(start) } else { r.start.character };
            data.push(lsp::SemanticToken {
                delta_line,
                delta_start,
                length: r.end.character.saturating_sub(r.start.character),
                token_type,
                token_modifiers_bitset: u32::from(t.declaration) | (u32::from(readonly) << 1),
            });
            (line, start) = (r.start.line, r.start.character);
        }
        lsp::SemanticTokens { result_id: None, data }
    }

    fn symbols(&self, a: &Analysis) -> Vec<lsp::DocumentSymbol> {
        let lines = Lines::new(&a.source);
        ide::outline(a).iter().map(|s| self.symbol(a, &lines, s)).collect()
    }

    #[allow(deprecated, reason = "DocumentSymbol::deprecated must still be given")]
    fn symbol(&self, a: &Analysis, lines: &Lines, s: &ide::Symbol) -> lsp::DocumentSymbol {
        lsp::DocumentSymbol {
            name: s.name.clone(),
            detail: (!s.detail.is_empty()).then(|| s.detail.clone()),
            kind: match s.kind {
                ide::SymbolKind::Group => lsp::SymbolKind::NAMESPACE,
                ide::SymbolKind::Indicator => lsp::SymbolKind::FIELD,
            },
            tags: None,
            deprecated: None,
            range: self.range(&a.source, lines, s.span),
            selection_range: self.range(&a.source, lines, s.name_span),
            children: Some(s.children.iter().map(|c| self.symbol(a, lines, c)).collect()),
        }
    }
}

fn completions(a: &Analysis) -> Vec<lsp::CompletionItem> {
    ide::completions(a)
        .into_iter()
        .map(|c| lsp::CompletionItem {
            label: c.label,
            kind: Some(match c.kind {
                ide::CompletionKind::Keyword => lsp::CompletionItemKind::KEYWORD,
                ide::CompletionKind::Name => lsp::CompletionItemKind::VARIABLE,
                ide::CompletionKind::Unit => lsp::CompletionItemKind::UNIT,
                ide::CompletionKind::Grade => lsp::CompletionItemKind::ENUM_MEMBER,
            }),
            detail: Some(c.detail),
            ..lsp::CompletionItem::default()
        })
        .collect()
}

fn parse<P: serde::de::DeserializeOwned>(req: &Request) -> Result<P, String> {
    serde_json::from_value(req.params.clone()).map_err(|e| format!("invalid parameters for `{}`: {e}", req.method))
}
