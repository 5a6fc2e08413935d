#!/usr/bin/env bash
# The local platform's mail server: Debian's dovecot (IMAP, LMTP) and postfix (SMTP), each with the
# project's own config files (deploy/mail/) and all state under one data directory. No system
# service is touched: the packages' own /etc configuration and systemd units stay as they are.
#
#   deploy/mail/mailserver.sh start|stop|status [DATA_DIR]
#
# DATA_DIR defaults to $ADUAN_HOME/mail (or var/mail in the checkout). Settings (environment):
#   ADUAN_MAIL_SMTP_PORT (2525), ADUAN_MAIL_IMAP_PORT (1143), ADUAN_MAIL_LMTP_PORT (2424),
#   ADUAN_MAIL_PASSWORD (aduan-demo): the password of every mailbox.
# Needs root (dovecot and postfix drop privileges themselves) and the packages that
# deploy/mail/install.sh installs.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cmd=${1:-status}
DATA=${2:-${ADUAN_HOME:-$ROOT/var}/mail}
SMTP_PORT=${ADUAN_MAIL_SMTP_PORT:-2525}
IMAP_PORT=${ADUAN_MAIL_IMAP_PORT:-1143}
LMTP_PORT=${ADUAN_MAIL_LMTP_PORT:-2424}
PASSWORD=${ADUAN_MAIL_PASSWORD:-aduan-demo}
AGENCIES=(bdg babel btn lbk psr)

need() {
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$1" ]; then
    echo "mailserver: $1 is not installed; run deploy/mail/install.sh" >&2
    exit 2
  fi
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

render() { # template -> target, with the placeholders filled in
  sed -e "s|@DATA@|$DATA|g" -e "s|@IMAP_PORT@|$IMAP_PORT|g" -e "s|@LMTP_PORT@|$LMTP_PORT|g" \
    -e "s|@SMTP_PORT@|$SMTP_PORT|g" -e "s|@PASSWORD@|$PASSWORD|g" "$1" >"$2"
}

configure() {
  mkdir -p "$DATA"/{etc/postfix,run,state/postfix,state/dovecot,logs,spool/postfix,maildirs}
  # dovecot's unprivileged processes must reach their files through every parent directory
  chmod 755 "$DATA" "$DATA"/run "$DATA"/state "$DATA"/state/dovecot
  render "$HERE/dovecot.conf" "$DATA/etc/dovecot.conf"
  chmod 644 "$DATA/etc/dovecot.conf"
  render "$HERE/main.cf" "$DATA/etc/postfix/main.cf"
  render "$HERE/master.cf" "$DATA/etc/postfix/master.cf"
  echo "bounce.aduan.test error:5.1.1 mailbox unavailable (bounce.aduan.test always bounces)" \
    >"$DATA/etc/postfix/transport"
  # postfix insists that its config and queue directories belong to root
  chown -R root:root "$DATA/etc/postfix"
  chown root:root "$DATA/spool/postfix"
  chown postfix "$DATA/state/postfix"
  touch "$DATA/logs/postfix.log" "$DATA/logs/dovecot.log"
  for code in "${AGENCIES[@]}"; do
    mkdir -p "$DATA/maildirs/$code.aduan.test/pengaduan/Maildir"/{cur,new,tmp}
  done
  chown -R nobody:nogroup "$DATA/maildirs"
}

start() {
  need dovecot
  need postfix
  if port_open "$SMTP_PORT" || port_open "$IMAP_PORT"; then
    if status >/dev/null; then
      echo "mail server already running (SMTP 127.0.0.1:$SMTP_PORT, IMAP 127.0.0.1:$IMAP_PORT)"
      return 0
    fi
    echo "mailserver: port $SMTP_PORT or $IMAP_PORT is taken by another program" >&2
    exit 1
  fi
  configure
  dovecot -c "$DATA/etc/dovecot.conf"
  # postfix prints its errors only to a terminal; script(1) gives it one
  if ! script -qec "postfix -c '$DATA/etc/postfix' start" /dev/null >"$DATA/logs/postfix-start.log" 2>&1; then
    cat "$DATA/logs/postfix-start.log" >&2
    stop >/dev/null 2>&1 || true
    exit 1
  fi
  for _ in $(seq 1 50); do
    if port_open "$SMTP_PORT" && port_open "$IMAP_PORT" && port_open "$LMTP_PORT"; then
      echo "mail server up: SMTP 127.0.0.1:$SMTP_PORT, IMAP 127.0.0.1:$IMAP_PORT, data in $DATA"
      echo "mailboxes: $(printf 'pengaduan@%s.aduan.test ' "${AGENCIES[@]}")(password: the demo password)"
      return 0
    fi
    sleep 0.2
  done
  echo "mailserver: not listening after 10 s; see $DATA/logs/" >&2
  exit 1
}

stop() {
  if [ -f "$DATA/etc/postfix/main.cf" ]; then
    script -qec "postfix -c '$DATA/etc/postfix' stop" /dev/null >/dev/null 2>&1 || true
  fi
  if [ -f "$DATA/etc/dovecot.conf" ]; then
    doveadm -c "$DATA/etc/dovecot.conf" stop >/dev/null 2>&1 \
      || { [ -f "$DATA/run/dovecot/master.pid" ] && kill "$(cat "$DATA/run/dovecot/master.pid")" 2>/dev/null; } \
      || true
  fi
  for _ in $(seq 1 50); do
    if ! port_open "$SMTP_PORT" && ! port_open "$IMAP_PORT"; then
      echo "mail server stopped"
      return 0
    fi
    sleep 0.2
  done
  echo "mailserver: still listening after 10 s" >&2
  exit 1
}

status() {
  local ok=0
  if [ -f "$DATA/run/dovecot/master.pid" ] && kill -0 "$(cat "$DATA/run/dovecot/master.pid")" 2>/dev/null; then
    echo "dovecot: running (IMAP 127.0.0.1:$IMAP_PORT, LMTP 127.0.0.1:$LMTP_PORT)"
  else
    echo "dovecot: stopped"
    ok=3
  fi
  if [ -f "$DATA/spool/postfix/pid/master.pid" ] && kill -0 "$(tr -d ' ' <"$DATA/spool/postfix/pid/master.pid")" 2>/dev/null; then
    echo "postfix: running (SMTP 127.0.0.1:$SMTP_PORT)"
  else
    echo "postfix: stopped"
    ok=3
  fi
  return $ok
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status [DATA_DIR]" >&2
    exit 64
    ;;
esac
