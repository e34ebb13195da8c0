// Starts `scorecard lsp` for .rules files. Plain JavaScript: no build step.
"use strict";
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("scorecard").get("path") || "scorecard";
  const server = { command, args: ["lsp"] };
  client = new LanguageClient("scorecard", "scorecard", server, {
    documentSelector: [{ scheme: "file", language: "scorecard" }],
  });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
