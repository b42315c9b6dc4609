#!/bin/sh
# Marketcross DNS hook for a domain whose DNS is at Cloudflare: it proves to Let's Encrypt
# that the community controls the box's name (ACME DNS-01), without opening any port.
#
# Marketcross calls it as certbot calls its manual hooks:
#   CERTBOT_DOMAIN=box.planetdiss.org CERTBOT_VALIDATION=<value> dns-hook.sh auth
#     adds the TXT record _acme-challenge.box.planetdiss.org and prints its id;
#   CERTBOT_AUTH_OUTPUT=<that id> ... dns-hook.sh cleanup
#     removes it again.
#
# Install (README: "HTTPS on the venue network"):
#   sudo install -m 0755 cloudflare.sh /etc/marketcross/dns-hook.sh
#   sudo install -m 0600 -o marketcross /dev/null /etc/marketcross/dns-hook.env
#   then put in /etc/marketcross/dns-hook.env (readable by the box alone):
#     CF_API_TOKEN=...   an API token with Zone → DNS → Edit on the community's zone only
#     CF_ZONE_ID=...     the zone's id (on the domain's Overview page in Cloudflare)
set -eu

. "${MARKETCROSS_DNS_HOOK_ENV:-/etc/marketcross/dns-hook.env}"
api="${CF_API:-https://api.cloudflare.com/client/v4}/zones/${CF_ZONE_ID:?CF_ZONE_ID is not set}/dns_records"
auth="Authorization: Bearer ${CF_API_TOKEN:?CF_API_TOKEN is not set}"

case "${1:-}" in
  auth)
    answer=$(curl -sS --fail-with-body -X POST "$api" -H "$auth" -H 'Content-Type: application/json' \
      --data "{\"type\":\"TXT\",\"name\":\"_acme-challenge.$CERTBOT_DOMAIN\",\"content\":\"$CERTBOT_VALIDATION\",\"ttl\":60}") ||
      { echo "Cloudflare refused the record: $answer" >&2; exit 1; }
    # The record's id, for cleanup (Marketcross gives it back as CERTBOT_AUTH_OUTPUT).
    echo "$answer" | sed -n 's/.*"result":{[^}]*"id":"\([0-9a-f]*\)".*/\1/p'
    # Let Cloudflare's name servers all have it before Let's Encrypt asks.
    sleep "${CF_PROPAGATION_SECONDS:-10}"
    ;;
  cleanup)
    [ -n "${CERTBOT_AUTH_OUTPUT:-}" ] || { echo "No record id to remove" >&2; exit 1; }
    curl -sS --fail-with-body -X DELETE "$api/$CERTBOT_AUTH_OUTPUT" -H "$auth" >/dev/null
    ;;
  *)
    echo "usage: $0 auth|cleanup (with CERTBOT_DOMAIN and CERTBOT_VALIDATION set)" >&2
    exit 2
    ;;
esac
