#!/bin/sh
# The runbook executable (package.json's bin; scripts/bundle.ts copies it to dist/runbook).
# Node 20 reads the certificate bundle NODE_EXTRA_CA_CERTS names as it starts, before any
# JavaScript, together with its own root certificates (src/node.cc → crypto::UseExtraCaCerts,
# node v20.x): ~80 ms of every run on a controller that sets it. runbook's process opens no TLS
# connection (HTTP goes through curl on the hosts, test/bundle.test.ts holds that no tls or https
# module is in the bundle), so the variable reaches Node under another name and dist/cli.js puts
# it back before anything runs: the commands runbook starts see it as they would have.
if [ "${NODE_EXTRA_CA_CERTS+set}" = set ]; then
  RUNBOOK_NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS
  export RUNBOOK_NODE_EXTRA_CA_CERTS
  unset NODE_EXTRA_CA_CERTS
fi
# npm links the bin: the launcher's directory is the one of the file the link names (readlink
# only for a link: a process less, ~2.5 ms, when dist/runbook is started by its own path)
if [ -L "$0" ]; then
  self=$(readlink -f -- "$0") || exit 1
else
  self=$0
fi
case $self in */*) ;; *) self=./$self ;; esac
exec node "${self%/*}/cli.js" "$@"
