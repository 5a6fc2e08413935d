#!/usr/bin/env bash
# Installs the Debian packages of the local mail server (dovecot for IMAP and LMTP, postfix for
# SMTP) when they are missing. Non-interactive: postfix is preseeded as "Local only" so apt never
# asks. The packages' own system services are not used: deploy/mail/mailserver.sh runs both with
# the project's config files under a data directory of its own.
set -euo pipefail

packages=(dovecot-imapd dovecot-lmtpd postfix)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "mail server packages already installed: ${packages[*]}"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "postfix postfix/main_mailer_type select Local only" | $sudo debconf-set-selections
echo "postfix postfix/mailname string aduan.test" | $sudo debconf-set-selections
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "installed: ${missing[*]}"
