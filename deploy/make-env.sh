#!/usr/bin/env bash
# Writes .env beside docker-compose.yml with a random value for every secret the topology needs, once: an existing
# .env is kept as it is (and only missing secrets are added), so re-running never rotates a password under running data.
#   deploy/make-env.sh [path-of-.env]
set -euo pipefail
cd "$(dirname "$0")/.."
ENV_FILE="${1:-.env}"
umask 077
touch "$ENV_FILE"
chmod 600 "$ENV_FILE"
random() { head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | head -c 40; }
added=0
for name in MINIO_ROOT_PASSWORD RABBITMQ_PASSWORD POSTGRES_PASSWORD ORCHESTRATED_STUDENT_HASH_KEY ORCHESTRATED_ADMIN_PASSWORD \
            ORCHESTRATED_API_KEY; do
  if ! grep -q "^$name=" "$ENV_FILE"; then
    echo "$name=$(random)" >>"$ENV_FILE"
    added=$((added + 1))
  fi
done
echo "$ENV_FILE: $added secret(s) generated; the admin login is 'admin' with ORCHESTRATED_ADMIN_PASSWORD from that file."
